"""Tickets: one attendee's admission to one event."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .inventory import EventInventory
from .ticket_types import TicketType


def ticket_code() -> str:
    """Unguessable: 120 random bits, URL-safe, upper case for reading aloud."""
    return secrets.token_urlsafe(15).upper()


class TicketStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
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
    # set by a transfer: from then on the buyer keeps the order, not the ticket
    # (services/transfers.py)
    transferred_at = models.DateTimeField(_("transferred"), null=True, blank=True, editable=False)
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
