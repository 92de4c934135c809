"""Seat holds: seats set aside for one buyer until they expire, the price frozen with them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .inventory import EventInventory
from .ticket_types import TicketType


class HoldStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CONVERTED = "converted", _("Turned into an order")
    RELEASED = "released", _("Released")


class SeatHold(models.Model):
    """Seats set aside for one buyer until `expires_at`; the price is frozen with them."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inventory = models.ForeignKey(EventInventory, on_delete=models.CASCADE, related_name="holds")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.CASCADE, related_name="holds")
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    # frozen when the hold is made: the sum of each seat's price, the discounts, what to pay
    subtotal = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    discount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    discount_label = models.CharField(max_length=255, blank=True)
    voucher = models.ForeignKey(
        "voucher.Voucher", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.ForeignKey(
        "offer.ConditionalOffer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True, help_text=_("Guest buyer's email, once known."))
    # a bundle's seats at its other events: same quantity, status and expiry as the parent
    is_bundle = models.BooleanField(default=False, editable=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="parts"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HoldStatus.choices, default="active"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seat_holds",
    )
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(auto_now_add=True)
    order = models.OneToOneField(
        "order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="seat_hold"
    )

    class Meta:
        verbose_name = _("seat hold")
        verbose_name_plural = _("seat holds")
        indexes = [
            models.Index(fields=["inventory", "status", "expires_at"], name="ticketing_hold_inv"),
            models.Index(fields=["ticket_type", "status", "expires_at"], name="ticketing_hold_tt"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.ticket_type}"

    @property
    def is_live(self) -> bool:
        return self.status == HoldStatus.ACTIVE and self.expires_at > timezone.now()
