"""Handing a ticket to another person, for good.

The holder (the account that bought it, or the attendee's account) gives a valid ticket,
not yet used, of an event that has not ended, to someone else by name and email. The
ticket gets a new code and its `token_version` goes up, so neither the QR code nor the
code already sent admits anyone (`ticket_check_in` answers "void" for the old QR and knows
no ticket by the old code); the new holder is emailed a new PDF ticket and the old holder
is told, both after the transaction commits.

A transfer is final: from then on only the new holder may see, download or transfer the
ticket (`permissions.holder_q`, `permissions.holds_ticket`). The buyer keeps the order and
its receipt, which show the ticket as transferred, without its code or its holder
(`permissions.buyer_holds`)."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.events.models import EventStatus
from config import audit
from config.errors import Conflict, NotPermitted, ValidationFailed
from config.tasks import enqueue

from ..models import Ticket, TicketStatus, ticket_code
from ..permissions import may_transfer

logger = logging.getLogger(__name__)


def transfer_refusal(ticket: Ticket, now=None) -> Conflict | None:
    """Why the ticket cannot be transferred now (None: it can). Needs `inventory__event`."""
    event = ticket.inventory.event
    if ticket.status == TicketStatus.VOID:
        return Conflict(_("This ticket is void (refunded or transferred)."), code="void")
    if ticket.status != TicketStatus.VALID:  # an order still waiting for its payment
        return Conflict(_("This ticket is not paid for yet."), code="unpaid")
    if ticket.checked_in_at is not None:
        return Conflict(_("This ticket was already used at the door."), code="checked_in")
    if event.end <= (now or timezone.now()) or event.status == EventStatus.CANCELLED:
        return Conflict(_("The event is over or cancelled."), code="event_over")
    return None


def _clean(name: str, email: str) -> tuple[str, str]:
    name, email = (name or "").strip(), (email or "").strip().lower()
    fields = {}
    if not name:
        fields["name"] = [_("Give the new attendee's name.")]
    elif len(name) > 120:
        fields["name"] = [_("At most 120 characters.")]
    try:
        validate_email(email)
    except ValidationError:
        fields["email"] = [_("Give a valid email address.")]
    if fields:
        raise ValidationFailed(
            _("Check the new attendee's details."), code="attendee", fields=fields
        )
    return name, email


def ticket_transfer(*, code: str, user, name: str, email: str) -> Ticket:
    """Give the ticket `code` held by `user` to `name` <`email`>; returns the ticket."""
    name, email = _clean(name, email)
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update(of=("self",))
            .select_related("order", "inventory__event")
            .filter(code=(code or "").strip().upper()[:24])
            .first()
        )
        if ticket is None or not may_transfer(user, ticket):
            raise NotPermitted(_("Only the ticket's buyer or its attendee can transfer it."))
        refusal = transfer_refusal(ticket)
        if refusal is not None:
            raise refusal
        if email == ticket.attendee_email.lower():
            raise ValidationFailed(
                _("This person already holds the ticket."),
                code="same_attendee",
                fields={"email": [_("Give someone else's email address.")]},
            )
        old_name, old_email, old_code = ticket.attendee_name, ticket.attendee_email, ticket.code
        account = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        ticket.attendee_name, ticket.attendee_email = name, email
        ticket.user = account
        ticket.code = ticket_code()  # the old one was told at the door and printed
        ticket.token_version += 1
        ticket.transferred_at = timezone.now()
        ticket.save(
            update_fields=["attendee_name", "attendee_email", "user", "code", "token_version",
                           "transferred_at"]
        )  # fmt: skip
        audit.record(
            ticket,
            "medellin.ticket_transfer",
            user=user,
            data={
                "old_name": old_name,
                "old_email": old_email,
                "new_name": name,
                "new_email": email,
            },
            title=f"#{ticket.pk}",  # not its code, which now admits the new attendee
        )
        logger.info(
            "ticketing.ticket.transferred ticket=%s by=%s version=%s",
            ticket.pk,
            user.pk,
            ticket.token_version,
        )
        language = (translation.get_language() or "es")[:2]
        enqueue(
            "commerce.ticketing.tasks.send_transfer",
            ticket.pk,
            old_name,
            old_email,
            language,
            old_code,
        )
    return ticket
