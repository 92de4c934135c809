"""Background work of ticketing: the confirmation email with every ticket's QR code and the
event's calendar file. Tasks take primary keys and re-read the rows."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from oscar.core.loading import get_model

from cms.events.calendars import event_ics

from .checkin import ticket_token


def _qr_png(ticket) -> bytes:
    import qrcode

    buffer = io.BytesIO()
    qrcode.make(ticket_token(ticket)).save(buffer, format="PNG")
    return buffer.getvalue()


def send_tickets(order_id: int, language: str = "es") -> None:
    """Email the buyer (and each attendee with another address) their tickets."""
    Order = get_model("order", "Order")
    order = Order.objects.select_related("user").get(pk=order_id)
    tickets = list(order.tickets.select_related("ticket_type__inventory__event"))
    if not tickets:
        return
    event = tickets[0].ticket_type.inventory.event
    with translation.override(language):
        from wagtail.models import Locale

        locale = Locale.objects.filter(language_code=language).first()
        shown = (event.get_translation_or_none(locale) if locale else None) or event
        buyer = order.user.email if order.user_id else order.guest_email
        recipients = {buyer: tickets}
        for ticket in tickets:
            if ticket.attendee_email != buyer:
                recipients.setdefault(ticket.attendee_email, []).append(ticket)
        calendar = event_ics(shown)
        for address, own in recipients.items():
            context = {"order": order, "event": shown, "tickets": own,
                       "url": shown.full_url or ""}  # fmt: skip
            subject = render_to_string("ticketing/email/tickets_subject.txt", context).strip()
            message = EmailMultiAlternatives(
                subject,
                render_to_string("ticketing/email/tickets.txt", context),
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
            for ticket in own:
                message.attach(f"ticket-{ticket.code}.png", _qr_png(ticket), "image/png")
            message.attach("event.ics", calendar, "text/calendar")
            message.send()


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
    """Every minute: unpaid orders past their hold expire, stale waitlist offers pass on."""
    from . import payments, waitlist

    payments.expire_unpaid()
    waitlist.sweep()
