"""Reads for a buyer's account: their orders with tickets, one receipt, their upcoming
tickets, and the one ticket a holder may download or transfer. Each list costs a fixed
number of queries whatever its length (tests/commerce/ticketing/test_billing.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from cms.events.models import EventPage

from .models import Ticket, TicketStatus
from .transfers import buyer_holds, holder_q, transfer_refusal


def held_by(user) -> Q:
    """Tickets a person holds: issued to their account, or of an order they placed and did
    not transfer. A transfer is final: whoever gave a ticket away (the buyer too) no longer
    sees, downloads or transfers it (transfers.py)."""
    return holder_q(user)


def ticket_for_holder(*, user, code: str) -> Ticket | None:
    """The ticket with this code if `user` holds it (anyone else: None, shown as 404)."""
    if not (user and user.is_authenticated) or not code:
        return None
    return (
        Ticket.objects.filter(held_by(user), code=code.strip().upper()[:24])
        .select_related("ticket_type", "order", "inventory__event__venue")
        .first()
    )


def events_in_language(events: Iterable[EventPage], language: str) -> dict:
    """Translation key → the event's page in `language` (or the page given), in one query."""
    events = list(events)
    shown = {event.translation_key: event for event in events}
    if shown:
        for page in (
            EventPage.objects.filter(translation_key__in=shown, locale__language_code=language)
            .live()
            .select_related("venue")
        ):
            shown[page.translation_key] = page
    return shown


def _ticket_rows() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("ticket_type", "inventory__event__venue").order_by("pk")


def orders_of_buyer(*, user) -> QuerySet:
    """The orders `user` placed, newest first, with their lines and tickets prefetched."""
    Order = get_model("order", "Order")
    if not (user and user.is_authenticated):
        return Order.objects.none()
    return (
        Order.objects.filter(user=user)
        .prefetch_related("lines", Prefetch("tickets", queryset=_ticket_rows()))
        .order_by("-date_placed", "-pk")
    )


def order_of_buyer(*, user, number: str):
    """One of `user`'s orders by its number (someone else's: None, shown as 404)."""
    return orders_of_buyer(user=user).filter(number=str(number)[:128]).first()


def order_event(order) -> EventPage | None:
    """The event an order is for (from its prefetched tickets)."""
    tickets = list(order.tickets.all())
    return tickets[0].inventory.event if tickets else None


def with_events(orders: Iterable, language: str) -> list:
    """The buyer's orders, each with `.event` (its event in `language`; one query for all),
    `.quantity`, `.status_label`, and on each ticket `.held` (the buyer still holds it:
    not transferred away) and `.transferable`."""
    orders = list(orders)
    events = [event for order in orders if (event := order_event(order)) is not None]
    shown = events_in_language(events, language)
    now = timezone.now()
    for order in orders:
        event = order_event(order)
        order.event = shown.get(event.translation_key, event) if event else None
        order.quantity = sum(line.quantity for line in order.lines.all())
        order.status_label = order_status_label(order.status)
        for ticket in order.tickets.all():
            ticket.held = buyer_holds(ticket)
            ticket.transferable = ticket.held and transfer_refusal(ticket, now) is None
    return orders


def upcoming_tickets(*, user, language: str, limit: int = 5) -> list[Ticket]:
    """The valid tickets `user` holds for events that have not ended, soonest first, each
    with `.event` in `language`."""
    if not (user and user.is_authenticated):
        return []
    tickets = list(
        _ticket_rows()
        .filter(held_by(user), status=TicketStatus.VALID, inventory__event__end__gt=timezone.now())
        .order_by("inventory__event__start", "pk")[:limit]
    )
    shown = events_in_language([t.inventory.event for t in tickets], language)
    for ticket in tickets:
        ticket.event = shown.get(ticket.inventory.event.translation_key, ticket.inventory.event)
    return tickets


# What buyers read for an order's status (Oscar keeps it as a free string). Statuses not
# listed show as they are stored. (No msgctxt: scripts/messages.py keys on msgid alone, and
# "Paid" already means a paid event there.)
ORDER_STATUS_LABELS = {
    "pending": _("Awaiting payment"),
    "paid": _("Payment confirmed"),
    "cancelled": _("Order cancelled"),
    "expired": _("Order expired"),
    "refunded": _("Refunded in full"),
    "partially refunded": _("Partly refunded"),
}


def order_status_label(status: str) -> str:
    key = (status or "").strip().lower().replace("_", " ")
    return str(ORDER_STATUS_LABELS.get(key, status))
