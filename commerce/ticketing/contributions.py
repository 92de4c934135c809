"""What ticketing adds to pages it does not own, through their extension points (events and
the member dashboard never import ticketing):
- the event page (cms/events/extensions.py): the tickets panel, the listing's price filter
  (also `?price=` in the content API), the offers in the event's JSON-LD and the ticket
  summary (price from, seats left) of event cards and the page's call to action;
- the member's dashboard (community/accounts/dashboard.py): the upcoming tickets.

Importing this module registers them (TicketingConfig.ready())."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language

from cms.events.extensions import (
    register_event_page_panel,
    register_listing_filter,
    register_offers_source,
    register_ticket_summary_source,
)
from community.accounts.dashboard import register_dashboard_section

from .selectors import (
    event_keys_with_any_tickets,
    event_keys_with_price,
    public_ticket_types,
    ticket_summaries,
    upcoming_tickets,
)


def tickets_panel(page, request) -> dict:
    return {"ticket_types": public_ticket_types(page)}


def filter_by_price(events: QuerySet, price: str) -> QuerySet:
    """ "paid": sells at least one paid ticket type; "free": sells a free one, or has no
    ticket types at all (a meetup you just turn up to)."""
    if price == "paid":
        return events.filter(translation_key__in=event_keys_with_price(free=False))
    return events.filter(
        Q(translation_key__in=event_keys_with_price(free=True))
        | ~Q(translation_key__in=event_keys_with_any_tickets())
    )


def ticket_offers(event, request) -> list[dict]:
    """schema.org Offer objects: one per ticket type a visitor sees."""
    url = request.build_absolute_uri(reverse("ticketing:event", args=[event.pk]))
    offers = []
    for ticket in public_ticket_types(event):
        offer = {
            "@type": "Offer",
            "name": ticket.name,
            "price": f"{ticket.price:.2f}",
            "priceCurrency": ticket.currency,
            "url": url,
            "availability": "https://schema.org/InStock",
        }
        if ticket.sale_starts:
            offer["validFrom"] = ticket.sale_starts.isoformat()
        offers.append(offer)
    return offers


def upcoming_tickets_section(request) -> dict:
    return {"upcoming_tickets": upcoming_tickets(user=request.user, language=get_language()[:2])}


register_event_page_panel(
    "ticketing.tickets", template="ticketing/_event_page_tickets.html", context=tickets_panel
)
register_listing_filter("price", filter_by_price)
register_offers_source("ticketing.offers", ticket_offers)
register_ticket_summary_source("ticketing.summary", ticket_summaries)
register_dashboard_section(
    "ticketing.upcoming_tickets",
    template="ticketing/_dashboard_tickets.html",
    context=upcoming_tickets_section,
)
