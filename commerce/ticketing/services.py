"""Ticketing writes: ticket types (Oscar products), seat holds under the event's lock, and
placing the order that issues one ticket per attendee.

Locking: a hold locks its event's `EventInventory` row (several events: in primary-key
order), once per transaction, with a lock timeout; availability is computed and the hold
written while the row is locked, so two buyers can never take the same last seat. On
SQLite the same code runs, serialised by the database's single writer. A lock that cannot
be had in time is `Busy` (503, try again), never an error page. Nothing here calls the
network while a lock is held."""

from __future__ import annotations

import functools
import logging
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.events.models import EventPage, EventRequirement, EventStatus
from config import statements
from config.errors import Busy, Conflict, NotFound, NotPermitted, ValidationFailed

from . import soldout
from .models import (
    EventInventory,
    HoldStatus,
    OrderStatus,
    SeatHold,
    Ticket,
    TicketStatus,
    TicketType,
    TicketVisibility,
)

logger = logging.getLogger(__name__)

PRODUCT_CLASS = "Ticket"
PARTNER = "Medellín AI"


def hold_minutes() -> int:
    return getattr(settings, "TICKETING_HOLD_MINUTES", 15)


def _locks_enabled() -> bool:
    # Off only in the negative-control test that proves the race test can fail.
    return getattr(settings, "TICKETING_LOCKS", True)


# ---- ticket types --------------------------------------------------------------------------


def may_manage_tickets(user, event: EventPage) -> bool:
    """Admins, and the event's organizer or co-organizers."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("events.submit_event"):
        return False
    return event.organizer_id == user.pk or event.co_organizers.filter(pk=user.pk).exists()


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


def _catalogue():
    from oscar.core.loading import get_model

    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    product_class, _created = ProductClass.objects.get_or_create(
        name=PRODUCT_CLASS,
        defaults={"slug": "ticket", "requires_shipping": False, "track_stock": False},
    )
    partner, _created = Partner.objects.get_or_create(
        name=PARTNER, defaults={"code": "medellin-ai"}
    )
    return product_class, partner


TICKET_FIELDS = ("name_es", "name_en", "description_es", "description_en", "category", "price",
                 "currency", "sale_starts", "sale_ends", "min_per_order", "max_per_order",
                 "capacity", "visibility", "unlock_code", "sort_order", "is_active", "tax_rate",
                 "price_floor", "price_ceiling")  # fmt: skip


def ticket_type_save(*, event: EventPage, user, data: dict, ticket_type: TicketType | None = None):
    """Create or change a ticket type of `event`, keeping its Oscar product and stock record
    (title, price, currency) in step."""
    from oscar.core.loading import get_model

    if not may_manage_tickets(user, event):
        raise NotPermitted(_("Only the event's organizers and admins manage its tickets."))
    data = dict(data)
    steps = data.pop("price_steps", None)
    includes = data.pop("includes", None)
    unknown = set(data) - set(TICKET_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    with transaction.atomic():
        inventory = inventory_for(event)
        if ticket_type is None:
            ticket_type = TicketType(inventory=inventory)
        for key, value in data.items():
            setattr(ticket_type, key, value)
        try:
            ticket_type.full_clean(exclude=["inventory", "product"])
        except ValidationError as exc:
            raise ValidationFailed(
                _("The ticket type could not be saved."),
                fields={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
            ) from None
        product_class, partner = _catalogue()
        title = f"{event.title}: {ticket_type.name_es}"[:255]
        if ticket_type.product_id is None:
            product = Product.objects.create(
                product_class=product_class, title=title, structure="standalone"
            )
            ticket_type.product = product
        else:
            Product.objects.filter(pk=ticket_type.product_id).update(title=title)
        ticket_type.save()
        if steps is not None:
            _price_steps_set(ticket_type, steps)
        if includes is not None:
            _includes_set(ticket_type, event, user, includes)
        StockRecord.objects.update_or_create(
            product=ticket_type.product,
            partner=partner,
            defaults={
                "partner_sku": f"TT-{ticket_type.pk}",
                "price": ticket_type.price,
                "price_currency": ticket_type.currency,
                "num_in_stock": None,
            },
        )
        # event pages and the content API show prices and the free/paid filter
        transaction.on_commit(_invalidate_pages)
        # a new capacity or sale window: the next hold request asks the counters again
        soldout.forget([ticket_type.pk])
        transaction.on_commit(lambda: soldout.forget([ticket_type.pk]))
    return ticket_type


def _price_steps_set(ticket_type: TicketType, steps: list[dict]) -> None:
    """Replace the type's price steps: [{"kind": "sold"|"share", "threshold", "price"}]."""
    from .models import PriceStep, StepKind

    errors, rows, seen = {}, [], set()
    for position, step in enumerate(steps):
        kind = step.get("kind", StepKind.SOLD)
        try:
            threshold, price = int(step.get("threshold")), Decimal(str(step.get("price")))
        except (TypeError, ValueError, ArithmeticError):
            errors[str(position)] = [_("Give a whole-number threshold and a price.")]
            continue
        if kind not in StepKind.values or threshold < 1 or price < 0:
            errors[str(position)] = [_("A threshold above zero and a price not below zero.")]
        elif kind == StepKind.SHARE and threshold > 100:
            errors[str(position)] = [_("A share of capacity is at most 100%.")]
        elif (kind, threshold) in seen:
            errors[str(position)] = [_("Two steps with the same threshold.")]
        seen.add((kind, threshold))
        rows.append(PriceStep(ticket_type=ticket_type, kind=kind, threshold=threshold, price=price))
    if errors:
        raise ValidationFailed(
            _("The ticket type could not be saved."), fields={"price_steps": errors}
        )
    ticket_type.price_steps.all().delete()
    PriceStep.objects.bulk_create(rows)
    ticket_type.has_price_steps = bool(rows)
    TicketType.objects.filter(pk=ticket_type.pk).update(has_price_steps=bool(rows))


def _includes_set(ticket_type: TicketType, event: EventPage, user, pages) -> None:
    """Make the type a bundle of `event` and these other events (pages or their ids), each
    one the user also manages."""
    chosen = [p if isinstance(p, EventPage) else EventPage.objects.filter(pk=p).first()
              for p in pages]  # fmt: skip
    if any(
        other is None
        or other.translation_key == event.translation_key
        or not may_manage_tickets(user, other)
        for other in chosen
    ):
        raise ValidationFailed(
            _("The ticket type could not be saved."),
            fields={"includes": [_("Choose other events that you organize.")]},
        )
    ticket_type.includes.set([inventory_for(other) for other in chosen])
    ticket_type.has_includes = bool(chosen)
    TicketType.objects.filter(pk=ticket_type.pk).update(has_includes=bool(chosen))


def _invalidate_pages() -> None:
    from cms.cache import invalidate_pages

    invalidate_pages()


# ---- availability and holds ------------------------------------------------------------


def _lock(inventory_ids: list[int]) -> dict[int, EventInventory]:
    """Lock the events' rows in primary-key order (one lock each, this transaction). The
    wait is bounded by the connection's lock_timeout (DB_LOCK_TIMEOUT_MS)."""
    try:
        if len(inventory_ids) == 1:  # a plain hold's one event: the statement compiled once
            statement = _LOCK_ONE if _locks_enabled() else _READ_ONE
            rows = statements.first(statement, [EventInventory], inventory_ids[0]) or []
            return {row.pk: row for row in rows}
        queryset = EventInventory.objects.filter(pk__in=inventory_ids).order_by("pk")
        if _locks_enabled():
            queryset = queryset.select_for_update()
        return {row.pk: row for row in queryset}
    except OperationalError as exc:
        raise _busy(inventory_ids, exc) from None


def _busy(inventory_ids, exc: OperationalError) -> Busy:
    logger.warning("ticketing lock timeout on %s: %s", inventory_ids, exc)
    return Busy(_("Many people are buying right now. Please try again in a moment."))


_READ_ONE = statements.Prepared(
    lambda pk: EventInventory.objects.filter(pk=pk).values_list(
        *statements.attnames(EventInventory)
    )
)
_LOCK_ONE = statements.Prepared(
    lambda pk: (
        EventInventory.objects.filter(pk=pk)
        .select_for_update()
        .values_list(*statements.attnames(EventInventory))
    )
)


def hold_family(hold_id: int):
    """A hold and its bundle parts (its seats at the bundle's other events)."""
    from django.db.models import Q

    return SeatHold.objects.filter(Q(pk=hold_id) | Q(parent_id=hold_id))


# The seat counters (EventInventory.claimed…) count active holds whether or not they ran
# out, plus valid tickets. A new hold adds to them under the lock; anything that frees seats
# or changes a waitlist calls `recount`, which counts again from the rows under the lock.


def recount(inventory_ids) -> dict[int, EventInventory]:
    """Count the events' seats again from their holds, tickets and waitlists, under their
    locks (taken here if the caller has not): after a release, a refund, a cancelled or
    expired order, or a waitlist change."""
    from .models import WaitlistEntry, WaitlistStatus

    locked = _lock(sorted(set(inventory_ids)))
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


def _claim(inventory: EventInventory, ticket_type_id: int, quantity: int) -> None:
    """A new hold's seats join the counters (the caller holds the row's lock)."""
    key = str(ticket_type_id)
    inventory.claimed += quantity
    inventory.claimed_by_type[key] = inventory.claimed_by_type.get(key, 0) + quantity
    statements.update(inventory, ["claimed", "claimed_by_type"])


def _counted(inventory: EventInventory) -> dict:
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
    from django.db.models import Q

    stale = Q(expires_at__lte=timezone.now() - RUN_OUT_GRACE)
    if exclude_hold is not None:
        stale |= Q(pk=exclude_hold) | Q(parent_id=exclude_hold)
    counts = _counted(inventory)
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


def _room(ticket_type: TicketType, quantity: int) -> int | None:
    """Seats a new hold of this type may take, after what its waitlist is owed (freed seats
    go to the list first). The counters answer when they show enough; holds that ran out
    are looked up only when they do not."""
    inventory = ticket_type.inventory
    owed = inventory.waiting_by_type.get(str(ticket_type.pk), 0)
    left = available(ticket_type, _counted(inventory))
    if left is not None and left - owed < quantity:
        left = available(ticket_type, taken(inventory))
    return None if left is None else max(0, left - owed)


def _event_room(inventory: EventInventory, quantity: int) -> bool:
    if inventory.capacity is None or inventory.capacity - inventory.claimed >= quantity:
        return True
    return inventory.capacity - taken(inventory)["event"] >= quantity


def _sold_out(ticket_type: TicketType, left: int) -> Conflict:
    """The refusal when `left` seats (after the waitlist) are too few; none at all is noted
    for the hold requests that follow (soldout.py)."""
    if not left:
        soldout.remember(ticket_type)
    return Conflict(
        _("Only %(left)s seats left for this ticket.") % {"left": left} if left else _("Sold out."),
        code="sold_out" if not left else "not_enough_seats",
    )


EVENT_FACTS = ("live", "status", "end", "registration_opens", "registration_closes")


def _event_open(event: EventPage | SimpleNamespace, now) -> None:
    """Refuse unless the event takes registrations now (`EVENT_FACTS` are all it reads)."""
    if not event.live or event.status != EventStatus.PUBLISHED:
        raise Conflict(_("This event is not taking registrations."), code="event_closed")
    if event.end <= now:
        raise Conflict(_("This event is over."), code="event_over")
    if event.registration_opens and now < event.registration_opens:
        raise Conflict(_("Registration has not opened yet."), code="not_open_yet")
    if event.registration_closes and now >= event.registration_closes:
        raise Conflict(_("Registration is closed."), code="registration_closed")


def _unlocked(ticket_type: TicketType, code: str) -> bool:
    """A hidden type shows to its unlock code, or to a promo code that covers it."""
    code = (code or "").strip().lower()
    if not code:
        return False
    if code == ticket_type.unlock_code.strip().lower():
        return True
    from .pricing import find_voucher

    voucher, offer = find_voucher(code, ticket_type.product_id)
    return offer is not None


@functools.cache  # on first use, when every app (and its translated fields) is ready
def _type_for_hold_statement() -> statements.Prepared:
    return statements.Prepared(
        lambda pk: TicketType.objects.filter(pk=pk).values_list(
            *statements.attnames(TicketType),
            *(f"inventory__{name}" for name in statements.attnames(EventInventory)),
            *(f"inventory__event__{name}" for name in EVENT_FACTS),
        )
    )


def _new_hold(ticket_type, inventory, quantity: int, price, *, user, expires_at,
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
    return _locks_enabled() and connection.vendor == "postgresql"


def _claim_source(ticket_type: TicketType, quantity: int) -> tuple[str, list]:
    """PostgreSQL: a WITH clause that raises the event's counters by `quantity` seats of
    this type if they show room for them (after what the type's waitlist is owed, exactly
    as `_room` reads them), yielding one row if it did. The UPDATE takes the event's row
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
    taken = f"COALESCE(({by_type} ->> %s)::int, 0)"
    owed = f"COALESCE(({waiting} ->> %s)::int, 0)"
    # identifiers from the model's meta, quoted by the backend; values are parameters
    sql = (
        f"WITH source AS (UPDATE {quote_name(meta.db_table)} SET {claimed} = {claimed} + %s, "  # noqa: S608  # nosec B608
        f"{by_type} = jsonb_set({by_type}, ARRAY[%s], to_jsonb({taken} + %s)) "
        f"WHERE {quote_name(meta.pk.column)} = %s "
        f"AND ({capacity} IS NULL OR {capacity} - {claimed} - {owed} >= %s) "
        f"AND (%s::int IS NULL OR %s::int - {taken} - {owed} >= %s) RETURNING 1)"
    )
    key, limit = str(ticket_type.pk), ticket_type.capacity
    params = [quantity, key, key, quantity, ticket_type.inventory_id, key, quantity,
              limit, limit, key, key, quantity]  # fmt: skip
    return sql, params


def hold_create(*, ticket_type_id: int, quantity: int, user=None, code: str = "") -> SeatHold:
    """Set seats aside for `hold_minutes()`: availability and price are computed and the
    hold written under the event's lock, and the price is frozen on the hold."""
    from .pricing import quote

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
    _event_open(event, now)
    if not ticket_type.on_sale(now):
        raise Conflict(_("This ticket is not on sale now."), code="not_on_sale")
    if ticket_type.visibility == TicketVisibility.HIDDEN and not _unlocked(ticket_type, code):
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
        _event_open(other.event, now)
    if _locks_enabled():
        # In a rush for the last seats most buyers learn they are gone without queueing
        # for the lock: the committed counters already say so (the lock decides the rest).
        left = _room(ticket_type, quantity)
        if left is not None and left < quantity:
            raise _sold_out(ticket_type, left)
    if not bundled and not ticket_type.has_price_steps and _one_statement_holds():
        # the common case: no lock to wait for beyond one statement (see _claim_source)
        price = quote(ticket_type, quantity=quantity, sold=0, capacity=None, code=code,
                      user=user, now=now)  # fmt: skip
        if price.offer is None and price.voucher is None:  # discounts count their uses locked
            try:
                hold = statements.insert(
                    _new_hold(
                        ticket_type,
                        ticket_type.inventory,
                        quantity,
                        price,
                        user=user,
                        expires_at=expires_at,
                    ),  # fmt: skip
                    source=_claim_source(ticket_type, quantity),
                )
            except OperationalError as exc:  # the row lock not had in time, as in _lock
                raise _busy([ticket_type.inventory_id], exc) from None
            if hold is not None:
                return hold
    with transaction.atomic():
        locked = _lock([ticket_type.inventory_id, *(other.pk for other in bundled)])
        inventory = ticket_type.inventory = locked[ticket_type.inventory_id]
        for other in bundled:  # a bundle counts against every event it admits to
            if not _event_room(locked[other.pk], quantity):
                raise Conflict(
                    _("Sold out for %(event)s, which this bundle includes.")
                    % {"event": other.event.title},
                    code="sold_out",
                )
        left = _room(ticket_type, quantity)
        if left is not None and left < quantity:
            raise _sold_out(ticket_type, left)
        # price steps follow seats taken by holds that have not run out
        counts = taken(inventory) if ticket_type.has_price_steps else _counted(inventory)
        price = quote(
            ticket_type,
            quantity=quantity,
            sold=counts["types"].get(ticket_type.pk, 0),
            capacity=ticket_type.capacity or inventory.capacity,
            code=code,
            user=user,
            now=now,
        )
        hold = _new_hold(ticket_type, inventory, quantity, price, user=user,
                         expires_at=expires_at)  # fmt: skip
        hold.is_bundle = bool(bundled)
        statements.insert(hold)
        _claim(inventory, ticket_type.pk, quantity)
        if bundled:
            SeatHold.objects.bulk_create(
                SeatHold(inventory_id=other.pk, ticket_type=ticket_type, quantity=quantity,
                         unit_price=0, parent=hold, user=hold.user, expires_at=hold.expires_at)
                for other in bundled
            )  # fmt: skip
            for other in bundled:
                _claim(locked[other.pk], ticket_type.pk, quantity)
        return hold


def hold_release(*, hold: SeatHold, user=None) -> SeatHold:
    """Give the seats back (an unpaid order of the hold is cancelled; a waitlist offer
    passes to the next in line)."""
    from .models import OrderStatus

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
        from .payments import order_cancel

        order_cancel(order=hold.order, user=user)
        hold.refresh_from_db()
    return hold


def _release_unordered(hold: SeatHold) -> None:
    """The hold (its row locked, no order) and its bundle parts give their seats back."""
    from config.tasks import enqueue

    from .models import WaitlistEntry, WaitlistStatus

    family = hold_family(hold.pk).filter(status=HoldStatus.ACTIVE, order__isnull=True)
    inventories = list(family.values_list("inventory_id", flat=True))
    if family.update(status=HoldStatus.RELEASED):
        recount(inventories)
        WaitlistEntry.objects.filter(hold=hold, status=WaitlistStatus.OFFERED).update(
            status=WaitlistStatus.LEFT
        )
        enqueue("commerce.ticketing.waitlist.serve", hold.inventory_id)


# ---- placing the order -----------------------------------------------------------------


@functools.cache
def _requirements_statement() -> statements.Prepared:
    return statements.Prepared(
        lambda event: EventRequirement.objects.filter(event=event).values_list(
            *statements.attnames(EventRequirement)
        )
    )


def _validate_attendees(hold: SeatHold, attendees: list, event: EventPage) -> list[dict]:
    if not isinstance(attendees, list) or len(attendees) != hold.quantity:
        raise ValidationFailed(
            _("Give the details of each of the %(n)s attendees.") % {"n": hold.quantity},
            code="attendees",
        )
    questions = statements.all_of(_requirements_statement(), EventRequirement, event.pk)
    errors, cleaned = {}, []
    for position, attendee in enumerate(attendees):
        problems = {}
        attendee = attendee if isinstance(attendee, dict) else {}
        name = str(attendee.get("name", "")).strip()[:120]
        email = str(attendee.get("email", "")).strip().lower()
        if not name:
            problems["name"] = [_("Give the attendee's name.")]
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = [_("Give a valid email address.")]
        answers = attendee.get("answers") if isinstance(attendee.get("answers"), dict) else {}
        kept = {}
        for question in questions:
            value = answers.get(str(question.pk), answers.get(question.pk))
            text = "" if value in (None, False) else str(value).strip()
            if question.kind == "checkbox":
                text = "yes" if value in (True, "true", "yes", "on", "1") else ""
            if question.mandatory and not text:
                problems[f"answers.{question.pk}"] = [
                    _("Answer “%(question)s”.") % {"question": question.label}
                ]
            elif question.kind == "choice" and text and text not in question.option_list:
                problems[f"answers.{question.pk}"] = [
                    _("Choose one of the options for “%(q)s”.") % {"q": question.label}
                ]
            elif question.max_length and len(text) > question.max_length:
                problems[f"answers.{question.pk}"] = [
                    _("At most %(n)s characters.") % {"n": question.max_length}
                ]
            if text:
                kept[str(question.pk)] = text
        if problems:
            errors[str(position)] = problems
        cleaned.append({"name": name, "email": email, "answers": kept})
    if errors:
        raise ValidationFailed(
            _("Some attendee details are missing or wrong."), code="attendees", fields=errors
        )
    return cleaned


def seats_still_free(hold: SeatHold) -> bool:
    """For a hold that expired: are its seats (at every event of a bundle) still free?
    Locks the events' rows."""
    parts = list(SeatHold.objects.filter(parent=hold).values_list("inventory_id", flat=True))
    locked = _lock([hold.inventory_id, *parts])
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


def _reclaim_expired(hold: SeatHold) -> None:
    """A hold that expired before the order: keep it only if its seats are still free."""
    if not seats_still_free(hold):
        hold_family(hold.pk).update(status=HoldStatus.RELEASED)
        raise Conflict(
            _("Your reservation expired and the seats were taken. Please choose again."),
            code="hold_expired",
        )


def order_transition(order, to_status: str, *, source: str, actor=None, note: str = "",
                     created: bool = False) -> None:  # fmt: skip
    """Move an order along the state machine (models.ORDER_TRANSITIONS) and log it. The
    caller holds the order's row (or has just created it)."""
    from .models import ORDER_TRANSITIONS, OrderTransition

    current = order.status
    if created:  # the order was just written with this status: log its first state
        current = ""
    elif to_status not in ORDER_TRANSITIONS.get(current, ()):
        raise Conflict(
            _("An order cannot go from %(a)s to %(b)s.") % {"a": current, "b": to_status},
            code="invalid_transition",
        )
    else:
        order.status = to_status
        statements.update(order, ["status"])
    statements.insert(
        OrderTransition(
            order=order,
            from_status=current or "",
            to_status=to_status,
            actor=actor if actor is not None and actor.is_authenticated else None,
            source=source[:80],
            note=note[:255],
        )
    )


def _record_discount(order, hold: SeatHold, user) -> None:
    if not hold.discount or hold.offer_id is None:
        return
    from oscar.core.loading import get_model

    ConditionalOffer = get_model("offer", "ConditionalOffer")
    offer = ConditionalOffer.objects.select_for_update().get(pk=hold.offer_id)
    order.discounts.create(
        category="Basket",
        offer_id=offer.pk,
        offer_name=offer.name,
        voucher_id=hold.voucher_id,
        voucher_code=hold.voucher.code if hold.voucher_id else "",
        frequency=1,
        amount=hold.discount,
        message=hold.discount_label,
    )
    offer.record_usage({"freq": 1, "discount": hold.discount})
    if hold.voucher_id:
        hold.voucher.record_usage(order, user if user is not None else AnonymousUser())
        hold.voucher.record_discount({"discount": hold.discount})


@functools.cache  # once per process: Oscar's models are loaded by then
def _hold_for_order_statement() -> tuple[statements.Prepared, tuple]:
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    columns = [
        *statements.attnames(SeatHold),
        *(f"ticket_type__{name}" for name in statements.attnames(TicketType)),
        *(f"ticket_type__product__{name}" for name in statements.attnames(Product)),
        *(f"inventory__{name}" for name in statements.attnames(EventInventory)),
        *(f"inventory__event__{name}" for name in statements.attnames(EventPage)),
    ]
    return statements.Prepared(
        lambda token: (
            SeatHold.objects.select_for_update(of=("self",))
            .filter(token=token)
            .values_list(*columns)
        ),
        SeatHold._meta.get_field("token"),
    ), (SeatHold, TicketType, Product, EventInventory, EventPage)


@functools.cache
def _stockrecord_statement() -> tuple[statements.Prepared, tuple]:
    from oscar.core.loading import get_model

    StockRecord, Partner = get_model("partner", "StockRecord"), get_model("partner", "Partner")
    columns = [
        *statements.attnames(StockRecord),
        *(f"partner__{name}" for name in statements.attnames(Partner)),
    ]
    return statements.Prepared(
        lambda product: (
            StockRecord.objects.filter(product_id=product).order_by("pk").values_list(*columns)[:1]
        )
    ), (StockRecord, Partner)


def _stockrecord(product_id: int):
    """The ticket product's stock record with its partner (one statement)."""
    found = statements.first(*_stockrecord_statement(), product_id)
    if found is None:
        return None
    stockrecord, stockrecord.partner = found
    return stockrecord


@functools.cache  # one per number of distinct attendee emails (at most max_per_order)
def _accounts_statement(count: int) -> statements.Prepared:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return statements.Prepared(
        lambda *emails: User.objects.filter(email__in=emails).values_list("email", "pk"),
        *[User._meta.get_field("email")] * count,
    )


def _hold_for_order(token) -> SeatHold | None:
    """The hold, locked, with its type, product, event inventory and event page: one
    statement, compiled once per process (an order and a voucher load on first use)."""
    found = statements.first(*_hold_for_order_statement(), token)
    if found is None:
        return None
    hold, ticket_type, ticket_type.product, inventory, inventory.event = found
    hold.ticket_type, hold.inventory = ticket_type, inventory
    return hold


def order_place(*, hold_token, user=None, email: str = "", attendees: list, source: str = "site"):
    """Turn a hold into an Oscar order and one ticket per attendee. Idempotent: placing the
    same hold again returns the order it already became (the hold is the idempotency key).

    Free orders are paid at once and their tickets valid. Paid orders wait for the card
    (payments.py): their tickets are pending and the hold keeps the seats until it expires;
    the webhook or a late payment decides what happens then. Prices come from the hold,
    computed under the lock; the client's numbers are never read. The order comes back
    with `placed_now`: False when it is the one the hold had already become."""
    from oscar.core.loading import get_model

    from .pricing import check_voucher, find_voucher, tax_part

    Order, Line = get_model("order", "Order"), get_model("order", "Line")
    with transaction.atomic():
        hold = _hold_for_order(hold_token)
        signed_in = user is not None and user.is_authenticated
        if hold is None or (hold.user_id and (not signed_in or hold.user_id != user.pk)):
            raise NotFound(
                _("There is no such reservation, or it belongs to another account."),
                code="unknown_hold",
            )
        if hold.order_id is not None:
            hold.order.placed_now = False
            return hold.order
        if hold.status == HoldStatus.RELEASED:
            raise Conflict(
                _("This reservation was released. Please choose again."), code="released"
            )
        event = hold.inventory.event
        cleaned = _validate_attendees(hold, attendees, event)
        buyer_email = (user.email if signed_in else email).strip().lower()
        try:
            validate_email(buyer_email)
        except ValidationError:
            raise ValidationFailed(
                _("Give an email address for the order."),
                code="email",
                fields={"email": [_("Give a valid email address.")]},
            ) from None
        if hold.voucher_id:  # per-customer limits need the buyer, known only now
            voucher, offer = find_voucher(hold.voucher.code, hold.ticket_type.product_id)
            check_voucher(voucher, offer, quantity=hold.quantity, user=user,
                          email=buyer_email, exclude_hold=hold.pk)  # fmt: skip
        if hold.expires_at <= timezone.now():
            _reclaim_expired(hold)
        stockrecord = _stockrecord(hold.ticket_type.product_id)
        partner = stockrecord.partner if stockrecord else _catalogue()[1]
        total, subtotal = hold.total, hold.subtotal
        rate = hold.ticket_type.tax_rate
        paid_now = total == 0
        order = Order(
            number=f"T{100000 + hold.pk}",
            site_id=getattr(settings, "SITE_ID", None),
            user=user if signed_in else None,
            guest_email="" if signed_in else buyer_email,
            currency=hold.ticket_type.currency,
            total_incl_tax=total,
            total_excl_tax=total - tax_part(total, rate),
            shipping_incl_tax=Decimal("0"),
            shipping_excl_tax=Decimal("0"),
            shipping_method=_("No shipping"),
            status=OrderStatus.PAID if paid_now else OrderStatus.PENDING,
        )
        order.set_date_placed_default()  # what Oscar's Order.save adds
        statements.insert(order)
        order_transition(
            order,
            order.status,
            source=source,
            actor=user,
            note=_("Free registration") if paid_now else _("Waiting for the card payment"),
            created=True,
        )
        line = Line(
            order=order,
            partner=partner,
            partner_name=partner.name,
            partner_sku=stockrecord.partner_sku if stockrecord else f"TT-{hold.ticket_type_id}",
            stockrecord=stockrecord,
            product=hold.ticket_type.product,
            title=hold.ticket_type.product.title,
            quantity=hold.quantity,
            line_price_incl_tax=total,
            line_price_excl_tax=total - tax_part(total, rate),
            line_price_before_discounts_incl_tax=subtotal,
            line_price_before_discounts_excl_tax=subtotal - tax_part(subtotal, rate),
            unit_price_incl_tax=hold.unit_price,
            unit_price_excl_tax=hold.unit_price - tax_part(hold.unit_price, rate),
            num_allocated=hold.quantity,
        )
        statements.insert(line)
        _record_discount(order, hold, user if signed_in else None)
        emails = sorted({attendee["email"] for attendee in cleaned})
        accounts = dict(_accounts_statement(len(emails)).rows(*emails))
        # one ticket per attendee, and per event for a bundle
        parts = []
        if hold.is_bundle:
            parts = list(SeatHold.objects.filter(parent=hold).order_by("inventory_id")
                         .values_list("inventory_id", flat=True))  # fmt: skip
        inventories = [hold.inventory_id, *parts]
        order.placed_tickets = [
            Ticket(
                order=order,
                ticket_type=hold.ticket_type,
                inventory_id=inventory_id,
                attendee_name=attendee["name"],
                attendee_email=attendee["email"],
                user_id=accounts.get(attendee["email"]),
                answers=attendee["answers"] if inventory_id == hold.inventory_id else {},
                status=TicketStatus.VALID if paid_now else TicketStatus.PENDING,
            )
            for attendee in cleaned
            for inventory_id in inventories
        ]
        statements.insert_all(order.placed_tickets)
        hold.order, hold.email = order, buyer_email
        if paid_now:
            hold.status = HoldStatus.CONVERTED
            if parts:
                SeatHold.objects.filter(parent=hold).update(status=HoldStatus.CONVERTED)
        statements.update(hold, ["status", "order", "email"])
        if paid_now:  # paid orders are confirmed by the payment
            tickets_issued(order, hold.inventory_id)
    order.placed_now = True  # not a repeat: callers answer 201, and know it has no payment
    return order


def tickets_issued(order, inventory_id: int) -> None:
    """After commit: email the tickets and check the inventory's alert thresholds."""
    from django.utils import translation

    from config.tasks import enqueue

    language = translation.get_language() or "es"
    enqueue("commerce.ticketing.tasks.tickets_issued", order.pk, language[:2], inventory_id)
