"""The one path for every message the platform sends: `notify`.

It records the in-app notification and one Delivery per channel the member allows; each
immediate delivery is sent by a task after commit, digests by a scheduled task. A Delivery
is unique per (notification, channel) and sent under a row lock, so retries never send it
twice."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import ValidationFailed
from config.tasks import enqueue

from .models import Delivery, Notification, NotificationPreference, NotificationSettings
from .registry import CHANNELS, FREQUENCIES, get_type
from .rendering import recipient_language, render
from .selectors import effective_channels


def supported_channels() -> tuple[str, ...]:
    """The channels deliveries are made on; WhatsApp only when it is configured."""
    from .channels import supported_channels as configured_channels

    return configured_channels()


def notify(
    *, recipient, type_code: str, context: dict | None = None, url: str = ""
) -> Notification | None:
    """Tell `recipient` about an event of `type_code`; `context` fills the placeholders.

    Returns None when the member's choices turn every channel off. A notification sent only
    by email is recorded already read and archived, so it stays out of the in-app inbox."""
    kind = get_type(type_code)
    context = {k: str(v) for k, v in (context or {}).items() if k in kind.placeholders}
    context.setdefault("name", recipient.get_full_name() or recipient.email.split("@")[0])
    rendered = render(
        type_code=type_code,
        channel="in_app",
        language=recipient_language(recipient),
        context={**context, "link": url},
    )
    channels = effective_channels(user=recipient, type_code=type_code)
    if not channels:
        return None
    hidden_at = None if "in_app" in channels else timezone.now()
    supported = supported_channels()
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=recipient,
            type_code=type_code,
            title=rendered.subject[:200],
            body=rendered.body,
            url=url,
            context=context,
            read_at=hidden_at,
            archived_at=hidden_at,
        )
        for channel, frequency in channels.items():
            if channel not in supported:
                continue
            if channel == "in_app":
                Delivery.objects.create(
                    notification=notification, channel=channel, status=Delivery.Status.SENT,
                    sent_at=timezone.now(),
                )  # fmt: skip
                continue
            immediate = frequency == "immediate"
            delivery = Delivery.objects.create(
                notification=notification,
                channel=channel,
                frequency=frequency,
                status=Delivery.Status.PENDING if immediate else Delivery.Status.DIGEST,
            )
            if immediate:
                enqueue("community.notifications.tasks.delivery_send", delivery.pk)
    return notification


MAX_ATTEMPTS = 5


def delivery_send(*, delivery_id: int) -> str:
    """Send one pending delivery; idempotent. Returns its status afterwards."""
    from .channels import CHANNELS as CHANNEL_CLASSES
    from .channels import DeliverySkipped

    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient__profile")
            .get(pk=delivery_id)
        )
        if delivery.status not in (Delivery.Status.PENDING, Delivery.Status.FAILED):
            return delivery.status  # already sent (or skipped): never twice
        delivery.attempts += 1
        try:
            CHANNEL_CLASSES[delivery.channel].send(delivery)
        except DeliverySkipped as exc:  # cannot go out on this channel; retrying won't help
            delivery.status, delivery.last_error = Delivery.Status.SKIPPED, str(exc)[:2000]
            delivery.save(update_fields=["status", "attempts", "last_error"])
            return delivery.status
        except Exception as exc:  # noqa: BLE001 - any failure of the channel is recorded
            error = f"{type(exc).__name__}: {exc}"[:2000]
        else:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, timezone.now()
            delivery.last_error = ""
            delivery.save(update_fields=["status", "sent_at", "attempts", "last_error"])
            return delivery.status
        delivery.status, delivery.last_error = Delivery.Status.FAILED, error
        delivery.save(update_fields=["status", "attempts", "last_error"])
        if delivery.attempts < MAX_ATTEMPTS:
            retry_at = timezone.now() + timedelta(minutes=2**delivery.attempts)
            transaction.on_commit(lambda: _schedule_retry(delivery.pk, retry_at))
        return delivery.status


def _schedule_retry(delivery_id: int, when) -> None:
    from django_q.models import Schedule

    Schedule.objects.create(
        name=f"notification-delivery-{delivery_id}-retry-{when:%Y%m%d%H%M%S}",
        func="community.notifications.tasks.delivery_send",
        args=str(delivery_id),
        schedule_type=Schedule.ONCE,
        next_run=when,
        repeats=1,
    )


def digest_send(*, frequency: str) -> int:
    """Send each member one email with their waiting `frequency` deliveries. Returns the
    number of emails sent; a second run finds nothing left to send."""
    from .channels import send_email_digest

    if frequency not in ("daily", "weekly"):
        raise ValueError(f"Digests are daily or weekly, not {frequency!r}")
    user_ids = (
        Delivery.objects.filter(status=Delivery.Status.DIGEST, frequency=frequency, channel="email")
        .values_list("notification__recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(user_ids):
        with transaction.atomic():
            deliveries = list(
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=Delivery.Status.DIGEST,
                    frequency=frequency,
                    channel="email",
                    notification__recipient_id=user_id,
                )
                .select_related("notification__recipient__profile")
                .order_by("notification__created_at")
            )
            if not deliveries:
                continue
            user = deliveries[0].notification.recipient
            send_email_digest(
                user,
                [d.notification for d in deliveries],
                message_id=f"digest-{frequency}-{user_id}-{deliveries[-1].pk}",
                frequency=frequency,
            )
            now = timezone.now()
            Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
                status=Delivery.Status.SENT, sent_at=now, attempts=1
            )
            sent += 1
    return sent


def notification_mark_read(*, user, notification_ids: list[int] | None = None) -> int:
    """Mark the member's notifications read (all unread when no ids). Returns how many."""
    qs = Notification.objects.filter(recipient=user, read_at=None)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def notification_archive(*, user, notification_id: int) -> Notification:
    notification = Notification.objects.get(recipient=user, pk=notification_id)
    if notification.archived_at is None:
        now = timezone.now()
        notification.archived_at, notification.read_at = now, notification.read_at or now
        notification.save(update_fields=["archived_at", "read_at"])
    return notification


def preferences_update(*, user, changes: list[dict], enabled=None, email_enabled=None) -> None:
    """Apply a member's choices; every change is validated before any is saved."""
    cleaned = []
    for change in changes:
        type_code, channel = change.get("type"), change.get("channel")
        try:
            kind = get_type(type_code)
        except LookupError:
            raise ValidationFailed(
                _("Unknown notification type “%(type)s”.") % {"type": type_code},
                code="unknown_type",
            ) from None
        if channel not in CHANNELS:
            raise ValidationFailed(
                _("Unknown channel “%(channel)s”.") % {"channel": channel}, code="unknown_channel"
            )
        frequency = change.get("frequency", kind.default_frequency)
        if frequency not in FREQUENCIES:
            raise ValidationFailed(
                _("Frequency must be immediate, daily or weekly."), code="unknown_frequency"
            )
        cleaned.append((kind.code, channel, bool(change.get("enabled", True)), frequency))
    with transaction.atomic():
        for type_code, channel, is_enabled, frequency in cleaned:
            NotificationPreference.objects.update_or_create(
                user=user,
                type_code=type_code,
                channel=channel,
                defaults={"enabled": is_enabled, "frequency": frequency},
            )
        if enabled is not None or email_enabled is not None:
            settings_row, _created = NotificationSettings.objects.get_or_create(user=user)
            if enabled is not None:
                settings_row.enabled = bool(enabled)
            if email_enabled is not None:
                settings_row.email_enabled = bool(email_enabled)
            settings_row.save()


def unsubscribe(*, user_id: int, type_code: str) -> str:
    """Stop emails of one type ("*": every email). Returns what was switched off."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    if type_code == "*":
        preferences_update(user=user, changes=[], email_enabled=False)
        return "*"
    preferences_update(
        user=user, changes=[{"type": type_code, "channel": "email", "enabled": False}]
    )
    return type_code
