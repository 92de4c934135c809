from django import template

register = template.Library()


@register.filter
def public(profile, field: str):
    """`{{ member.profile|public:"ai_interests" }}`: the field as other members see it,
    None when the member hid it (Profile.public_value)."""
    return profile.public_value(field) if profile is not None else None
