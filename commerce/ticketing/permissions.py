"""Every permission rule of ticketing: who manages an event's tickets, refunds, checks people
in, sees registrations; who may use a reservation or a waitlist entry; who holds a ticket
(and so may see, download or transfer it); which hidden ticket types a code unlocks.

Services check these before they change anything; views and the API ask the same functions
to decide between a page, a 403 and a 404. Roles are Django groups with Django permissions
(`events.submit_event` for organizers); the matrix is tested in
tests/quality/test_authorization_matrix.py."""

from __future__ import annotations

from django.db.models import Q

from cms.events.models import EventPage

from .models import Ticket, TicketVisibility
from .services.pricing import find_voucher


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


# ---- organizers and staff ------------------------------------------------------------------


def may_manage_tickets(user, event: EventPage) -> bool:
    """Admins, and the event's organizer or co-organizers: ticket types, promo codes,
    attendees, messages to them, refunds."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("events.submit_event"):
        return False
    return event.organizer_id == user.pk or event.co_organizers.filter(pk=user.pk).exists()


def may_see_registrations(user) -> bool:
    """Who gets the registrations pages at all: organizers and admins."""
    return _signed_in(user) and (user.is_superuser or user.has_perm("events.submit_event"))


def may_check_in(user, event: EventPage) -> bool:
    """The event's organizers and admins, and staff at the door."""
    return _signed_in(user) and (user.is_staff or may_manage_tickets(user, event))


def may_refund_any_ticket(user, order) -> bool:
    """Admins and the organizers of the order's event refund any of its tickets."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    ticket = order.tickets.select_related("inventory__event").first()
    return ticket is not None and may_manage_tickets(user, ticket.inventory.event)


def may_refund(user, order) -> bool:
    """Admins and the event's organizers; buyers only cancel their own free registrations
    (and never the tickets they transferred away: services/refunds.py)."""
    if may_refund_any_ticket(user, order):
        return True
    return _signed_in(user) and order.user_id == user.pk and order.total_incl_tax == 0


def may_ask_refund(user, order) -> bool:
    """Who learns that the order exists when asking for a refund (anyone else: 404): those
    who may refund it, and its buyer (who hears why not)."""
    return may_refund(user, order) or (_signed_in(user) and order.user_id == user.pk)


# ---- buyers --------------------------------------------------------------------------------


def may_use_hold(user, hold) -> bool:
    """A reservation's token is its secret; one made signed in is only its account's."""
    return not hold.user_id or (_signed_in(user) and hold.user_id == user.pk)


def may_use_waitlist_entry(user, entry) -> bool:
    """A waitlist entry's token is its secret; one made signed in is only its account's."""
    return not entry.user_id or (_signed_in(user) and entry.user_id == user.pk)


def may_cancel_order(user, order) -> bool:
    """Only the buyer (or an admin) cancels an unpaid order; a guest's order is reached
    through its reservation link, which is the proof."""
    if not order.user_id:
        return True
    return _signed_in(user) and (user.is_superuser or order.user_id == user.pk)


def holder_q(user) -> Q:
    """Tickets `user` holds: issued to their account, or bought by them and never
    transferred since (a ticket given back to the buyer is issued to their account). A
    transfer is final: whoever gave a ticket away (the buyer too) no longer sees, downloads
    or transfers it."""
    return Q(user=user) | Q(order__user=user, transferred_at__isnull=True)


def holds_ticket(user, ticket: Ticket) -> bool:
    """`holder_q` for one ticket (reads `ticket.order`)."""
    if not _signed_in(user):
        return False
    if ticket.user_id == user.pk:
        return True
    return ticket.transferred_at is None and ticket.order.user_id == user.pk


may_transfer = holds_ticket


def buyer_holds(ticket: Ticket) -> bool:
    """Whether the ticket's buyer still holds it, so that the order may show its code and
    QR: never transferred, or transferred back to the buyer's account."""
    if ticket.transferred_at is None:
        return True
    buyer = ticket.order.user_id
    return buyer is not None and ticket.user_id == buyer


# ---- hidden ticket types -------------------------------------------------------------------


def may_see_ticket_type(ticket_type, code: str = "") -> bool:
    """Public types show to everyone; a hidden one to its unlock code, or to a promo code
    that covers it."""
    if ticket_type.visibility == TicketVisibility.PUBLIC:
        return True
    code = (code or "").strip().lower()
    if not code:
        return False
    if code == ticket_type.unlock_code.strip().lower():
        return True
    _voucher, offer = find_voucher(code, ticket_type.product_id)
    return offer is not None
