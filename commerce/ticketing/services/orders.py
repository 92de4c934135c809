"""Orders: a hold becomes an Oscar order with one ticket per attendee (`order_place`), and
the order moves along its state machine (`order_transition`, every move written to
`OrderTransition`): paid by its card (services/payments.py), cancelled by its buyer,
expired when its hold ran out unpaid (`expire_unpaid`, the minute sweep), refunded
(services/refunds.py)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cms.events.models import EventPage, EventRequirement
from config import audit
from config.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from config.tasks import enqueue

from ..models import (
    ORDER_TRANSITIONS,
    HoldStatus,
    OrderStatus,
    OrderTransition,
    Payment,
    SeatHold,
    Ticket,
    TicketStatus,
)
from ..permissions import may_cancel_order, may_use_hold
from .availability import hold_family, inventory_recount, seats_still_free
from .pricing import check_voucher, find_voucher, tax_part, usage_change
from .ticket_types import ticket_catalogue

REFUNDABLE = (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED)


def order_transition(order, to_status: str, *, source: str, actor=None, note: str = "",
                     created: bool = False) -> None:  # fmt: skip
    """Move an order along the state machine (models.ORDER_TRANSITIONS) and log it. The
    caller holds the order's row (or has just created it)."""
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
        order.save(update_fields=["status"])
    OrderTransition.objects.create(
        order=order,
        from_status=current or "",
        to_status=to_status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=source[:80],
        note=note[:255],
    )


def order_note(order, note: str, *, source: str, actor=None) -> None:
    """An audit entry that does not change the status (a failed card, a dispute)."""
    OrderTransition.objects.create(
        order=order,
        from_status=order.status,
        to_status=order.status,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        source=source[:80],
        note=note[:255],
    )


def order_locked(order_id: int):
    Order = get_model("order", "Order")
    return Order.objects.select_for_update().get(pk=order_id)


def order_recount(order) -> None:
    """The order freed seats, or took them back: its events count their seats again."""
    inventory_recount(order.tickets.values_list("inventory_id", flat=True))


def _validate_attendees(hold: SeatHold, attendees: list, event: EventPage) -> list[dict]:
    if not isinstance(attendees, list) or len(attendees) != hold.quantity:
        raise ValidationFailed(
            _("Give the details of each of the %(n)s attendees.") % {"n": hold.quantity},
            code="attendees",
        )
    questions = list(EventRequirement.objects.filter(event=event))
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
    if not seats_still_free(hold):
        hold_family(hold.pk).update(status=HoldStatus.RELEASED)
        raise Conflict(
            _("Your reservation expired and the seats were taken. Please choose again."),
            code="hold_expired",
        )


def _record_discount(order, hold: SeatHold, user) -> None:
    if not hold.discount or hold.offer_id is None:
        return
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


def _stockrecord(product_id: int):
    """The ticket product's stock record, with its partner."""
    StockRecord = get_model("partner", "StockRecord")
    return (
        StockRecord.objects.filter(product_id=product_id)
        .select_related("partner")
        .order_by("pk")
        .first()
    )


def _hold_for_order(token) -> SeatHold | None:
    """The hold, locked, with its type, product, event inventory and event page."""
    return (
        SeatHold.objects.select_for_update(of=("self",))
        .select_related("ticket_type__product", "inventory__event")
        .filter(token=token)
        .first()
    )


def order_place(*, hold_token, user=None, email: str = "", attendees: list, source: str = "site"):
    """Turn a hold into an Oscar order and one ticket per attendee. Idempotent: placing the
    same hold again returns the order it already became (the hold is the idempotency key).

    Free orders are paid at once and their tickets valid. Paid orders wait for the card
    (services/payments.py): their tickets are pending and the hold keeps the seats until it
    expires; the webhook or a late payment decides what happens then. Prices come from the
    hold, computed under the lock; the client's numbers are never read. The order comes
    back with `placed_now`: False when it is the one the hold had already become."""
    Order, Line = get_model("order", "Order"), get_model("order", "Line")
    with transaction.atomic():
        hold = _hold_for_order(hold_token)
        signed_in = user is not None and user.is_authenticated
        if hold is None or not may_use_hold(user, hold):
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
        partner = stockrecord.partner if stockrecord else ticket_catalogue()[1]
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
        order.save()
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
        line.save()
        _record_discount(order, hold, user if signed_in else None)
        emails = sorted({attendee["email"] for attendee in cleaned})
        accounts = dict(
            get_user_model().objects.filter(email__in=emails).values_list("email", "pk")
        )
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
        Ticket.objects.bulk_create(order.placed_tickets)
        hold.order, hold.email = order, buyer_email
        if paid_now:
            hold.status = HoldStatus.CONVERTED
            if parts:
                SeatHold.objects.filter(parent=hold).update(status=HoldStatus.CONVERTED)
        hold.save(update_fields=["status", "order", "email"])
        if paid_now:  # paid orders are confirmed by the payment
            tickets_issued(order, hold.inventory_id)
    order.placed_now = True  # not a repeat: callers answer 201, and know it has no payment
    return order


def tickets_issued(order, inventory_id: int) -> None:
    """After commit: email the tickets and check the inventory's alert thresholds."""
    language = translation.get_language() or "es"
    enqueue("commerce.ticketing.tasks.tickets_issued", order.pk, language[:2], inventory_id)


def order_cancel(*, order, user, source: str = "site") -> None:
    """The buyer gives up an unpaid order: its seats return, the intent is cancelled."""
    if not may_cancel_order(user, order):
        raise NotPermitted(_("Only the buyer cancels an unpaid order."))
    _close_unpaid(order.pk, OrderStatus.CANCELLED, source=source, actor=user)


def _close_unpaid(order_id: int, status: str, *, source: str, actor=None) -> bool:
    with transaction.atomic():
        order = order_locked(order_id)
        if order.status != OrderStatus.PENDING:
            return False
        order.tickets.update(status=TicketStatus.VOID)
        hold = SeatHold.objects.filter(order=order).first()
        if hold is not None:
            hold_family(hold.pk).update(status=HoldStatus.RELEASED)
            order_recount(order)
            enqueue("commerce.ticketing.services.waitlist.waitlist_serve", hold.inventory_id)
        order_transition(order, status, source=source, actor=actor)
        usage_change(order, returned=True)  # its promo code counts for no one
        if Payment.objects.filter(order=order).exists():
            enqueue("commerce.ticketing.services.payments.intent_cancel", order.pk)
        if status == OrderStatus.CANCELLED:  # an expiry is the system's, told by its transition
            audit.record(order, "medellin.order_cancel", user=actor, data={"source": source})
    return True


def expire_unpaid(now=None) -> int:
    """Orders still unpaid when their hold ran out become Expired (seats back)."""
    now = now or timezone.now()
    due = SeatHold.objects.filter(
        status=HoldStatus.ACTIVE, order__isnull=False, expires_at__lte=now,
        order__status=OrderStatus.PENDING,
    ).values_list("order_id", flat=True)  # fmt: skip
    return sum(_close_unpaid(pk, OrderStatus.EXPIRED, source="system") for pk in list(due))
