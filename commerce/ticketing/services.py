"""Ticketing writes: ticket types (Oscar products), seat holds under the event's lock, and
placing the order that issues one ticket per attendee.

Locking: a hold locks its event's `EventInventory` row (several events: in primary-key
order), once per transaction, with a lock timeout; availability is computed and the hold
written while the row is locked, so two buyers can never take the same last seat. On
SQLite the same code runs, serialised by the database's single writer. A lock that cannot
be had in time is `Busy` (503, try again), never an error page. Nothing here calls the
network while a lock is held."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.events.models import EventPage, EventStatus
from config.errors import Busy, Conflict, NotPermitted, ValidationFailed

from .models import (
    EventInventory,
    HoldStatus,
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
                 "capacity", "visibility", "unlock_code", "sort_order", "is_active")  # fmt: skip


def ticket_type_save(*, event: EventPage, user, data: dict, ticket_type: TicketType | None = None):
    """Create or change a ticket type of `event`, keeping its Oscar product and stock record
    (title, price, currency) in step."""
    from oscar.core.loading import get_model

    if not may_manage_tickets(user, event):
        raise NotPermitted(_("Only the event's organizers and admins manage its tickets."))
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
    return ticket_type


def _invalidate_pages() -> None:
    from cms.cache import invalidate_pages

    invalidate_pages()


# ---- availability and holds ------------------------------------------------------------


def _lock(inventory_ids: list[int]) -> dict[int, EventInventory]:
    """Lock the events' rows in primary-key order (one lock each, this transaction)."""
    queryset = EventInventory.objects.filter(pk__in=inventory_ids).order_by("pk")
    if _locks_enabled():
        if connection.vendor == "postgresql":
            timeout = int(getattr(settings, "TICKETING_LOCK_TIMEOUT_MS", 3000))
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = {timeout}")
        queryset = queryset.select_for_update()
    try:
        return {row.pk: row for row in queryset}
    except OperationalError as exc:
        logger.warning("ticketing lock timeout on %s: %s", inventory_ids, exc)
        raise Busy(_("Many people are buying right now. Please try again in a moment.")) from None


def taken(inventory: EventInventory, *, exclude_hold: int | None = None) -> dict:
    """Seats sold and held for the event and per ticket type (two queries)."""
    now = timezone.now()
    holds = SeatHold.objects.filter(
        inventory=inventory, status=HoldStatus.ACTIVE, expires_at__gt=now
    )
    if exclude_hold is not None:
        holds = holds.exclude(pk=exclude_hold)
    per_type: dict[int, int] = {}
    for type_id, quantity in holds.values_list("ticket_type").annotate(n=Sum("quantity")):
        per_type[type_id] = per_type.get(type_id, 0) + quantity
    sold = Ticket.objects.filter(inventory=inventory, status=TicketStatus.VALID)
    for type_id, count in sold.values_list("ticket_type").annotate(n=Count("id")):
        per_type[type_id] = per_type.get(type_id, 0) + count
    return {"event": sum(per_type.values()), "types": per_type}


def available(ticket_type: TicketType, counts: dict | None = None) -> int | None:
    """Seats left for this ticket type (None: no limit)."""
    inventory = ticket_type.inventory
    counts = counts or taken(inventory)
    limits = []
    if inventory.capacity is not None:
        limits.append(inventory.capacity - counts["event"])
    if ticket_type.capacity is not None:
        limits.append(ticket_type.capacity - counts["types"].get(ticket_type.pk, 0))
    return max(0, min(limits)) if limits else None


def _event_open(event: EventPage, now) -> None:
    if not event.live or event.status != EventStatus.PUBLISHED:
        raise Conflict(_("This event is not taking registrations."), code="event_closed")
    if event.end <= now:
        raise Conflict(_("This event is over."), code="event_over")
    if event.registration_opens and now < event.registration_opens:
        raise Conflict(_("Registration has not opened yet."), code="not_open_yet")
    if event.registration_closes and now >= event.registration_closes:
        raise Conflict(_("Registration is closed."), code="registration_closed")


def hold_create(*, ticket_type_id: int, quantity: int, user=None, code: str = "") -> SeatHold:
    """Set seats aside for `hold_minutes()`: checked and taken under the event's lock."""
    now = timezone.now()
    ticket_type = (
        TicketType.objects.select_related("inventory__event").filter(pk=ticket_type_id).first()
    )
    if ticket_type is None:
        raise ValidationFailed(_("That ticket type does not exist."), code="unknown_ticket_type")
    event = ticket_type.inventory.event
    _event_open(event, now)
    if not ticket_type.on_sale(now):
        raise Conflict(_("This ticket is not on sale now."), code="not_on_sale")
    if ticket_type.visibility == TicketVisibility.HIDDEN and (
        code.strip().lower() != ticket_type.unlock_code.strip().lower()
    ):
        raise ValidationFailed(_("That ticket type does not exist."), code="unknown_ticket_type")
    if not ticket_type.min_per_order <= quantity <= ticket_type.max_per_order:
        raise ValidationFailed(
            _("Choose between %(min)s and %(max)s tickets of this type.")
            % {"min": ticket_type.min_per_order, "max": ticket_type.max_per_order},
            code="quantity",
            fields={"quantity": [_("Out of range.")]},
        )
    with transaction.atomic():
        inventory = _lock([ticket_type.inventory_id])[ticket_type.inventory_id]
        ticket_type.inventory = inventory
        left = available(ticket_type, taken(inventory))
        if left is not None and left < quantity:
            raise Conflict(
                _("Only %(left)s seats left for this ticket.") % {"left": left}
                if left
                else _("Sold out."),
                code="sold_out" if not left else "not_enough_seats",
            )
        return SeatHold.objects.create(
            inventory=inventory,
            ticket_type=ticket_type,
            quantity=quantity,
            unit_price=ticket_type.price,
            user=user if user is not None and user.is_authenticated else None,
            expires_at=now + timedelta(minutes=hold_minutes()),
        )


def hold_release(*, hold: SeatHold) -> SeatHold:
    SeatHold.objects.filter(pk=hold.pk, status=HoldStatus.ACTIVE).update(status=HoldStatus.RELEASED)
    hold.refresh_from_db()
    return hold


# ---- placing the order -----------------------------------------------------------------


def _validate_attendees(hold: SeatHold, attendees: list, event: EventPage) -> list[dict]:
    if not isinstance(attendees, list) or len(attendees) != hold.quantity:
        raise ValidationFailed(
            _("Give the details of each of the %(n)s attendees.") % {"n": hold.quantity},
            code="attendees",
        )
    questions = list(event.requirements.all())
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


def _reclaim_expired(hold: SeatHold) -> None:
    """A hold that expired before the order: keep it only if its seats are still free."""
    inventory = _lock([hold.inventory_id])[hold.inventory_id]
    hold.ticket_type.inventory = inventory
    left = available(hold.ticket_type, taken(inventory, exclude_hold=hold.pk))
    if left is not None and left < hold.quantity:
        SeatHold.objects.filter(pk=hold.pk).update(status=HoldStatus.RELEASED)
        raise Conflict(
            _("Your reservation expired and the seats were taken. Please choose again."),
            code="hold_expired",
        )


def order_place(*, hold_token, user=None, email: str = "", attendees: list):
    """Turn a hold into an Oscar order and one ticket per attendee. Idempotent: placing the
    same hold again returns the order it already became."""
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    with transaction.atomic():
        hold = (
            SeatHold.objects.select_for_update(of=("self",))
            .select_related("ticket_type__product", "inventory__event", "order")
            .filter(token=hold_token)
            .first()
        )
        if hold is None:
            raise ValidationFailed(_("That reservation does not exist."), code="unknown_hold")
        signed_in = user is not None and user.is_authenticated
        if hold.user_id and (not signed_in or hold.user_id != user.pk):
            raise NotPermitted(_("This reservation belongs to another account."))
        if hold.status == HoldStatus.CONVERTED:
            return hold.order
        if hold.status == HoldStatus.RELEASED:
            raise Conflict(
                _("This reservation was released. Please choose again."), code="released"
            )
        if hold.unit_price > 0:
            raise Conflict(
                _("Paid tickets are bought with a card payment, not here."),
                code="payment_required",
            )
        event = EventPage.objects.get(pk=hold.inventory.event_id)
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
        if hold.expires_at <= timezone.now():
            _reclaim_expired(hold)
        product_class, partner = _catalogue()
        total = hold.unit_price * hold.quantity
        order = Order.objects.create(
            number=f"T{100000 + hold.pk}",
            site_id=getattr(settings, "SITE_ID", None),
            user=user if signed_in else None,
            guest_email="" if signed_in else buyer_email,
            currency=hold.ticket_type.currency,
            total_incl_tax=total,
            total_excl_tax=total,
            shipping_incl_tax=Decimal("0"),
            shipping_excl_tax=Decimal("0"),
            shipping_method=_("No shipping"),
            status="Paid" if total == 0 else "Pending",
        )
        stockrecord = hold.ticket_type.product.stockrecords.filter(partner=partner).first()
        order.lines.create(
            partner=partner,
            partner_name=partner.name,
            partner_sku=stockrecord.partner_sku if stockrecord else f"TT-{hold.ticket_type_id}",
            stockrecord=stockrecord,
            product=hold.ticket_type.product,
            title=hold.ticket_type.product.title,
            quantity=hold.quantity,
            line_price_incl_tax=total,
            line_price_excl_tax=total,
            line_price_before_discounts_incl_tax=total,
            line_price_before_discounts_excl_tax=total,
            unit_price_incl_tax=hold.unit_price,
            unit_price_excl_tax=hold.unit_price,
            num_allocated=hold.quantity,
        )
        from django.contrib.auth import get_user_model

        accounts = dict(
            get_user_model()
            .objects.filter(email__in=[a["email"] for a in cleaned])
            .values_list("email", "pk")
        )
        Ticket.objects.bulk_create(
            Ticket(
                order=order,
                ticket_type=hold.ticket_type,
                inventory=hold.inventory,
                attendee_name=attendee["name"],
                attendee_email=attendee["email"],
                user_id=accounts.get(attendee["email"]),
                answers=attendee["answers"],
            )
            for attendee in cleaned
        )
        hold.status, hold.order = HoldStatus.CONVERTED, order
        hold.save(update_fields=["status", "order"])
        if total == 0:  # paid orders are confirmed by the payment
            from django.utils import translation

            from config.tasks import enqueue

            language = translation.get_language() or "es"
            enqueue("commerce.ticketing.tasks.send_tickets", order.pk, language[:2])
        # inventory alerts (80%, sold out) to the organizers: a task queued on commit
        from config.tasks import enqueue

        enqueue("commerce.ticketing.alerts.check_inventory", hold.inventory_id)
    return order
