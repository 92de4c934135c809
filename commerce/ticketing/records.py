"""What the organizers' tools remember: the messages sent to an event's attendees (so a
double submit sends nothing twice) and the inventory alerts already given (so each
threshold is announced once per ticket type and once for the event's total).

Kept out of models.py (the core ticketing models) on purpose; the app imports this module
when it is ready (apps.py), which registers both models under the `ticketing` label."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendeeMessage(models.Model):
    """A message an organizer sent to every valid ticket holder of an event."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    inventory = models.ForeignKey(
        "ticketing.EventInventory", on_delete=models.CASCADE, related_name="attendee_messages"
    )
    # The form's one-time token or the API's idempotency key (or a digest of the text).
    key = models.CharField(max_length=64)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "ticketing"
        verbose_name = _("message to attendees")
        verbose_name_plural = _("messages to attendees")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "key"], name="ticketing_attendee_message_once"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class InventoryAlert(models.Model):
    """An alert given: `scope` is "event" or "type:<id>", `threshold` a percentage."""

    inventory = models.ForeignKey(
        "ticketing.EventInventory", on_delete=models.CASCADE, related_name="alerts"
    )
    scope = models.CharField(max_length=32)
    threshold = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "ticketing"
        verbose_name = _("inventory alert")
        verbose_name_plural = _("inventory alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "scope", "threshold"], name="ticketing_inventory_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.threshold}%"
