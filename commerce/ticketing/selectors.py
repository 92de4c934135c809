"""Ticketing's reads, shared by views, the API, tasks and other apps. Each list costs a
fixed number of queries whatever its length (tests/quality/test_query_budgets.py,
tests/commerce/ticketing/test_billing.py).

- The event's tickets: what a visitor is offered, the listings' price filters.
- Organizers: ticket types with their counts, orders, promo codes, attendees and messages.
- Buyers: their orders and receipts, their upcoming tickets, the ticket they hold.
- Waitlist and check-in: a place in line, the door's counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Sum, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from oscar.core.loading import get_model

from cms.events.extensions import TicketSummary
from cms.events.models import EventPage
from cms.events.permissions import own_events_filter

from .models import (
    AttendeeMessage,
    EventInventory,
    HoldStatus,
    SeatHold,
    Ticket,
    TicketStatus,
    TicketType,
    TicketVisibility,
    WaitlistEntry,
    WaitlistStatus,
)
from .permissions import buyer_holds, holder_q, may_see_registrations, may_see_ticket_type
from .services.availability import available, counters, taken
from .services.pricing import seat_prices
from .services.transfers import transfer_refusal

# ---- the event's tickets ---------------------------------------------------------------------


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


def ticket_summaries(events: Iterable[EventPage], *, exact: bool = False) -> dict:
    """{event pk: TicketSummary} for the events that sell public tickets: the lowest price
    now of the types still to be sold (price steps applied), the seats left and whether any
    can be bought now. Two queries for any number of events (types, their price steps), one
    more per event when `exact` (seats counted as a hold would, for the event page; else
    from the event's seat counters, which may still count holds that ran out moments ago)."""
    events = list(events)
    now = timezone.now()
    by_key: dict = {}
    for ticket_type in (
        TicketType.objects.filter(
            inventory__event_key__in={event.translation_key for event in events},
            is_active=True,
            visibility=TicketVisibility.PUBLIC,
        )
        .select_related("inventory")
        .prefetch_related("price_steps")
        .order_by("sort_order", "price", "pk")
    ):
        if ticket_type.sale_ends is None or ticket_type.sale_ends > now:
            by_key.setdefault(ticket_type.inventory.event_key, []).append(ticket_type)
    summaries: dict = {}
    for key, types in by_key.items():
        inventory = types[0].inventory
        counts = taken(inventory) if exact else counters(inventory)
        prices, lefts, on_sale = [], [], False
        for ticket_type in types:
            left = available(ticket_type, counts)
            lefts.append(left)
            if left == 0:
                continue
            sold = counts["types"].get(ticket_type.pk, 0)
            capacity = ticket_type.capacity or inventory.capacity
            prices.append(seat_prices(ticket_type, sold=sold, quantity=1, capacity=capacity)[0])
            on_sale = on_sale or ticket_type.on_sale(now)
        seats_left = None if None in lefts else max(lefts)
        for event in (event for event in events if event.translation_key == key):
            summaries[event.pk] = TicketSummary(
                url=reverse("ticketing:event", args=[event.pk]),
                price_from=min(prices) if prices else None,
                currency=types[0].currency,
                seats_left=seats_left,
                on_sale=on_sale,
            )
    return summaries


def event_keys_with_price(*, free: bool) -> QuerySet:
    """Translation keys of events selling at least one free (or paid) public ticket type."""
    queryset = TicketType.objects.filter(is_active=True, visibility=TicketVisibility.PUBLIC)
    queryset = queryset.filter(price=0) if free else queryset.filter(price__gt=0)
    return queryset.values("inventory__event_key")


def event_keys_with_any_tickets() -> QuerySet:
    return TicketType.objects.values("inventory__event_key")


FEW_LEFT = 10  # seats: from here down the tickets page says "few left"


def ticket_offers(event, *, code: str = "") -> list[dict]:
    """What the tickets page offers: public types, plus hidden ones the code unlocks, each
    with its price now (price steps applied), the seats left now (None: no limit), whether
    it can be bought now, and the seconds until its sale ends (early-bird countdowns)."""
    now = timezone.now()
    types = TicketType.objects.filter(inventory__event_key=event.translation_key, is_active=True)
    types = list(
        types.select_related("inventory")
        .prefetch_related("price_steps", "includes__event")
        .order_by("sort_order", "price", "pk")
    )
    shown = [t for t in types if may_see_ticket_type(t, code)]
    counts = taken(shown[0].inventory) if shown else None
    groups = group_discounts(shown)
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
                "few_left": left is not None and 0 < left <= FEW_LEFT,
                "ends_in": (
                    int((ticket_type.sale_ends - now).total_seconds())
                    if ticket_type.sale_ends and ticket_type.on_sale(now)
                    else None
                ),
                "groups": groups.get(ticket_type.product_id, []),
            }
        )
    return offers


def group_discounts(ticket_types: Iterable[TicketType], now=None) -> dict[int, list[dict]]:
    """Product id → the open group discounts (Oscar "Count" site offers) that cover it, as
    {"min_quantity", "percent"} or {"min_quantity", "amount"}, fewest seats first: the hint
    on the tickets page. One query (services/pricing.py applies them)."""
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    products = {t.product_id for t in ticket_types}
    if not products:
        return {}
    now = now or timezone.now()
    rows = (
        ConditionalOffer.objects.filter(
            offer_type=ConditionalOffer.SITE,
            status=ConditionalOffer.OPEN,
            condition__type=Condition.COUNT,
            benefit__type__in=[Benefit.PERCENTAGE, Benefit.FIXED, Benefit.FIXED_UNIT],
        )
        .filter(Q(start_datetime__isnull=True) | Q(start_datetime__lte=now))
        .filter(Q(end_datetime__isnull=True) | Q(end_datetime__gte=now))
        .filter(
            Q(condition__range__includes_all_products=True)
            | Q(condition__range__included_products__in=products)
        )
        .values_list(
            "pk",
            "condition__range__includes_all_products",
            "condition__range__included_products",
            "condition__value",
            "benefit__type",
            "benefit__value",
        )
        .order_by("condition__value", "pk")
    )
    found: dict[int, list[dict]] = {}
    seen = set()
    for pk, everything, product, minimum, kind, value in rows:
        covered = products if everything else {product} & products
        for product_id in covered:
            if (pk, product_id) in seen:
                continue
            seen.add((pk, product_id))
            key = "percent" if kind == Benefit.PERCENTAGE else "amount"
            found.setdefault(product_id, []).append({"min_quantity": int(minimum), key: value})
    return found


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


# ---- organizers ------------------------------------------------------------------------------


def event_organizers(event: EventPage) -> list:
    """The event's organizer and co-organizers who are active, each once."""
    people = {event.organizer_id: event.organizer} if event.organizer_id else {}
    for user in event.co_organizers.all():
        people.setdefault(user.pk, user)
    return [user for user in people.values() if user.is_active]


def ticket_type_counts(event: EventPage) -> dict:
    """Sold, reserved and left per ticket type of the event (three queries)."""
    inventory = EventInventory.objects.filter(event_key=event.translation_key).first()
    if inventory is None:
        return {}
    now = timezone.now()
    sold = dict(
        Ticket.objects.filter(inventory=inventory, status=TicketStatus.VALID)
        .values_list("ticket_type")
        .annotate(n=Count("id"))
    )
    reserved = dict(
        SeatHold.objects.filter(inventory=inventory, status=HoldStatus.ACTIVE, expires_at__gt=now)
        .values_list("ticket_type")
        .annotate(n=Sum("quantity"))
    )
    counts = {"event": sum(sold.values()) + sum(reserved.values()), "types": {}}
    for type_id in sold.keys() | reserved.keys():
        counts["types"][type_id] = sold.get(type_id, 0) + reserved.get(type_id, 0)
    types = TicketType.objects.filter(inventory=inventory).select_related("inventory")
    left = {t.pk: available(t, counts) for t in types}
    return {"sold": sold, "reserved": reserved, "left": left}


def promo_codes(event):
    """The vouchers whose offers cover the event's ticket types, newest first."""
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
    Order = get_model("order", "Order")
    return (
        Order.objects.filter(tickets__inventory__event_key=event.translation_key)
        .distinct()
        .select_related("user")
        .order_by("-date_placed")
    )


STATUS_FILTERS = {
    "valid": gettext_lazy("Valid"),
    "void": gettext_lazy("Void"),
    "checked_in": gettext_lazy("Checked in"),
    "not_checked_in": gettext_lazy("Not checked in yet"),
}


def managed_inventories(user) -> QuerySet[EventInventory]:
    """The events with tickets the user manages (every event for admins), latest first,
    each with `sold` and `checked_in` counted in the same query."""
    if not may_see_registrations(user):
        return EventInventory.objects.none()
    queryset = EventInventory.objects.all()
    if not user.is_superuser:
        keys = EventPage.objects.filter(own_events_filter(user)).values("translation_key")
        queryset = queryset.filter(event_key__in=keys)
    valid = Q(tickets__status=TicketStatus.VALID)
    return (
        queryset.select_related("event")
        .annotate(
            sold=Count("tickets", filter=valid),
            checked_in=Count("tickets", filter=valid & Q(tickets__checked_in_at__isnull=False)),
        )
        .order_by("-event__start", "-pk")
    )


def translated_events(inventories: Iterable[EventInventory], language: str) -> dict:
    """{event_key: the event's page in `language`} (one query), for titles and links."""
    keys = [inventory.event_key for inventory in inventories]
    return {
        page.translation_key: page
        for page in EventPage.objects.filter(
            translation_key__in=keys, locale__language_code=language
        )
    }


def event_inventory(event: EventPage) -> EventInventory | None:
    return EventInventory.objects.filter(event_key=event.translation_key).first()


def event_ticket_types(event: EventPage) -> list[TicketType]:
    return list(
        TicketType.objects.filter(inventory__event_key=event.translation_key).order_by(
            "sort_order", "price", "pk"
        )
    )


def attendee_list(
    event: EventPage, *, search: str = "", ticket_type: int | None = None, status: str = ""
) -> QuerySet[Ticket]:
    """The event's tickets (every language version), filtered; by order, then ticket."""
    queryset = Ticket.objects.filter(inventory__event_key=event.translation_key)
    search = (search or "").strip()[:120]
    if search:
        queryset = queryset.filter(
            Q(attendee_name__icontains=search)
            | Q(attendee_email__icontains=search)
            | Q(code__iexact=search)
            | Q(order__number__iexact=search)
            | Q(order__guest_email__iexact=search)
        )
    if ticket_type:
        queryset = queryset.filter(ticket_type_id=ticket_type)
    if status in (TicketStatus.VALID, TicketStatus.VOID):
        queryset = queryset.filter(status=status)
    elif status == "checked_in":
        queryset = queryset.filter(status=TicketStatus.VALID, checked_in_at__isnull=False)
    elif status == "not_checked_in":
        queryset = queryset.filter(status=TicketStatus.VALID, checked_in_at__isnull=True)
    return queryset.select_related("ticket_type", "order").order_by("order__number", "pk")


def attendee_questions(event: EventPage) -> list[tuple]:
    """(question answers are filed under, question shown in `event`'s language)."""
    inventory = EventInventory.objects.filter(event_key=event.translation_key).first()
    source = EventPage.objects.get(pk=inventory.event_id) if inventory else event
    return question_pairs(source, event)


@dataclass(frozen=True)
class AttendeeRow:
    ticket: Ticket
    answers: list[str]


def _answer(question, value: str) -> str:
    if question.kind == "checkbox":
        return _("Yes") if value else _("No")
    return value


def attendee_rows(tickets: Iterable[Ticket], questions: list[tuple]) -> list[AttendeeRow]:
    return [
        AttendeeRow(
            ticket,
            [_answer(key, (ticket.answers or {}).get(str(key.pk), "")) for key, _l in questions],
        )
        for ticket in tickets
    ]


def event_order(event: EventPage, number: str):
    """The order `number` if it holds tickets for `event`, else None."""
    Order = get_model("order", "Order")
    return (
        Order.objects.filter(
            number=str(number)[:128], tickets__inventory__event_key=event.translation_key
        )
        .distinct()
        .first()
    )


def recipient_emails(event: EventPage) -> list[str]:
    """Each valid ticket holder's address once (case-insensitive), in ticket order."""
    seen: dict[str, str] = {}
    emails = Ticket.objects.filter(
        inventory__event_key=event.translation_key, status=TicketStatus.VALID
    ).order_by("pk")
    for email in emails.values_list("attendee_email", flat=True):
        seen.setdefault(email.strip().lower(), email.strip())
    return list(seen.values())


def sent_messages(event: EventPage) -> QuerySet[AttendeeMessage]:
    return AttendeeMessage.objects.filter(inventory__event_key=event.translation_key).order_by(
        "-created_at", "-pk"
    )


# ---- buyers ----------------------------------------------------------------------------------


def ticket_for_holder(*, user, code: str) -> Ticket | None:
    """The ticket with this code if `user` holds it (anyone else: None, shown as 404)."""
    if not (user and user.is_authenticated) or not code:
        return None
    return (
        Ticket.objects.filter(holder_q(user), code=code.strip().upper()[:24])
        .select_related("ticket_type", "order", "inventory__event__venue")
        .first()
    )


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
        order.status_tone = order_status_tone(order.status)
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
        .filter(holder_q(user), status=TicketStatus.VALID, inventory__event__end__gt=timezone.now())
        .order_by("inventory__event__start", "pk")[:limit]
    )
    shown = events_in_language([t.inventory.event for t in tickets], language)
    for ticket in tickets:
        ticket.event = shown.get(ticket.inventory.event.translation_key, ticket.inventory.event)
    # the posters on the dashboard's cards: their images and renditions in two queries
    events = list({t.event.pk: t.event for t in tickets}.values())
    prefetch_related_objects(events, "image__renditions")
    return tickets


# What buyers read for an order's status (Oscar keeps it as a free string). Statuses not
# listed show as they are stored. "Paid" also names a paid event ("De pago"): the context
# gives the order's its own Spanish word.
ORDER_STATUS_LABELS = {
    "pending": gettext_lazy("Awaiting payment"),
    "paid": pgettext_lazy("order status", "Paid"),
    "cancelled": gettext_lazy("Order cancelled"),
    "expired": gettext_lazy("Order expired"),
    "refunded": gettext_lazy("Refunded in full"),
    "partially refunded": gettext_lazy("Partly refunded"),
}


def order_status_label(status: str) -> str:
    key = (status or "").strip().lower().replace("_", " ")
    return str(ORDER_STATUS_LABELS.get(key, status))


# The tone of an order's status tag on the billing pages (success, warning, danger, info).
ORDER_STATUS_TONES = {
    "pending": "warning",
    "paid": "success",
    "cancelled": "danger",
    "expired": "danger",
    "refunded": "info",
    "partially refunded": "info",
}


def order_status_tone(status: str) -> str:
    return ORDER_STATUS_TONES.get((status or "").strip().lower().replace("_", " "), "info")


# ---- waitlist and check-in -------------------------------------------------------------------


def waitlist_position(entry: WaitlistEntry) -> int | None:
    """1 for the next in line; None once the entry is no longer waiting."""
    if entry.status != WaitlistStatus.WAITING:
        return None
    ahead = WaitlistEntry.objects.filter(
        ticket_type_id=entry.ticket_type_id, status=WaitlistStatus.WAITING
    ).filter(Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk))
    return ahead.count() + 1


def check_in_counts(event: EventPage) -> dict:
    tickets = Ticket.objects.filter(
        inventory__event_key=event.translation_key, status=TicketStatus.VALID
    )
    return {
        "sold": tickets.count(),
        "checked_in": tickets.filter(checked_in_at__isnull=False).count(),
    }
