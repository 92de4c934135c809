"""Refunds: some or all of an order's valid tickets, by the event's organizers and admins
(buyers cancel their own free registrations). The tickets are void (seats free, QR codes
dead) as soon as the refund is recorded; Stripe is asked after commit (`refund_execute`, a
task), with the refund's id as the idempotency key."""

from __future__ import annotations

import logging
from decimal import Decimal

import stripe
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from config import audit
from config.errors import Conflict, NotPermitted, ValidationFailed
from config.tasks import enqueue

from ..models import OrderStatus, Payment, PaymentStatus, Refund, RefundStatus, Ticket, TicketStatus
from ..permissions import may_refund, may_refund_any_ticket
from .orders import REFUNDABLE, order_locked, order_recount, order_transition
from .payments import client, minor_units

logger = logging.getLogger(__name__)


def refund_create(*, order, user, ticket_codes: list[str] | None = None, reason: str = "",
                  source: str = "site") -> Refund:  # fmt: skip
    """Refund some or all of an order's valid tickets: they are void (seats free, QR codes
    dead) at once, the waitlist is served, the buyer emailed, and Stripe refunds after
    commit. A free order's "refund" is a cancelled registration."""
    if not may_refund(user, order):
        raise NotPermitted(_("Only the event's organizers and admins refund orders."))
    with transaction.atomic():
        order = order_locked(order.pk)
        if order.status not in REFUNDABLE:
            raise Conflict(
                _("Only paid orders can be refunded (this one is %(s)s).") % {"s": order.status},
                code="not_refundable",
            )
        valid = list(order.tickets.filter(status=TicketStatus.VALID).order_by("pk"))
        chosen = valid
        if not may_refund_any_ticket(user, order):
            # a transfer is final: a buyer cancelling a registration keeps out of the
            # tickets they gave away (organizers and admins still refund those)
            chosen = [t for t in valid if t.transferred_at is None]
        if ticket_codes:
            wanted = {code.strip().upper() for code in ticket_codes}
            chosen = [t for t in chosen if t.code in wanted]
            if len(chosen) != len(wanted):
                raise ValidationFailed(
                    _("Some tickets are not valid tickets of this order."),
                    code="tickets",
                    fields={"tickets": [_("Choose valid tickets of this order.")]},
                )
        if not chosen:
            raise Conflict(_("This order has no valid tickets left."), code="nothing_to_refund")
        issued = order.tickets.count()
        already = sum((r.amount for r in order.refunds.all()), Decimal("0"))
        if len(chosen) == len(valid):
            amount = order.total_incl_tax - already
        else:
            amount = (order.total_incl_tax * len(chosen) / issued).quantize(Decimal("0.01"))
        Ticket.objects.filter(pk__in=[t.pk for t in chosen]).update(
            status=TicketStatus.VOID, token_version=F("token_version") + 1
        )
        order_recount(order)
        everything = len(chosen) == len(valid)
        order_transition(
            order,
            OrderStatus.REFUNDED if everything else OrderStatus.PARTIALLY_REFUNDED,
            source=source,
            actor=user,
            note=reason or _("Refunded by the organizer"),
        )
        payment = Payment.objects.filter(order=order, status=PaymentStatus.SUCCEEDED).first()
        refund = Refund.objects.create(
            order=order,
            amount=amount,
            currency=order.currency,
            reason=reason[:255],
            requested_by=user,
            status=RefundStatus.PENDING if payment and amount > 0 else RefundStatus.SUCCEEDED,
        )
        refund.tickets.set(chosen)
        audit.record(
            order,
            "medellin.order_refund",
            user=user,
            data={
                "refund": refund.pk,
                "amount": str(amount),
                "currency": refund.currency,
                "tickets": [t.code for t in chosen],
                "reason": refund.reason,
            },
        )
        if refund.status == RefundStatus.PENDING:
            enqueue("commerce.ticketing.services.refunds.refund_execute", refund.pk)
        enqueue("commerce.ticketing.tasks.send_refund_notice", refund.pk)
        enqueue("commerce.ticketing.services.waitlist.waitlist_serve", chosen[0].inventory_id)
    return refund


def refund_execute(refund_id: int) -> None:
    """Task: ask Stripe for the money back (idempotent: the key is the refund's id)."""
    refund = Refund.objects.select_related("order__payment").get(pk=refund_id)
    if refund.status != RefundStatus.PENDING:
        return
    try:
        result = client().v1.refunds.create(
            params={
                "payment_intent": refund.order.payment.intent_id,
                "amount": minor_units(refund.amount, refund.currency),
                "metadata": {"order": refund.order.number, "refund": str(refund.pk)},
            },
            options={"idempotency_key": refund.idempotency_key},
        )
    except stripe.StripeError as exc:
        logger.error("refund %s failed: %s", refund.pk, exc)
        Refund.objects.filter(pk=refund.pk).update(status=RefundStatus.FAILED)
        return
    Refund.objects.filter(pk=refund.pk).update(
        stripe_id=result.id,
        status=RefundStatus.SUCCEEDED if result.status == "succeeded" else RefundStatus.PENDING,
    )
