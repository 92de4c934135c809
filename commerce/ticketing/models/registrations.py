"""What the organizers' registration tools remember: the messages sent to an event's
attendees, so that a double submit sends nothing twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .inventory import EventInventory


class AttendeeMessage(models.Model):
    """A message an organizer sent to every valid ticket holder of an event."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    inventory = models.ForeignKey(
        EventInventory, on_delete=models.CASCADE, related_name="attendee_messages"
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
