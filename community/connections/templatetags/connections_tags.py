from django import template

register = template.Library()


@register.filter
def public(profile, field: str):
    """`{{ member.profile|public:"ai_interests" }}`: the field as other members see it,
    None when the member hid it (Profile.public_value)."""
    return profile.public_value(field) if profile is not None else None


@register.filter
def member_card(profile, viewer) -> dict:
    """`{% with card=member.profile|member_card:user %}`: what `viewer` sees of the member, as
    the directory's cards get it (public_profile: name, handle, avatar, headline fields,
    interests), so the connections page draws the same card from a user's profile."""
    from community.accounts.directory import public_profile

    return public_profile(profile, viewer=viewer) if profile is not None else {}
