"""Seat holds: seats set aside for one buyer for `hold_minutes()`, the price frozen with them.

A hold is written under the event's lock (services/availability.py), or on PostgreSQL, for
the common case (one event, no price steps, no discount), by one statement that raises the
counters only if they show room (`claim_source`). Released holds give their seats back and
pass them to the waitlist first."""

from __future__ import annotations

import functools
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.events.models import EventPage, EventStatus
from config.errors import Conflict, ValidationFailed
from config.tasks import enqueue

from ..models import (
    EventInventory,
    HoldStatus,
    OrderStatus,
    SeatHold,
    TicketType,
    WaitlistEntry,
    WaitlistStatus,
)
from ..permissions import may_see_ticket_type
from . import statements
from .availability import (
    busy_error,
    counters,
    event_room,
    hold_family,
    inventory_claim,
    inventory_recount,
    lock_inventories,
    locks_enabled,
    room,
    sold_out_error,
    taken,
)
from .orders import order_cancel
from .pricing import quote


def hold_minutes() -> int:
    return getattr(settings, "TICKETING_HOLD_MINUTES", 15)


EVENT_FACTS = ("live", "status", "end", "registration_opens", "registration_closes")


def check_event_open(event: EventPage | SimpleNamespace, now) -> None:
    """Refuse unless the event takes registrations now (`EVENT_FACTS` are all it reads)."""
    if not event.live or event.status != EventStatus.PUBLISHED:
        raise Conflict(_("This event is not taking registrations."), code="event_closed")
    if event.end <= now:
        raise Conflict(_("This event is over."), code="event_over")
    if event.registration_opens and now < event.registration_opens:
        raise Conflict(_("Registration has not opened yet."), code="not_open_yet")
    if event.registration_closes and now >= event.registration_closes:
        raise Conflict(_("Registration is closed."), code="registration_closed")


@functools.cache  # on first use, when every app (and its translated fields) is ready
def _type_for_hold_statement() -> statements.Prepared:
    return statements.Prepared(
        lambda pk: TicketType.objects.filter(pk=pk).values_list(
            *statements.attnames(TicketType),
            *(f"inventory__{name}" for name in statements.attnames(EventInventory)),
            *(f"inventory__event__{name}" for name in EVENT_FACTS),
        )
    )


def hold_build(ticket_type, inventory, quantity: int, price, *, user, expires_at,
              email: str = "") -> SeatHold:  # fmt: skip
    """An unsaved hold at a quoted price (a buyer's, or a waitlist offer's)."""
    return SeatHold(
        inventory=inventory,
        ticket_type=ticket_type,
        quantity=quantity,
        unit_price=price.seat_prices[0],
        subtotal=price.subtotal,
        discount=price.discount,
        total=price.total,
        discount_label=price.label[:255],
        voucher=price.voucher,
        offer=price.offer,
        user=user if user is not None and user.is_authenticated else None,
        email=email,
        expires_at=expires_at,
    )


def _one_statement_holds() -> bool:
    return locks_enabled() and connection.vendor == "postgresql"


def claim_source(ticket_type: TicketType, quantity: int) -> tuple[str, list]:
    """PostgreSQL: a WITH clause that raises the event's counters by `quantity` seats of
    this type if they show room for them (after what the type's waitlist is owed, exactly
    as `room` reads them), yielding one row if it did. The UPDATE takes the event's row
    lock for this one statement (PostgreSQL re-checks the conditions on the row's latest
    version after waiting), where the locked path holds it across four round trips. When
    the counters show too little room (holds that ran out may free some), no row: the
    locked path decides."""
    quote_name = connection.ops.quote_name
    meta = EventInventory._meta

    def column(name: str) -> str:
        return quote_name(meta.get_field(name).column)

    claimed, by_type = column("claimed"), column("claimed_by_type")
    waiting, capacity = column("waiting_by_type"), column("capacity")
    held = f"COALESCE(({by_type} ->> %s)::int, 0)"
    owed = f"COALESCE(({waiting} ->> %s)::int, 0)"
    # identifiers from the model's meta, quoted by the backend; values are parameters
    sql = (
        f"WITH source AS (UPDATE {quote_name(meta.db_table)} SET {claimed} = {claimed} + %s, "  # noqa: S608  # nosec B608
        f"{by_type} = jsonb_set({by_type}, ARRAY[%s], to_jsonb({held} + %s)) "
        f"WHERE {quote_name(meta.pk.column)} = %s "
        f"AND ({capacity} IS NULL OR {capacity} - {claimed} - {owed} >= %s) "
        f"AND (%s::int IS NULL OR %s::int - {held} - {owed} >= %s) RETURNING 1)"
    )
    key, limit = str(ticket_type.pk), ticket_type.capacity
    params = [quantity, key, key, quantity, ticket_type.inventory_id, key, quantity,
              limit, limit, key, key, quantity]  # fmt: skip
    return sql, params


def hold_create(*, ticket_type_id: int, quantity: int, user=None, code: str = "") -> SeatHold:
    """Set seats aside for `hold_minutes()`: availability and price are computed and the
    hold written under the event's lock, and the price is frozen on the hold."""
    now = timezone.now()
    expires_at = now + timedelta(minutes=hold_minutes())
    # the type, its event's counters and the event's registration facts (not its whole
    # page) in one statement
    rows = _type_for_hold_statement().rows(ticket_type_id)
    if not rows:
        raise ValidationFailed(_("That ticket type does not exist."), code="unknown_ticket_type")
    facts = len(EVENT_FACTS)
    ticket_type, inventory = statements.instances(rows[0][:-facts], TicketType, EventInventory)
    ticket_type.inventory = inventory
    event = SimpleNamespace(**dict(zip(EVENT_FACTS, rows[0][-facts:], strict=True)))
    check_event_open(event, now)
    if not ticket_type.on_sale(now):
        raise Conflict(_("This ticket is not on sale now."), code="not_on_sale")
    if not may_see_ticket_type(ticket_type, code):
        raise ValidationFailed(_("That ticket type does not exist."), code="unknown_ticket_type")
    if not ticket_type.min_per_order <= quantity <= ticket_type.max_per_order:
        raise ValidationFailed(
            _("Choose between %(min)s and %(max)s tickets of this type.")
            % {"min": ticket_type.min_per_order, "max": ticket_type.max_per_order},
            code="quantity",
            fields={"quantity": [_("Out of range.")]},
        )
    bundled = list(ticket_type.includes.select_related("event")) if ticket_type.has_includes else []
    for other in bundled:
        check_event_open(other.event, now)
    if locks_enabled():
        # In a rush for the last seats most buyers learn they are gone without queueing
        # for the lock: the committed counters already say so (the lock decides the rest).
        left = room(ticket_type, quantity)
        if left is not None and left < quantity:
            raise sold_out_error(ticket_type, left)
    if not bundled and not ticket_type.has_price_steps and _one_statement_holds():
        # the common case: no lock to wait for beyond one statement (see claim_source)
        price = quote(ticket_type, quantity=quantity, sold=0, capacity=None, code=code,
                      user=user, now=now)  # fmt: skip
        if price.offer is None and price.voucher is None:  # discounts count their uses locked
            try:
                hold = statements.insert(
                    hold_build(
                        ticket_type,
                        ticket_type.inventory,
                        quantity,
                        price,
                        user=user,
                        expires_at=expires_at,
                    ),  # fmt: skip
                    source=claim_source(ticket_type, quantity),
                )
            except OperationalError as exc:  # the row lock not had in time, as in lock_inventories
                raise busy_error([ticket_type.inventory_id], exc) from None
            if hold is not None:
                return hold
    with transaction.atomic():
        locked = lock_inventories([ticket_type.inventory_id, *(other.pk for other in bundled)])
        inventory = ticket_type.inventory = locked[ticket_type.inventory_id]
        for other in bundled:  # a bundle counts against every event it admits to
            if not event_room(locked[other.pk], quantity):
                raise Conflict(
                    _("Sold out for %(event)s, which this bundle includes.")
                    % {"event": other.event.title},
                    code="sold_out",
                )
        left = room(ticket_type, quantity)
        if left is not None and left < quantity:
            raise sold_out_error(ticket_type, left)
        # price steps follow seats taken by holds that have not run out
        counts = taken(inventory) if ticket_type.has_price_steps else counters(inventory)
        price = quote(
            ticket_type,
            quantity=quantity,
            sold=counts["types"].get(ticket_type.pk, 0),
            capacity=ticket_type.capacity or inventory.capacity,
            code=code,
            user=user,
            now=now,
        )
        hold = hold_build(ticket_type, inventory, quantity, price, user=user,
                         expires_at=expires_at)  # fmt: skip
        hold.is_bundle = bool(bundled)
        hold.save()
        inventory_claim(inventory, ticket_type.pk, quantity)
        if bundled:
            SeatHold.objects.bulk_create(
                SeatHold(inventory_id=other.pk, ticket_type=ticket_type, quantity=quantity,
                         unit_price=0, parent=hold, user=hold.user, expires_at=hold.expires_at)
                for other in bundled
            )  # fmt: skip
            for other in bundled:
                inventory_claim(locked[other.pk], ticket_type.pk, quantity)
        return hold


def hold_release(*, hold: SeatHold, user=None) -> SeatHold:
    """Give the seats back (an unpaid order of the hold is cancelled; a waitlist offer
    passes to the next in line)."""
    with transaction.atomic():
        # the hold's row first (order_place locks it too): an order placed meanwhile wins
        order_id = (
            SeatHold.objects.select_for_update()
            .filter(pk=hold.pk)
            .values_list("order_id", flat=True)
            .first()
        )
        if order_id is None:
            _release_unordered(hold)
    hold.refresh_from_db()
    if hold.order_id is not None and hold.order.status == OrderStatus.PENDING:
        order_cancel(order=hold.order, user=user)
        hold.refresh_from_db()
    return hold


def _release_unordered(hold: SeatHold) -> None:
    """The hold (its row locked, no order) and its bundle parts give their seats back."""
    family = hold_family(hold.pk).filter(status=HoldStatus.ACTIVE, order__isnull=True)
    inventories = list(family.values_list("inventory_id", flat=True))
    if family.update(status=HoldStatus.RELEASED):
        inventory_recount(inventories)
        WaitlistEntry.objects.filter(hold=hold, status=WaitlistStatus.OFFERED).update(
            status=WaitlistStatus.LEFT
        )
        enqueue("commerce.ticketing.services.waitlist.waitlist_serve", hold.inventory_id)
