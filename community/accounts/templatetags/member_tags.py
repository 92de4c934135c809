from django import template

from community.accounts.directory import public_profile

register = template.Library()


@register.filter
def member_card(profile, viewer) -> dict:
    """`{% with card=member.profile|member_card:user %}`: what `viewer` sees of the member, as
    the directory's cards get it (public_profile: name, handle, avatar, headline fields,
    interests), so another page (connections) draws the same card from a user's profile."""
    return public_profile(profile, viewer=viewer) if profile is not None else {}
