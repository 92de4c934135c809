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
