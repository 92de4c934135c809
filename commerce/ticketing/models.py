"""Ticket types, seat holds and tickets.

Oscar checks stock before placing an order and reserves nothing in the basket, so on its
own it can sell the last seat twice. This layer sits between choosing tickets and placing
the order: choosing creates a `SeatHold` that expires, and holds are created only while an
event's `EventInventory` row is locked (services.py), so availability is computed and taken
in one step. Every registration, free or paid, ends as an Oscar order with one `Ticket` per
attendee.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


def ticket_code() -> str:
    """Unguessable: 120 random bits, URL-safe, upper case for reading aloud."""
    return secrets.token_urlsafe(15).upper()


class EventInventory(models.Model):
    """One row per event, shared by its language versions (same Wagtail translation key):
    its total capacity, and the row every seat hold for the event locks first."""

    event_key = models.UUIDField(_("event"), unique=True)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page it was created from; every language version shares it."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    # What registrants were last told: a publish that changes these tells them again.
    announced_start = models.DateTimeField(null=True, blank=True, editable=False)
    announced_end = models.DateTimeField(null=True, blank=True, editable=False)
    announced_status = models.CharField(max_length=10, blank=True, editable=False)

    class Meta:
        verbose_name = _("event inventory")
        verbose_name_plural = _("event inventories")

    def __str__(self) -> str:
        return str(self.event)


class TicketCategory(models.TextChoices):
    EARLY_BIRD = "early_bird", _("Early bird")
    REGULAR = "regular", _("Regular")
    VIP = "vip", _("VIP")
    GROUP = "group", _("Group")
    FREE = "free", _("Free RSVP")
    CUSTOM = "custom", _("Other")


class TicketVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    HIDDEN = "hidden", _("Hidden: unlocked by a code")


class TicketType(models.Model):
    """A kind of ticket for an event, sold as an Oscar product of the "Ticket" class."""

    inventory = models.ForeignKey(
        EventInventory, on_delete=models.CASCADE, related_name="ticket_types"
    )
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.PROTECT, related_name="ticket_type"
    )
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_es = models.TextField(_("benefits (Spanish)"), blank=True, max_length=1000)
    description_en = models.TextField(_("benefits (English)"), blank=True, max_length=1000)
    category = models.CharField(
        _("category"), max_length=12, choices=TicketCategory.choices, default="regular"
    )
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="COP")
    sale_starts = models.DateTimeField(_("on sale from"), null=True, blank=True)
    sale_ends = models.DateTimeField(_("on sale until"), null=True, blank=True)
    min_per_order = models.PositiveSmallIntegerField(_("minimum per order"), default=1)
    max_per_order = models.PositiveSmallIntegerField(_("maximum per order"), default=10)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: only the event's total applies.")
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=TicketVisibility.choices, default="public"
    )
    unlock_code = models.CharField(_("unlock code"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("on sale"), default=True)

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["sort_order", "price", "pk"]
        indexes = [
            models.Index(fields=["inventory", "is_active"], name="ticketing_type_inv_active")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_es

    @property
    def description(self) -> str:
        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description_es

    @property
    def is_free(self) -> bool:
        return self.price == 0

    def clean(self):
        errors = {}
        if self.min_per_order < 1:
            errors["min_per_order"] = _("At least one ticket per order.")
        elif self.max_per_order < self.min_per_order:
            errors["max_per_order"] = _("The maximum cannot be below the minimum.")
        if self.sale_starts and self.sale_ends and self.sale_ends <= self.sale_starts:
            errors["sale_ends"] = _("The sale must end after it starts.")
        if self.visibility == TicketVisibility.HIDDEN and not self.unlock_code:
            errors["unlock_code"] = _("Hidden tickets need a code that unlocks them.")
        if self.price is not None and self.price < 0:
            errors["price"] = _("A price cannot be negative.")
        if errors:
            raise ValidationError(errors)

    def on_sale(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_active
            and (self.sale_starts is None or self.sale_starts <= now)
            and (self.sale_ends is None or now < self.sale_ends)
        )


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


class TicketStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    VOID = "void", _("Void")


class Ticket(models.Model):
    """One attendee's admission to one event."""

    code = models.CharField(_("code"), max_length=24, unique=True, default=ticket_code)
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="tickets")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT, related_name="tickets")
    inventory = models.ForeignKey(EventInventory, on_delete=models.PROTECT, related_name="tickets")
    attendee_name = models.CharField(_("attendee"), max_length=120)
    attendee_email = models.EmailField(_("attendee's email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        help_text=_("The attendee's account, when their email has one."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=TicketStatus.choices, default="valid"
    )
    # bumped when the ticket is transferred or voided: older QR codes stop working
    token_version = models.PositiveSmallIntegerField(default=1, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        indexes = [
            models.Index(fields=["inventory", "status"], name="ticketing_ticket_inv"),
            models.Index(fields=["ticket_type", "status"], name="ticketing_ticket_tt"),
            models.Index(fields=["attendee_email"], name="ticketing_ticket_email"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.attendee_name})"
