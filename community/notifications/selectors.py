from __future__ import annotations

from django.db.models import QuerySet

from .models import Notification, NotificationPreference, NotificationSettings
from .registry import CHANNELS, NotificationType, all_types, get_type


def notification_list(*, user, unread_only: bool = False, archived: bool = False) -> QuerySet:
    qs = Notification.objects.filter(recipient=user)
    qs = qs.exclude(archived_at=None) if archived else qs.filter(archived_at=None)
    if unread_only:
        qs = qs.filter(read_at=None)
    return qs


def notification_unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at=None, archived_at=None).count()


def settings_for(user) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def channel_choice(
    kind: NotificationType, channel: str, saved: dict[tuple[str, str], NotificationPreference]
) -> tuple[bool, str]:
    """(enabled, frequency) for one type and channel: the member's choice or the default."""
    pref = saved.get((kind.code, channel))
    if pref is not None:
        return pref.enabled, pref.frequency
    return channel in kind.default_channels, kind.default_frequency


def preference_matrix(*, user) -> list[dict]:
    """Every type × channel with the effective choice, for the settings page and the API."""
    saved = {(p.type_code, p.channel): p for p in NotificationPreference.objects.filter(user=user)}
    rows = []
    for kind in all_types():
        for channel in CHANNELS:
            enabled, frequency = channel_choice(kind, channel, saved)
            rows.append(
                {
                    "type": kind.code,
                    "label": str(kind.label),
                    "channel": channel,
                    "enabled": enabled,
                    "frequency": frequency,
                    "mandatory": kind.mandatory,
                }
            )
    return rows


def effective_channels(*, user, type_code: str) -> dict[str, str]:
    """{channel: frequency} this notification goes to, after the master switches."""
    kind = get_type(type_code)
    master = settings_for(user)
    saved = {
        (p.type_code, p.channel): p
        for p in NotificationPreference.objects.filter(user=user, type_code=type_code)
    }
    result = {}
    for channel in CHANNELS:
        enabled, frequency = channel_choice(kind, channel, saved)
        if kind.mandatory and channel in kind.default_channels:
            enabled, frequency = True, "immediate"
        elif not master.enabled or (channel == "email" and not master.email_enabled):
            enabled = False
        if enabled:
            # only email has digests; in-app and WhatsApp messages go out at once
            result[channel] = frequency if channel == "email" else "immediate"
    return result
