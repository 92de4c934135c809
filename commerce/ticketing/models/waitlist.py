"""The waitlist of a sold-out ticket type."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .holds import SeatHold
from .inventory import EventInventory
from .ticket_types import TicketType


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Offered a seat")
    CLAIMED = "claimed", _("Bought")
    EXPIRED = "expired", _("Offer expired")
    LEFT = "left", _("Left the list")


class WaitlistEntry(models.Model):
    """Someone waiting for a sold-out ticket type. When seats free up the first entry gets a
    hold reserved for it (an offer) and an email; an unclaimed offer passes to the next."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inventory = models.ForeignKey(EventInventory, on_delete=models.CASCADE, related_name="waitlist")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.CASCADE, related_name="waitlist")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("email"))
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    language = models.CharField(max_length=5, default="es")
    status = models.CharField(
        _("status"), max_length=8, choices=WaitlistStatus.choices, default="waiting"
    )
    hold = models.OneToOneField(
        SeatHold, null=True, blank=True, on_delete=models.SET_NULL, related_name="waitlist_entry"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["ticket_type", "status", "created_at"], name="ticketing_wait_tt"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket_type", "email"],
                condition=models.Q(status__in=["waiting", "offered"]),
                name="ticketing_wait_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} × {self.quantity}"
