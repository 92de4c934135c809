"""Where other apps add to events without events importing them: panels on the event page,
filters of the listing (and of the content API), offers in the event's JSON-LD and the
ticket summary (price from, seats left, where to get them) that event cards and the event
page's call to action show.

Events know only the extension points; an app registers what it adds once, in its
AppConfig.ready(). Ticketing, for example (commerce/ticketing/contributions.py):

    from cms.events.extensions import register_event_page_panel

    def tickets_panel(page, request) -> dict:
        return {"ticket_types": public_ticket_types(page)}

    register_event_page_panel(
        "ticketing.tickets", template="ticketing/_event_page_tickets.html", context=tickets_panel
    )

A panel's context is merged into the event page's context, and its template is included
in the page, after the description, in the order panels were registered. A listing
filter answers one field of the listing's filter form (the field stays with events: "price"
is "free" or "paid"); with nobody registered for it, the field filters nothing. An offers
source returns schema.org Offer objects. A ticket summary source answers for a whole list of
events at once, in a fixed number of queries (a listing of 12 events costs what one costs),
with a `TicketSummary` for each event (by primary key) that sells tickets; an event it leaves
out shows no price and no call to action. Registering again under the same code replaces the
earlier entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet


@dataclass(frozen=True)
class EventPagePanel:
    code: str
    template: str
    context: Callable[..., dict]  # (page, request) -> what the template needs


# Seats left at or below this are "few": cards and the call to action say how many.
FEW_SEATS = 20


@dataclass(frozen=True)
class TicketSummary:
    """What an event card and the event page's call to action say of an event's tickets."""

    url: str  # where to get them (or join the waitlist)
    price_from: Decimal | None  # the lowest price on sale now or later; None: nothing on sale
    currency: str = "COP"
    seats_left: int | None = None  # None: no limit
    on_sale: bool = True  # something can be bought now (else: not yet, or no longer)

    @property
    def is_free(self) -> bool:
        return self.price_from is not None and self.price_from == 0

    @property
    def sold_out(self) -> bool:
        return self.seats_left == 0

    @property
    def few_seats(self) -> bool:
        return self.seats_left is not None and 0 < self.seats_left <= FEW_SEATS


ListingFilter = Callable[[QuerySet, str], QuerySet]  # (events, the field's value) -> events
OffersSource = Callable[..., list[dict]]  # (event, request) -> schema.org Offer objects
# (events, exact) -> {event pk: TicketSummary}; exact: count seats as a hold would (the event
# page), else from the counters kept on the event (cards)
TicketSummarySource = Callable[..., dict[int, TicketSummary]]

_PANELS: dict[str, EventPagePanel] = {}
_FILTERS: dict[str, ListingFilter] = {}
_OFFERS: dict[str, OffersSource] = {}
_SUMMARIES: dict[str, TicketSummarySource] = {}


def register_event_page_panel(
    code: str, *, template: str, context: Callable[..., dict]
) -> EventPagePanel:
    panel = EventPagePanel(code=code, template=template, context=context)
    _PANELS[code] = panel
    return panel


def register_listing_filter(field: str, apply: ListingFilter) -> None:
    _FILTERS[field] = apply


def register_offers_source(code: str, offers: OffersSource) -> None:
    _OFFERS[code] = offers


def register_ticket_summary_source(code: str, summaries: TicketSummarySource) -> None:
    _SUMMARIES[code] = summaries


def event_page_panels(page, request) -> dict:
    """What the registered panels add to an event page's context, with `event_page_panels`:
    the templates to include."""
    context: dict = {}
    for panel in _PANELS.values():
        context.update(panel.context(page, request))
    context["event_page_panels"] = [panel.template for panel in _PANELS.values()]
    return context


def apply_listing_filter(field: str, events: QuerySet, value: str) -> QuerySet:
    apply = _FILTERS.get(field)
    return events if apply is None else apply(events, value)


def event_offers(event, request) -> list[dict]:
    return [offer for source in _OFFERS.values() for offer in source(event, request)]


def attach_ticket_summaries(events: Iterable, *, exact: bool = False) -> list:
    """The events, each with `ticket_summary` (a TicketSummary, or None when nobody sells
    tickets for it): what event cards and the event page's call to action read."""
    events = list(events)
    found: dict[int, TicketSummary] = {}
    if events:
        for source in _SUMMARIES.values():
            for pk, summary in source(events, exact=exact).items():
                found.setdefault(pk, summary)
    for event in events:
        event.ticket_summary = found.get(event.pk)
    return events
