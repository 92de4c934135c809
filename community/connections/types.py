from django.utils.translation import gettext_lazy as _

from community.notifications.registry import NotificationType, register

REQUESTED = register(
    NotificationType(
        code="connections.requested",
        label=_("Connection requests"),
        subject=_("{sender} wants to connect"),
        body=_("Hello {name}, {sender} sent you a connection request on Medellín AI."),
        placeholders=frozenset({"name", "sender", "link"}),
    )
)
ACCEPTED = register(
    NotificationType(
        code="connections.accepted",
        label=_("Accepted connections"),
        subject=_("{sender} accepted your request"),
        body=_("Hello {name}, you and {sender} are now connected on Medellín AI."),
        placeholders=frozenset({"name", "sender", "link"}),
        default_channels=frozenset({"in_app"}),
    )
)
