"""Background work of ticketing: the confirmation email with the PDF tickets and the event's
calendar file, and the emails of a transfer. Tasks take primary keys and re-read the rows."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from oscar.core.loading import get_model

from cms.events.calendars import event_ics

from .models import Ticket
from .pdf import pdf_filename, tickets_pdf
from .permissions import buyer_holds
from .selectors import event_organizers, events_in_language


def _email(template: str, context: dict, address: str) -> EmailMultiAlternatives:
    subject = render_to_string(f"ticketing/email/{template}_subject.txt", context).strip()
    return EmailMultiAlternatives(
        subject,
        render_to_string(f"ticketing/email/{template}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [address],
    )


def _with_tickets(message: EmailMultiAlternatives, tickets: list, language: str, calendar):
    message.attach(pdf_filename(tickets), tickets_pdf(tickets, language), "application/pdf")
    message.attach("event.ics", calendar, "text/calendar")
    return message


def send_tickets(order_id: int, language: str = "es") -> None:
    """Email the buyer (and each attendee with another address) their tickets: one PDF with
    a page per ticket, and the event's .ics. A ticket transferred since goes to its new
    holder only, never back to the buyer (services/transfers.py)."""
    Order = get_model("order", "Order")
    order = Order.objects.select_related("user").get(pk=order_id)
    tickets = list(
        order.tickets.select_related("ticket_type", "inventory__event__venue").order_by("pk")
    )
    if not tickets:
        return
    event = tickets[0].inventory.event
    with translation.override(language):
        shown = events_in_language([event], language).get(event.translation_key, event)
        buyer = order.user.email if order.user_id else order.guest_email
        own = [t for t in tickets if buyer_holds(t) or t.attendee_email == buyer]
        recipients = {buyer: own} if own else {}
        for ticket in tickets:
            if ticket.attendee_email != buyer:
                recipients.setdefault(ticket.attendee_email, []).append(ticket)
        calendar = event_ics(shown)
        for address, own in recipients.items():
            context = {"order": order, "event": shown, "tickets": own,
                       "url": shown.full_url or ""}  # fmt: skip
            _with_tickets(_email("tickets", context, address), own, language, calendar).send()


def tickets_issued(order_id: int, language: str, inventory_id: int) -> None:
    """After an order is paid (or free): the organizers' inventory alerts (each announced
    once, whatever happens next), then the tickets to the buyer. One task, so the order's
    request queues one job."""
    from .services.alerts import check_inventory

    check_inventory(inventory_id)
    send_tickets(order_id, language)


def tell_dispute(order_id: int, reason: str) -> None:
    """A card dispute needs an answer in Stripe before its deadline: the platform's admins
    (they hold the Stripe account) and the event's organizers (they know the attendee)
    hear of it, each in their language, with the link to the order in the admin."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from community.notifications.rendering import recipient_language
    from community.notifications.services import notify

    Order = get_model("order", "Order")
    order = Order.objects.get(pk=order_id)
    ticket = order.tickets.select_related("inventory__event").order_by("pk").first()
    if ticket is None:
        return
    event = ticket.inventory.event
    people = {user.pk: user for user in event_organizers(event)}
    for admin in get_user_model().objects.filter(is_superuser=True, is_active=True):
        people.setdefault(admin.pk, admin)
    url = reverse("ticketing_admin:order", args=[event.pk, order.number])
    for user in people.values():
        shown = _shown_event(event, recipient_language(user))
        notify(
            recipient=user,
            type_code="ticketing.payment_disputed",
            context={
                "event": shown.title,
                "order": order.number,
                "amount": f"{order.total_incl_tax:,.0f} {order.currency}",
                "reason": reason or "-",
            },
            url=url,
        )


def _shown_event(event, language: str):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    return (event.get_translation_or_none(locale) if locale else None) or event


def send_refund_notice(refund_id: int) -> None:
    """Tell the buyer which tickets were refunded (or cancelled) and how much returns."""
    from .models import Refund

    refund = Refund.objects.select_related("order__user").get(pk=refund_id)
    order = refund.order
    tickets = list(refund.tickets.select_related("ticket_type__inventory__event"))
    if not tickets:
        tickets = list(order.tickets.select_related("ticket_type__inventory__event"))
    if not tickets:
        return
    language = getattr(order.user, "language", "") or "es"
    with translation.override(language[:2]):
        event = _shown_event(tickets[0].ticket_type.inventory.event, language[:2])
        context = {"order": order, "refund": refund, "tickets": tickets, "event": event}
        EmailMultiAlternatives(
            render_to_string("ticketing/email/refund_subject.txt", context).strip(),
            render_to_string("ticketing/email/refund.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [order.user.email if order.user_id else order.guest_email],
        ).send()


def send_waitlist_offer(entry_id: int) -> None:
    """A seat is reserved for a waitlist entry: send the link that claims it."""
    from django.urls import reverse

    from .models import WaitlistEntry

    entry = WaitlistEntry.objects.select_related("hold", "ticket_type__inventory__event").get(
        pk=entry_id
    )
    if entry.hold is None:
        return
    with translation.override(entry.language):
        event = _shown_event(entry.ticket_type.inventory.event, entry.language)
        context = {
            "entry": entry,
            "event": event,
            "url": settings.SITE_URL + reverse("ticketing:hold", args=[entry.hold.token]),
        }
        EmailMultiAlternatives(
            render_to_string("ticketing/email/waitlist_subject.txt", context).strip(),
            render_to_string("ticketing/email/waitlist.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [entry.email],
        ).send()


def sweep() -> None:
    """Every minute: unpaid orders past their hold expire, stale waitlist offers pass on,
    and the seat counters of events with recent holds or a waitlist are counted again
    (so nothing could leave them off for long: a deploy, a deleted account's entries)."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from .models import SeatHold, WaitlistEntry, WaitlistStatus
    from .services.availability import inventory_recount
    from .services.orders import expire_unpaid
    from .services.waitlist import waitlist_sweep

    expire_unpaid()
    waitlist_sweep()
    recent = SeatHold.objects.filter(created_at__gte=timezone.now() - timedelta(days=1))
    busy = set(recent.values_list("inventory_id", flat=True)) | set(
        WaitlistEntry.objects.filter(status=WaitlistStatus.WAITING).values_list(
            "inventory_id", flat=True
        )
    )
    for inventory_id in sorted(busy):  # one short lock each
        with transaction.atomic():
            inventory_recount([inventory_id])


def _language_of(user, fallback: str) -> str:
    profile = getattr(user, "profile", None) if user is not None else None
    return getattr(profile, "preferred_language", "") or fallback


def send_transfer(
    ticket_id: int, old_name: str, old_email: str, language: str = "es", old_code: str = ""
) -> None:
    """After a transfer: the new holder gets their PDF ticket and the .ics (in their
    account's language, else the language the transfer was made in); the old holder is
    told, by the code they knew, that it no longer admits anyone (never the new code)."""
    ticket = Ticket.objects.select_related(
        "ticket_type", "order", "user__profile", "inventory__event__venue"
    ).get(pk=ticket_id)
    source = ticket.inventory.event
    new_language = _language_of(ticket.user, language)
    with translation.override(new_language):
        event = events_in_language([source], new_language).get(source.translation_key, source)
        context = {"ticket": ticket, "event": event, "old_name": old_name,
                   "url": event.full_url or ""}  # fmt: skip
        message = _email("transfer_received", context, ticket.attendee_email)
        _with_tickets(message, [ticket], new_language, event_ics(event)).send()
    if old_email and old_email.lower() != ticket.attendee_email.lower():
        with translation.override(language):
            event = events_in_language([source], language).get(source.translation_key, source)
            context = {"ticket": ticket, "event": event, "old_name": old_name,
                       "old_code": old_code}  # fmt: skip
            _email("transfer_sent", context, old_email).send()
