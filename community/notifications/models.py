from string import Formatter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import CHANNELS, FREQUENCIES, get_type, type_choices

CHANNEL_CHOICES = [
    ("in_app", _("On the platform")),
    ("email", _("Email")),
    ("whatsapp", _("WhatsApp")),
]
assert [c for c, _label in CHANNEL_CHOICES] == list(CHANNELS)  # noqa: S101 - import-time invariant
FREQUENCY_CHOICES = [
    ("immediate", _("Immediately")),
    ("daily", _("Daily digest")),
    ("weekly", _("Weekly digest")),
]
assert [f for f, _label in FREQUENCY_CHOICES] == list(FREQUENCIES)  # noqa: S101


def placeholders_in(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in Formatter().parse(text) if field is not None}


class Notification(models.Model):
    """One thing a member was told; the in-app inbox is these rows."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="platform_notifications"
    )
    type_code = models.CharField(_("type"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["recipient"], name="notif_unread_idx", condition=models.Q(read_at=None)
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """A notification on one channel. Unique per (notification, channel): sent at most once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DIGEST = "digest", _("Waiting for digest")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(max_length=20, choices=CHANNEL_CHOICES)
    frequency = models.CharField(max_length=20, choices=FREQUENCY_CHOICES, default="immediate")
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="one_delivery_per_channel"
            )
        ]
        indexes = [models.Index(fields=["status", "frequency", "channel"])]

    def __str__(self) -> str:
        return f"{self.notification_id}/{self.channel}: {self.status}"


class NotificationPreference(models.Model):
    """A member's choice for one type on one channel (PRD notification_preferences).
    No row means the type's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    type_code = models.CharField(_("type"), max_length=80, choices=type_choices)
    channel = models.CharField(_("channel"), max_length=20, choices=CHANNEL_CHOICES)
    enabled = models.BooleanField(_("enabled"), default=True)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=FREQUENCY_CHOICES, default="immediate"
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "type_code", "channel"], name="one_pref_per_type_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.type_code}/{self.channel}"


class NotificationSettings(models.Model):
    """The master switches: everything, and every email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    enabled = models.BooleanField(_("notifications on"), default=True)
    email_enabled = models.BooleanField(_("emails on"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {'on' if self.enabled else 'off'}"


class NotificationTemplate(models.Model):
    """An admin's wording for one type, channel and language (PRD notification_templates);
    without one, the type's built-in wording is used, translated."""

    type_code = models.CharField(_("type"), max_length=80, choices=type_choices)
    channel = models.CharField(_("channel"), max_length=20, choices=CHANNEL_CHOICES)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Placeholders in braces, such as {name}; the type lists them.")
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        constraints = [
            models.UniqueConstraint(
                fields=["type_code", "channel", "language"], name="one_template_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.type_code} / {self.channel} / {self.language}"

    def clean(self) -> None:
        try:
            allowed = get_type(self.type_code).placeholders
        except LookupError:
            raise ValidationError({"type_code": _("Unknown notification type.")}) from None
        errors = {}
        for field in ("subject", "body"):
            try:
                used = placeholders_in(getattr(self, field))
            except ValueError:
                errors[field] = _("Unbalanced braces: write {name}, or {{ and }} for a brace.")
                continue
            unknown = used - allowed
            if unknown:
                errors[field] = _("Unknown placeholders: %(unknown)s. Available: %(allowed)s.") % {
                    "unknown": ", ".join(f"{{{p}}}" for p in sorted(unknown)),
                    "allowed": ", ".join(f"{{{p}}}" for p in sorted(allowed)),
                }
        if errors:
            raise ValidationError(errors)
