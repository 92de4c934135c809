from django import template

from ..forms import MessagingPreferenceForm
from ..rendering import message_html
from ..selectors import can_message, messages_from

register = template.Library()


@register.filter
def message_body(text: str):
    """A message's text as safe HTML: escaped, links made clickable, line breaks kept."""
    return message_html(text or "")


@register.simple_tag(takes_context=True)
def can_message_member(context, member_id: int) -> bool:
    """Whether the signed-in member may write to the member with this id (profile pages)."""
    from django.contrib.auth import get_user_model

    user = context["request"].user
    other = get_user_model().objects.filter(pk=member_id).first()
    return bool(user.is_authenticated and other is not None and can_message(user, other))


@register.simple_tag(takes_context=True)
def messaging_preference_form(context):
    """The "who can message me" form for the settings page."""
    user = context["request"].user
    return MessagingPreferenceForm(initial={"messages_from": messages_from(user)})
