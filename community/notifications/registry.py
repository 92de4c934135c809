"""Notification types: what can be sent, to which channels by default, with which
placeholders. Each feature registers its types in its own `types` module."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise

CHANNELS = ("in_app", "email", "whatsapp")
FREQUENCIES = ("immediate", "daily", "weekly")


@dataclass(frozen=True)
class NotificationType:
    code: str  # dotted, stable: "account.role_changed"
    label: str | Promise
    subject: str | Promise  # default title/subject, with {placeholders}
    body: str | Promise  # default text, with {placeholders}
    placeholders: frozenset[str] = field(default_factory=frozenset)
    default_channels: frozenset[str] = frozenset({"in_app", "email"})
    default_frequency: str = "immediate"
    # Security and account messages ignore preferences and the master switch for email.
    mandatory: bool = False


_TYPES: dict[str, NotificationType] = {}


def register(notification_type: NotificationType) -> NotificationType:
    unknown = notification_type.default_channels - set(CHANNELS)
    if unknown:
        raise ValueError(f"Unknown channels {sorted(unknown)} for {notification_type.code}")
    _TYPES[notification_type.code] = notification_type
    return notification_type


def get_type(code: str) -> NotificationType:
    try:
        return _TYPES[code]
    except KeyError as exc:
        raise LookupError(f"Unknown notification type {code!r}") from exc


def all_types() -> list[NotificationType]:
    return sorted(_TYPES.values(), key=lambda t: t.code)


def type_choices() -> list[tuple[str, str]]:
    return [(t.code, str(t.label)) for t in all_types()]
