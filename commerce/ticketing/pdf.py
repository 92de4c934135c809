"""PDF tickets (WeasyPrint): one A5 page per ticket with the event, its time in the event's
time zone, the place, the attendee, the ticket type, the code and the QR, in the language
asked for. Rendering is slow, and several times slower without HarfBuzz subsetting
(libharfbuzz-subset0; docs/performance.md has the figures): emails build it in a task;
downloads build it on request.

Nothing is fetched while rendering: the QR is a data URI and every other URL is refused,
so text from an event or an attendee can never make the server load a resource."""

from __future__ import annotations

import base64
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import translation

from .models import Ticket
from .selectors import events_in_language
from .services.checkin import qr_svg


def _qr_data_uri(ticket: Ticket) -> str:
    svg = qr_svg(ticket).encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def tickets_pdf(tickets: Sequence[Ticket], language: str) -> bytes:
    """One page per ticket, in `language` (the event's page in that language when it has
    one). The tickets need `ticket_type` and `inventory__event` loaded (select_related)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    language = language if language in ("es", "en") else "es"
    events = events_in_language([t.inventory.event for t in tickets], language)
    with translation.override(language):
        pages = [
            {
                "ticket": ticket,
                "event": events.get(ticket.inventory.event.translation_key)
                or ticket.inventory.event,
                "qr": _qr_data_uri(ticket),
            }
            for ticket in tickets
        ]
        html = render_to_string(
            "ticketing/pdf/tickets.html", {"pages": pages, "language": language}
        )
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def pdf_filename(tickets: Sequence[Ticket]) -> str:
    if len(tickets) == 1:
        return f"ticket-{tickets[0].code}.pdf"
    return f"tickets-{tickets[0].order.number}.pdf"
