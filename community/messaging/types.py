from django.utils.translation import gettext_lazy as _

from community.notifications.registry import NotificationType, register

NEW_MESSAGE = register(
    NotificationType(
        code="messages.new_message",
        label=_("New direct messages"),
        subject=_("New message from {sender}"),
        body=_("Hello {name}, {sender} wrote to you on Medellín AI: “{excerpt}”"),
        placeholders=frozenset({"name", "sender", "excerpt", "link"}),
    )
)
REPORTED = register(
    NotificationType(
        code="messages.reported",
        label=_("Reported messages (moderators)"),
        subject=_("A message was reported: {reason}"),
        body=_("Hello {name}, a member reported a direct message ({reason}). Please review it."),
        placeholders=frozenset({"name", "reason", "link"}),
    )
)
