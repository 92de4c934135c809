"""Ticketing reads shared by the event page, the API and other apps (events notify the
people registered when an event is cancelled or moved)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from .models import Ticket, TicketStatus, TicketType, TicketVisibility


def registrants(event) -> QuerySet[Ticket]:
    """Everyone holding a valid ticket for the event (any of its language versions)."""
    return Ticket.objects.filter(
        inventory__event_key=event.translation_key, status=TicketStatus.VALID
    ).select_related("user")


def public_ticket_types(event) -> list[TicketType]:
    """The ticket types a visitor sees on the event page, cheapest first."""
    now = timezone.now()
    return [
        ticket_type
        for ticket_type in TicketType.objects.filter(
            inventory__event_key=event.translation_key,
            is_active=True,
            visibility=TicketVisibility.PUBLIC,
        )
        .select_related("inventory")
        .order_by("sort_order", "price", "pk")
        if ticket_type.sale_ends is None or ticket_type.sale_ends > now
    ]


def event_keys_with_price(*, free: bool) -> QuerySet:
    """Translation keys of events selling at least one free (or paid) public ticket type."""
    queryset = TicketType.objects.filter(is_active=True, visibility=TicketVisibility.PUBLIC)
    queryset = queryset.filter(price=0) if free else queryset.filter(price__gt=0)
    return queryset.values("inventory__event_key")


def event_keys_with_any_tickets() -> QuerySet:
    return TicketType.objects.values("inventory__event_key")


def ticket_offers(event, *, code: str = "") -> list[dict]:
    """What the tickets page offers: public types, plus hidden ones the code unlocks, each
    with its price now (price steps applied), the seats left now (None: no limit), whether
    it can be bought now, and the seconds until its sale ends (early-bird countdowns)."""
    from .pricing import seat_prices
    from .services import _unlocked, available, taken

    now = timezone.now()
    types = TicketType.objects.filter(inventory__event_key=event.translation_key, is_active=True)
    types = list(
        types.select_related("inventory")
        .prefetch_related("price_steps", "includes__event")
        .order_by("sort_order", "price", "pk")
    )
    shown = [t for t in types if t.visibility == TicketVisibility.PUBLIC or _unlocked(t, code)]
    counts = taken(shown[0].inventory) if shown else None
    offers = []
    for ticket_type in shown:
        left = available(ticket_type, counts)
        sold = counts["types"].get(ticket_type.pk, 0)
        capacity = ticket_type.capacity or ticket_type.inventory.capacity
        offers.append(
            {
                "type": ticket_type,
                "price": seat_prices(ticket_type, sold=sold, quantity=1, capacity=capacity)[0],
                "left": left,
                "on_sale": ticket_type.on_sale(now) and (left is None or left > 0),
                "sold_out": left == 0,
                "ends_in": (
                    int((ticket_type.sale_ends - now).total_seconds())
                    if ticket_type.sale_ends and ticket_type.on_sale(now)
                    else None
                ),
            }
        )
    return offers


def question_pairs(source, shown) -> list[tuple]:
    """The attendee questions as (question answers are filed under, question to show):
    answers belong to the page the tickets were created from; a translated page shows its
    own wording for the same questions (same order), or the source's when they differ."""
    keys = list(source.requirements.all())
    if shown.pk == source.pk:
        return [(key, key) for key in keys]
    labels = list(shown.requirements.all())
    if len(labels) != len(keys) or any(a.kind != b.kind for a, b in zip(keys, labels, strict=True)):
        labels = keys
    return list(zip(keys, labels, strict=True))


def promo_codes(event):
    """The vouchers whose offers cover the event's ticket types, newest first."""
    from oscar.core.loading import get_model

    Voucher = get_model("voucher", "Voucher")
    products = TicketType.objects.filter(inventory__event_key=event.translation_key).values(
        "product_id"
    )
    return (
        Voucher.objects.filter(offers__condition__range__included_products__in=products)
        .distinct()
        .order_by("-date_created")
    )


def group_offers(event):
    """The site offers (group discounts) that cover the event's ticket types."""
    from oscar.core.loading import get_model

    ConditionalOffer = get_model("offer", "ConditionalOffer")
    products = TicketType.objects.filter(inventory__event_key=event.translation_key).values(
        "product_id"
    )
    return (
        ConditionalOffer.objects.filter(
            offer_type=ConditionalOffer.SITE,
            condition__range__included_products__in=products,
        )
        .select_related("condition", "benefit")
        .distinct()
        .order_by("-date_created")
    )


def event_orders(event):
    """The Oscar orders with tickets for the event (any language version), newest first."""
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    return (
        Order.objects.filter(tickets__inventory__event_key=event.translation_key)
        .distinct()
        .select_related("user")
        .order_by("-date_placed")
    )
