"""Card payments through Stripe PaymentIntents and Stripe's signed webhook.

Rules that hold everywhere here:
- No Stripe call happens inside a transaction that holds a lock: orders and refunds are
  written first, the call follows after commit (a task, or the request once committed).
- Every Stripe request carries an idempotency key derived from our row (order number,
  refund id), so a retried call never makes a second PaymentIntent or refund.
- A webhook event is recorded (`StripeEvent`) in the same transaction as its effect, so it
  is processed exactly once however often or in whatever order Stripe delivers it; each
  handler also checks the order's state, so a late or repeated event changes nothing.
"""

from __future__ import annotations

import functools
import json
import logging
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import Busy, Conflict, NotPermitted, ValidationFailed
from config.tasks import enqueue

from ..models import (
    HoldStatus,
    OrderStatus,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
    SeatHold,
    StripeEvent,
    TicketStatus,
)
from .availability import hold_family, seats_still_free
from .orders import REFUNDABLE, order_note, order_recount, order_transition, tickets_issued
from .pricing import usage_change

logger = logging.getLogger(__name__)


ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx",
                "vnd", "vuv", "xaf", "xof", "xpf"}  # fmt: skip


PAYABLE = (OrderStatus.PENDING,)


def client() -> stripe.StripeClient:
    """One client per configuration, kept for the life of the process: stripe-python sets
    up an HTTP client and its TLS context for each new one (docs/performance.md has the
    cost), and a kept client keeps one connection to Stripe alive per thread, so a payment
    does not wait for a new TLS handshake."""
    return _client(
        settings.STRIPE_SECRET_KEY or "sk_test_unset",
        settings.STRIPE_API_BASE,
        int(getattr(settings, "STRIPE_MAX_NETWORK_RETRIES", 2)),
        float(getattr(settings, "STRIPE_TIMEOUT_SECONDS", 8)),
    )


@functools.lru_cache(maxsize=8)
def _client(key: str, base: str, retries: int, timeout: float) -> stripe.StripeClient:
    # RequestsClient keeps a session per thread; its default timeout (80 s) would outlast
    # the web server's own
    return stripe.StripeClient(
        key,
        base_addresses={"api": base},
        max_network_retries=retries,
        http_client=stripe.RequestsClient(timeout=timeout),
    )


def minor_units(amount: Decimal, currency: str) -> int:
    factor = 1 if currency.lower() in ZERO_DECIMAL else 100
    return int((amount * factor).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _unavailable(exc: Exception) -> Busy:
    logger.warning("stripe unavailable: %s", exc)
    return Busy(_("The payment service is not answering. Please try again in a moment."))


def payment_start(order, *, new: bool = False) -> Payment:
    """The order's PaymentIntent (made once): the frontend confirms it with the client
    secret, 3-D Secure included. Call it after the order has committed; `new`: it was
    placed by this request, so it has no payment yet."""
    existing = None if new else Payment.objects.filter(order=order).first()
    if existing is not None:
        return existing
    if order.status not in PAYABLE:
        raise Conflict(_("This order is not waiting for a payment."), code="not_payable")
    try:
        intent = client().v1.payment_intents.create(
            params={
                "amount": minor_units(order.total_incl_tax, order.currency),
                "currency": order.currency.lower(),
                "payment_method_types": ["card"],
                "metadata": {"order": order.number},
            },
            options={"idempotency_key": f"medellin-ai-order-{order.number}-intent"},
        )
    except stripe.StripeError as exc:
        raise _unavailable(exc) from None
    try:
        with transaction.atomic():
            return Payment.objects.create(
                order=order,
                intent_id=intent.id,
                client_secret=intent.client_secret or "",
                amount=order.total_incl_tax,
                currency=order.currency,
            )
    except IntegrityError:  # a concurrent request made it first; Stripe's key made it once
        return Payment.objects.get(order=order)


def _payment_locked(intent_id: str) -> Payment | None:
    """The intent's payment, with its order's row locked."""
    return (
        Payment.objects.select_related("order")
        .select_for_update(of=("order",))
        .filter(intent_id=intent_id)
        .first()
    )


def _seats_for_late_payment(order) -> bool:
    """An order whose hold expired: are its seats still free? (under the events' locks)"""
    hold = SeatHold.objects.select_related("ticket_type").get(order=order)
    return seats_still_free(hold)


def payment_succeeded(intent_id: str, *, source: str) -> str:
    """The card was charged. Issue the tickets, or refund at once if the order expired and
    its seats went to someone else (or the buyer had cancelled it)."""
    payment = _payment_locked(intent_id)
    if payment is None:
        return "unknown payment"
    order = payment.order
    payment.status = PaymentStatus.SUCCEEDED
    payment.save(update_fields=["status"])
    hold = SeatHold.objects.filter(order=order).first()
    if order.status == OrderStatus.PENDING:
        late = hold is None or hold.status != HoldStatus.ACTIVE or hold.expires_at <= timezone.now()
        if not late or _seats_for_late_payment(order):
            return _confirm(order, hold, source=source)
        order_transition(order, OrderStatus.EXPIRED, source=source,
                         note=_("Paid after the reservation expired"))  # fmt: skip
        usage_change(order, returned=True)
    if order.status == OrderStatus.EXPIRED:
        if _seats_for_late_payment(order):
            usage_change(order, returned=False)  # revived: its discount is used again
            return _confirm(order, hold, source=source)
        _refund_everything(order, source=source, reason=_("Paid after the seats were sold"))
        return "late payment refunded"
    if order.status == OrderStatus.CANCELLED:
        _refund_everything(order, source=source, reason=_("Paid after the order was cancelled"))
        return "cancelled order refunded"
    return f"ignored: order already {order.status}"


def _confirm(order, hold, *, source: str) -> str:
    order.tickets.filter(status__in=[TicketStatus.PENDING, TicketStatus.VOID]).update(
        status=TicketStatus.VALID
    )
    # the hold's seats become the tickets' (net nothing), unless some were given back
    # meanwhile (a late payment): then the events count again
    late = hold is None or hold.status != HoldStatus.ACTIVE
    if hold is not None and hold.is_bundle and not late:
        late = hold_family(hold.pk).exclude(status=HoldStatus.ACTIVE).exists()
    if hold is not None:
        hold_family(hold.pk).update(status=HoldStatus.CONVERTED)
    if late:
        order_recount(order)
    order_transition(order, OrderStatus.PAID, source=source, note=_("Card payment received"))
    inventory_id = hold.inventory_id if hold is not None else (
        order.tickets.values_list("inventory_id", flat=True).first()
    )  # fmt: skip
    tickets_issued(order, inventory_id)
    return "paid"


def _refund_everything(order, *, source: str, reason: str) -> Refund:
    """The late-payment case: money back in full, tickets void, the buyer told."""
    order.tickets.exclude(status=TicketStatus.VOID).update(status=TicketStatus.VOID)
    order_recount(order)
    order_transition(order, OrderStatus.REFUNDED, source=source, note=reason)
    refund = Refund.objects.create(
        order=order,
        amount=order.total_incl_tax,
        currency=order.currency,
        reason=reason,
        automatic=True,
    )
    refund.tickets.set(order.tickets.all())
    enqueue("commerce.ticketing.services.refunds.refund_execute", refund.pk)
    enqueue("commerce.ticketing.tasks.send_refund_notice", refund.pk)
    return refund


def payment_failed(intent_id: str, *, source: str, message: str = "") -> str:
    """A declined card: the order keeps waiting (the buyer may try another card until the
    hold expires); the attempt is logged."""
    payment = _payment_locked(intent_id)
    if payment is None:
        return "unknown payment"
    order = payment.order
    if order.status != OrderStatus.PENDING:
        return f"ignored: order already {order.status}"
    Payment.objects.filter(pk=payment.pk).update(
        status=PaymentStatus.FAILED, last_error=message[:255]
    )
    order_note(order, _("Card payment failed: %(m)s") % {"m": message or "-"}, source=source)
    return "failed"


def payment_sync(order) -> str:
    """Ask Stripe for the intent's status (when a webhook is late or lost, e.g. on the
    confirmation page) and apply it through the same handlers."""
    payment = Payment.objects.filter(order=order).first()
    if payment is None or order.status != OrderStatus.PENDING:
        return "nothing to do"
    try:
        intent = client().v1.payment_intents.retrieve(payment.intent_id)
    except stripe.StripeError as exc:
        raise _unavailable(exc) from None
    if intent.status == "succeeded":
        with transaction.atomic():
            return payment_succeeded(payment.intent_id, source="sync")
    return intent.status


def test_card_confirm(payment: Payment, number: str) -> str:
    """Development and tests only (`STRIPE_TEST_CARDS`, localstripe): do what Stripe.js does
    with a test card in the browser, then apply the result like the webhook would."""
    if not getattr(settings, "STRIPE_TEST_CARDS", False):
        raise NotPermitted(_("Card numbers are never sent to this server."))
    stripe_client = client()
    try:
        method = stripe_client.v1.payment_methods.create(
            params={"type": "card", "card": {"number": number, "exp_month": 12,
                                              "exp_year": timezone.now().year + 2, "cvc": "123"}}
        )  # fmt: skip
        stripe_client.v1.payment_intents.update(
            payment.intent_id, params={"payment_method": method.id}
        )
        intent = stripe_client.v1.payment_intents.confirm(payment.intent_id)
    except stripe.CardError as exc:
        message = exc.user_message or _("The card was declined.")
        with transaction.atomic():
            payment_failed(payment.intent_id, source="site", message=message)
        _next_intent(payment)
        raise ValidationFailed(message, code="card_declined") from None
    except stripe.InvalidRequestError:
        raise ValidationFailed(_("Check the card number."), code="card_invalid") from None
    except stripe.StripeError as exc:
        raise _unavailable(exc) from None
    if intent.status == "requires_action":
        raise Conflict(_("This card needs 3-D Secure, which the test form cannot show."),
                       code="requires_action")  # fmt: skip
    return payment_sync(payment.order)


def _next_intent(payment: Payment) -> None:
    """localstripe cannot confirm an intent again after a decline (Stripe can): the next
    test card gets a fresh intent, keyed on the one it replaces."""
    stripe_client = client()
    try:
        intent = stripe_client.v1.payment_intents.create(
            params={
                "amount": minor_units(payment.amount, payment.currency),
                "currency": payment.currency.lower(),
                "payment_method_types": ["card"],
                "metadata": {"order": payment.order.number},
            },
            options={"idempotency_key": f"medellin-ai-after-{payment.intent_id}"},
        )
        stripe_client.v1.payment_intents.cancel(
            payment.intent_id,
            options={"idempotency_key": f"medellin-ai-cancel-{payment.intent_id}"},
        )
    except stripe.StripeError as exc:
        raise _unavailable(exc) from None
    Payment.objects.filter(pk=payment.pk).update(
        intent_id=intent.id, client_secret=intent.client_secret or "",
        status=PaymentStatus.REQUIRES_PAYMENT,
    )  # fmt: skip


def intent_cancel(order_id: int) -> None:
    payment = Payment.objects.filter(order_id=order_id).first()
    if payment is None or payment.status == PaymentStatus.SUCCEEDED:
        return
    try:
        client().v1.payment_intents.cancel(
            payment.intent_id,
            options={"idempotency_key": f"medellin-ai-cancel-{payment.intent_id}"},
        )
    except stripe.StripeError as exc:  # already paid: the webhook refunds it
        logger.info("could not cancel %s: %s", payment.intent_id, exc)
        return
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.CANCELED)


def _charge_refunded(charge: dict, *, source: str) -> str:
    """Stripe says money went back (ours, or one made in Stripe's dashboard)."""
    intent_id = charge.get("payment_intent")
    payment = _payment_locked(intent_id)
    if payment is None:
        return "unknown payment"
    order = payment.order
    for data in (charge.get("refunds") or {}).get("data", []):
        Refund.objects.filter(stripe_id=data.get("id")).update(status=RefundStatus.SUCCEEDED)
    refunded = Decimal(charge.get("amount_refunded", 0)) / (
        1 if payment.currency.lower() in ZERO_DECIMAL else 100
    )
    recorded = sum((r.amount for r in order.refunds.all()), Decimal("0"))
    if refunded <= recorded:
        return "already recorded"
    if order.status == OrderStatus.PENDING:  # the refund overtook the success event
        order_transition(order, OrderStatus.PAID, source=source, note=_("Implied by a refund"))
    full = refunded >= order.total_incl_tax
    if order.status in REFUNDABLE or order.status == OrderStatus.EXPIRED:
        if full:
            order.tickets.exclude(status=TicketStatus.VOID).update(status=TicketStatus.VOID)
        order_transition(
            order,
            OrderStatus.REFUNDED if full else OrderStatus.PARTIALLY_REFUNDED,
            source=source,
            note=_("Refunded in Stripe"),
        )
    Refund.objects.create(
        order=order,
        amount=refunded - recorded,
        currency=order.currency,
        status=RefundStatus.SUCCEEDED,
        reason=_("Refunded in Stripe"),
    )
    if full:
        for hold in SeatHold.objects.filter(order=order, status=HoldStatus.ACTIVE):
            hold_family(hold.pk).update(status=HoldStatus.RELEASED)
        order_recount(order)
    return "refund recorded"


def _dispute(dispute: dict, *, source: str) -> str:
    intent_id = dispute.get("payment_intent")
    payment = _payment_locked(intent_id)
    if payment is None:
        return "unknown payment"
    order = payment.order
    Payment.objects.filter(pk=payment.pk).update(disputed=True)
    reason = str(dispute.get("reason") or "")[:80]
    order_note(order, _("Card dispute opened: %(reason)s") % {"reason": reason or "-"},
               source=source)  # fmt: skip
    enqueue("commerce.ticketing.tasks.tell_dispute", order.pk, reason)
    return "dispute noted"


def _signed_at(header: str) -> int:
    """The `t=` of a Stripe-Signature header (verify_header has checked it is there)."""
    for item in header.split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t" and value.isascii() and value.isdigit():
            return int(value)
    return 0


WEBHOOK_TOLERANCE = 300  # seconds, either side of now


def webhook_receive(payload: bytes, signature: str | None) -> str:
    """Verify, then process once. Raises ValidationFailed for an unsigned or wrongly signed
    delivery, or one signed more than 5 minutes before or after now."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ValidationFailed(_("Webhooks are not configured."), code="not_configured")
    header = signature or ""
    try:  # the signature, then the JSON (Stripe's construct_event, without its objects)
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), header, settings.STRIPE_WEBHOOK_SECRET, WEBHOOK_TOLERANCE
        )
    except (UnicodeDecodeError, stripe.SignatureVerificationError):
        raise ValidationFailed(_("Bad signature."), code="bad_signature") from None
    # Stripe's library refuses only the stale: a delivery signed ahead of time is one too
    if _signed_at(header) > timezone.now().timestamp() + WEBHOOK_TOLERANCE:
        raise ValidationFailed(_("Bad signature."), code="bad_signature")
    try:
        event = json.loads(payload)
    except ValueError:
        event = None
    if not isinstance(event, dict):
        raise ValidationFailed(_("That is not a Stripe event."), code="malformed_event")
    data = (event.get("data") or {}).get("object") or {}
    kind = event.get("type", "")
    source = f"stripe:{event.get('id', '')}"
    try:
        with transaction.atomic():
            outcome = _handle(kind, data, source=source)
            # Recorded last, in the same transaction: a second delivery of the event fails
            # here and undoes whatever it did (handlers lock the order and check its state,
            # so a concurrent repeat found nothing to do anyway).
            StripeEvent.objects.create(
                event_id=event.get("id", ""),
                type=kind[:80],
                created=datetime.fromtimestamp(event.get("created", 0), tz=UTC),
                outcome=outcome[:255],
            )
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event.get("id", "")).exists():
            return "duplicate"
        raise
    return outcome


def _handle(kind: str, data: dict, *, source: str) -> str:
    if kind == "payment_intent.succeeded":
        return payment_succeeded(data.get("id", ""), source=source)
    if kind == "payment_intent.payment_failed":
        error = data.get("last_payment_error") or {}
        return payment_failed(data.get("id", ""), source=source, message=error.get("message", ""))
    if kind == "charge.refunded":
        return _charge_refunded(data, source=source)
    if kind == "charge.dispute.created":
        return _dispute(data, source=source)
    return "ignored"
