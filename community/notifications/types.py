from django.utils.translation import gettext_lazy as _

from .registry import NotificationType, register

ROLE_CHANGED = register(
    NotificationType(
        code="account.role_changed",
        label=_("Your role changed"),
        subject=_("Your role is now {role}"),
        body=_("Hello {name}, an administrator changed your role on Medellín AI to {role}."),
        placeholders=frozenset({"name", "role", "reason", "link"}),
    )
)
ANNOUNCEMENT = register(
    NotificationType(
        code="community.announcement",
        label=_("Community announcements"),
        subject="{title}",
        body=_("Hello {name}, {message}"),
        placeholders=frozenset({"name", "title", "message", "link"}),
        default_frequency="weekly",
    )
)
