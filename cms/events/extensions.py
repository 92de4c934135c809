"""Where other apps add to events without events importing them: panels on the event page,
filters of the listing (and of the content API) and offers in the event's JSON-LD.

Events know only the extension points; an app registers what it adds once, in its
AppConfig.ready(). Ticketing, for example (commerce/ticketing/contributions.py):

    from cms.events.extensions import register_event_page_panel

    def tickets_panel(page, request) -> dict:
        return {"ticket_types": public_ticket_types(page)}

    register_event_page_panel(
        "ticketing.tickets", template="ticketing/_event_page_tickets.html", context=tickets_panel
    )

A panel's context is merged into the event page's context, and its template is included
in the page, after the calendar links, in the order panels were registered. A listing
filter answers one field of the listing's filter form (the field stays with events: "price"
is "free" or "paid"); with nobody registered for it, the field filters nothing. An offers
source returns schema.org Offer objects. Registering again under the same code replaces the
earlier entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class EventPagePanel:
    code: str
    template: str
    context: Callable[..., dict]  # (page, request) -> what the template needs


ListingFilter = Callable[[QuerySet, str], QuerySet]  # (events, the field's value) -> events
OffersSource = Callable[..., list[dict]]  # (event, request) -> schema.org Offer objects

_PANELS: dict[str, EventPagePanel] = {}
_FILTERS: dict[str, ListingFilter] = {}
_OFFERS: dict[str, OffersSource] = {}


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
