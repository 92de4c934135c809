"""Availability: the event's inventory row, its lock and its seat counters, and what is left.

Locking: a hold locks its event's `EventInventory` row (several events: in primary-key
order), once per transaction, with a lock timeout; availability is computed and the hold
written while the row is locked, so two buyers can never take the same last seat. On
SQLite the same code runs, serialised by the database's single writer. A lock that cannot
be had in time is `Busy` (503, try again), never an error page. Nothing here calls the
network while a lock is held.

The seat counters (`EventInventory.claimed`…) count active holds whether or not they ran
out, plus valid tickets. A new hold adds to them under the lock (`inventory_claim`);
anything that frees seats or changes a waitlist calls `inventory_recount`, which counts
again from the rows under the lock."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.events.models import EventPage
from config.errors import Busy, Conflict

from .. import soldout
from ..models import (
    EventInventory,
    HoldStatus,
    SeatHold,
    Ticket,
    TicketStatus,
    TicketType,
    WaitlistEntry,
    WaitlistStatus,
)

logger = logging.getLogger(__name__)


def locks_enabled() -> bool:
    # Off only in the negative-control test that proves the race test can fail.
    return getattr(settings, "TICKETING_LOCKS", True)


def inventory_for(event: EventPage) -> EventInventory:
    inventory, _created = EventInventory.objects.get_or_create(
        event_key=event.translation_key,
        defaults={
            "event": event,
            "capacity": event.capacity,
            "announced_start": event.start,
            "announced_end": event.end,
            "announced_status": event.status,
        },
    )
    return inventory


def lock_inventories(inventory_ids: list[int]) -> dict[int, EventInventory]:
    """Lock the events' rows in primary-key order (one lock each, this transaction). The
    wait is bounded by the connection's lock_timeout (DB_LOCK_TIMEOUT_MS)."""
    try:
        queryset = EventInventory.objects.filter(pk__in=inventory_ids).order_by("pk")
        if locks_enabled():
            queryset = queryset.select_for_update()
        return {row.pk: row for row in queryset}
    except OperationalError as exc:
        raise busy_error(inventory_ids, exc) from None


def busy_error(inventory_ids, exc: OperationalError) -> Busy:
    logger.warning("ticketing lock timeout on %s: %s", inventory_ids, exc)
    return Busy(_("Many people are buying right now. Please try again in a moment."))


def hold_family(hold_id: int):
    """A hold and its bundle parts (its seats at the bundle's other events)."""
    return SeatHold.objects.filter(Q(pk=hold_id) | Q(parent_id=hold_id))


def inventory_recount(inventory_ids) -> dict[int, EventInventory]:
    """Count the events' seats again from their holds, tickets and waitlists, under their
    locks (taken here if the caller has not): after a release, a refund, a cancelled or
    expired order, or a waitlist change."""
    locked = lock_inventories(sorted(set(inventory_ids)))
    for inventory in locked.values():
        by_type: dict[str, int] = {}
        holds = SeatHold.objects.filter(inventory=inventory, status=HoldStatus.ACTIVE)
        tickets = Ticket.objects.filter(inventory=inventory, status=TicketStatus.VALID)
        for type_id, n in [
            *holds.values_list("ticket_type").annotate(n=Sum("quantity")),
            *tickets.values_list("ticket_type").annotate(n=Count("id")),
        ]:
            by_type[str(type_id)] = by_type.get(str(type_id), 0) + n
        waiting = WaitlistEntry.objects.filter(inventory=inventory, status=WaitlistStatus.WAITING)
        inventory.claimed = sum(by_type.values())
        inventory.claimed_by_type = by_type
        inventory.waiting_by_type = {
            str(type_id): n
            for type_id, n in waiting.values_list("ticket_type").annotate(n=Sum("quantity"))
        }
        inventory.save(update_fields=["claimed", "claimed_by_type", "waiting_by_type"])
    soldout.forget_events(locked)
    return locked


def inventory_claim(inventory: EventInventory, ticket_type_id: int, quantity: int) -> None:
    """A new hold's seats join the counters (the caller holds the row's lock)."""
    key = str(ticket_type_id)
    inventory.claimed += quantity
    inventory.claimed_by_type[key] = inventory.claimed_by_type.get(key, 0) + quantity
    inventory.save(update_fields=["claimed", "claimed_by_type"])


def counters(inventory: EventInventory) -> dict:
    return {
        "event": inventory.claimed,
        "types": {int(k): v for k, v in inventory.claimed_by_type.items()},
    }


# A hold gives its seats to others this long after it runs out: an order (or a payment)
# for it that began just before it ran out has committed by then, so its seats are never
# sold twice. Orders that begin after it ran out check the seats under the lock instead.
RUN_OUT_GRACE = timedelta(seconds=30)


def taken(inventory: EventInventory, *, exclude_hold: int | None = None) -> dict:
    """Seats sold and held (holds that have not run out) for the event and per ticket type:
    the row's counters less the run-out holds they still count (one query)."""
    stale = Q(expires_at__lte=timezone.now() - RUN_OUT_GRACE)
    if exclude_hold is not None:
        stale |= Q(pk=exclude_hold) | Q(parent_id=exclude_hold)
    counts = counters(inventory)
    rows = (
        SeatHold.objects.filter(stale, inventory=inventory, status=HoldStatus.ACTIVE)
        .values_list("ticket_type")
        .annotate(n=Sum("quantity"))
    )
    for type_id, quantity in rows:
        counts["event"] -= quantity
        counts["types"][type_id] = counts["types"].get(type_id, 0) - quantity
    return counts


def available(ticket_type: TicketType, counts: dict | None = None) -> int | None:
    """Seats left for this ticket type (None: no limit). Without `counts`, from the event's
    counters as they are now."""
    inventory = ticket_type.inventory
    if counts is None:
        inventory = EventInventory.objects.get(pk=ticket_type.inventory_id)
        counts = taken(inventory)
    limits = []
    if inventory.capacity is not None:
        limits.append(inventory.capacity - counts["event"])
    if ticket_type.capacity is not None:
        limits.append(ticket_type.capacity - counts["types"].get(ticket_type.pk, 0))
    return max(0, min(limits)) if limits else None


def room(ticket_type: TicketType, quantity: int) -> int | None:
    """Seats a new hold of this type may take, after what its waitlist is owed (freed seats
    go to the list first). The counters answer when they show enough; holds that ran out
    are looked up only when they do not."""
    inventory = ticket_type.inventory
    owed = inventory.waiting_by_type.get(str(ticket_type.pk), 0)
    left = available(ticket_type, counters(inventory))
    if left is not None and left - owed < quantity:
        left = available(ticket_type, taken(inventory))
    return None if left is None else max(0, left - owed)


def event_room(inventory: EventInventory, quantity: int) -> bool:
    if inventory.capacity is None or inventory.capacity - inventory.claimed >= quantity:
        return True
    return inventory.capacity - taken(inventory)["event"] >= quantity


def sold_out_error(ticket_type: TicketType, left: int) -> Conflict:
    """The refusal when `left` seats (after the waitlist) are too few; none at all is noted
    for the hold requests that follow (soldout.py)."""
    if not left:
        soldout.remember(ticket_type)
    return Conflict(
        _("Only %(left)s seats left for this ticket.") % {"left": left} if left else _("Sold out."),
        code="sold_out" if not left else "not_enough_seats",
    )


def seats_still_free(hold: SeatHold) -> bool:
    """For a hold that expired: are its seats (at every event of a bundle) still free?
    Locks the events' rows."""
    parts = list(SeatHold.objects.filter(parent=hold).values_list("inventory_id", flat=True))
    locked = lock_inventories([hold.inventory_id, *parts])
    inventory = locked[hold.inventory_id]
    hold.ticket_type.inventory = inventory
    left = available(hold.ticket_type, taken(inventory, exclude_hold=hold.pk))
    if left is not None and left < hold.quantity:
        return False
    for inventory_id in parts:
        other = locked[inventory_id]
        if other.capacity is not None and (
            other.capacity - taken(other, exclude_hold=hold.pk)["event"] < hold.quantity
        ):
            return False
    return True
