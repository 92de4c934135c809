"""Card payments against a real localstripe: the PaymentIntent made once, the signed webhook
processed exactly once in any order, the order's state machine and audit log, and a
payment that arrives after the seats were gone refunded automatically."""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
import stripe
from django.test import override_settings
from django.utils import timezone

from commerce.ticketing.models import (
    Payment,
    Refund,
    SeatHold,
    StripeEvent,
)
from commerce.ticketing.services import payments
from commerce.ticketing.services.availability import available
from commerce.ticketing.services.holds import hold_create, hold_release
from commerce.ticketing.services.orders import expire_unpaid, order_place, order_transition
from commerce.ticketing.services.payments import payment_start
from community.accounts.roles import Role
from config.errors import Conflict

from .cards import DECLINED, pay_with_card

pytestmark = pytest.mark.django_db

ANA = [{"name": "Ana", "email": "ana@example.org"}]
SECRET = "whsec_test"


def signed(payload: dict, *, secret: str = SECRET, at: int | None = None) -> tuple[bytes, str]:
    """What Stripe sends: the body and its Stripe-Signature header."""
    body = json.dumps(payload).encode()
    at = at or int(time.time())
    digest = hmac.new(secret.encode(), f"{at}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={at},v1={digest}"


def event(kind: str, obj: dict, *, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_{kind}_{obj.get('id')}",
        "object": "event",
        "type": kind,
        "created": int(time.time()),
        "data": {"object": obj},
    }


def deliver(client, payload: dict, **sign):
    body, header = signed(payload, **sign)
    return client.post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


@pytest.fixture
def paid_type(make_ticket_type):
    return make_ticket_type(price=50000, tax_rate=19)


@pytest.fixture
def pending_order(paid_type, stripe_server):
    hold = hold_create(ticket_type_id=paid_type.pk, quantity=1)
    order = order_place(hold_token=hold.token, email="buyer@example.org", attendees=ANA)
    return order


def test_the_payment_intent_is_made_once_and_carries_the_order_total(pending_order):
    payment = payment_start(pending_order)
    again = payment_start(pending_order)
    assert again.pk == payment.pk and Payment.objects.count() == 1
    intent = payments.client().v1.payment_intents.retrieve(payment.intent_id)
    assert intent.amount == 5000000 and intent.currency == "cop"  # COP in cents
    assert intent.metadata["order"] == pending_order.number
    assert payment.client_secret.startswith(payment.intent_id)


@pytest.fixture
def silent_stripe():
    """A server that takes the connection and never answers (Stripe down mid-request)."""
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


def test_a_stripe_that_does_not_answer_is_a_503_and_the_retry_pays(
    api_client, paid_type, stripe_server, silent_stripe, settings
):
    hold = hold_create(ticket_type_id=paid_type.pk, quantity=1)
    url = f"/api/v1/holds/{hold.token}/order/"
    body = {"email": "ana@example.org", "attendees": ANA}
    settings.STRIPE_API_BASE, settings.STRIPE_TIMEOUT_SECONDS = silent_stripe, 0.3
    started = time.monotonic()
    response = api_client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert time.monotonic() - started < 5  # STRIPE_TIMEOUT_SECONDS, not stripe-python's 80 s
    assert response.status_code == 503 and response["Retry-After"] == "1"
    assert response.json()["error"]["message"] == (
        "The payment service is not answering. Please try again in a moment."
    )
    # the order stays, waiting for its payment; the same request again pays it
    settings.STRIPE_API_BASE = stripe_server
    again = api_client.post(url, body, format="json")
    assert again.status_code == 200 and again.json()["payment"]["intent_id"]
    assert Payment.objects.get().order.number == again.json()["number"]


def test_one_stripe_client_per_configuration():
    first = payments.client()
    assert payments.client() is first  # its connections are kept
    with override_settings(STRIPE_API_BASE="http://127.0.0.1:9"):
        assert payments.client() is not first


def test_a_signed_success_webhook_issues_the_tickets_once(
    client, pending_order, mailoutbox, django_capture_on_commit_callbacks
):
    payment = payment_start(pending_order)
    intent = pay_with_card(payment.intent_id)
    assert intent["status"] == "succeeded"
    success = event("payment_intent.succeeded", intent)
    with django_capture_on_commit_callbacks(execute=True):
        first = deliver(client, success)
    assert first.status_code == 200 and first.content == b"paid"
    pending_order.refresh_from_db()
    assert pending_order.status == "Paid"
    assert list(pending_order.tickets.values_list("status", flat=True)) == ["valid"]
    assert SeatHold.objects.get(order=pending_order).status == "converted"
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.org", "buyer@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        second = deliver(client, success)  # Stripe delivers again
    assert second.content == b"duplicate"
    assert StripeEvent.objects.count() == 1 and len(mailoutbox) == 2
    assert list(pending_order.transitions.values_list("from_status", "to_status", "source")) == [
        ("", "Pending", "site"),
        ("Pending", "Paid", f"stripe:{success['id']}"),
    ]


@pytest.mark.parametrize(
    "how",
    ["unsigned", "wrong secret", "stale", "from the future", "tampered"],
)
def test_webhooks_that_are_not_from_stripe_are_rejected(client, pending_order, how):
    payment = payment_start(pending_order)
    payload = event("payment_intent.succeeded", {"id": payment.intent_id, "status": "succeeded"})
    if how == "unsigned":
        response = client.post("/payments/stripe/webhook/", data=payload,
                               content_type="application/json")  # fmt: skip
    elif how == "wrong secret":
        response = deliver(client, payload, secret="whsec_other")
    elif how == "stale":
        response = deliver(client, payload, at=int(time.time()) - 600)
    elif how == "from the future":  # Stripe's library checks only the past
        response = deliver(client, payload, at=int(time.time()) + 3600)
    else:
        body, header = signed(payload)
        response = client.post("/payments/stripe/webhook/", data=body.replace(b"evt_", b"evt_x"),
                               content_type="application/json", HTTP_STRIPE_SIGNATURE=header)  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_signature"
    pending_order.refresh_from_db()
    assert pending_order.status == "Pending" and not StripeEvent.objects.exists()


@pytest.mark.parametrize("body", [b'["not", "an", "event"]', b"{not json"])
def test_a_signed_body_that_is_not_an_event_is_refused_clearly(client, pending_order, body):
    at = int(time.time())
    digest = hmac.new(SECRET.encode(), f"{at}.".encode() + body, hashlib.sha256).hexdigest()
    response = client.post("/payments/stripe/webhook/", data=body, content_type="application/json",
                           HTTP_STRIPE_SIGNATURE=f"t={at},v1={digest}")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_event"
    assert not StripeEvent.objects.exists()


def test_out_of_order_events_change_nothing_once_the_order_moved_on(client, pending_order):
    payment = payment_start(pending_order)
    intent = pay_with_card(payment.intent_id)
    charge = intent["latest_charge"] if isinstance(intent["latest_charge"], dict) else {}
    refunded = {**charge, "payment_intent": payment.intent_id, "amount_refunded": 5000000,
                "refunds": {"data": []}}  # fmt: skip
    # the refund overtakes the success: paid is implied, then refunded
    assert deliver(client, event("charge.refunded", refunded)).content == b"refund recorded"
    assert deliver(client, event("payment_intent.succeeded", intent)).content.startswith(b"ignored")
    failed = {**intent, "last_payment_error": {"message": "Your card was declined."}}
    assert deliver(client, event("payment_intent.payment_failed", failed)).content.startswith(
        b"ignored"
    )
    pending_order.refresh_from_db()
    assert pending_order.status == "Refunded"
    assert list(pending_order.tickets.values_list("status", flat=True)) == ["void"]
    assert [t for _f, t in pending_order.transitions.values_list("from_status", "to_status")] == [
        "Pending",
        "Paid",
        "Refunded",
    ]


def test_a_declined_card_is_logged_and_the_order_keeps_waiting(client, pending_order):
    payment = payment_start(pending_order)
    with pytest.raises(stripe.CardError):
        pay_with_card(payment.intent_id, DECLINED)
    failed = {"id": payment.intent_id, "status": "requires_payment_method",
              "last_payment_error": {"message": "Your card was declined."}}  # fmt: skip
    assert deliver(client, event("payment_intent.payment_failed", failed)).content == b"failed"
    pending_order.refresh_from_db()
    assert pending_order.status == "Pending"
    assert (
        pending_order.transitions.last().note
        == "El pago con tarjeta falló: Your card was declined."
    )


def _expire(order):
    SeatHold.objects.filter(order=order).update(expires_at=timezone.now() - timedelta(minutes=1))


def test_a_late_payment_is_accepted_while_seats_remain(client, pending_order):
    payment = payment_start(pending_order)
    _expire(pending_order)
    assert deliver(
        client, event("payment_intent.succeeded", pay_with_card(payment.intent_id))
    ).content == (b"paid")
    pending_order.refresh_from_db()
    assert pending_order.status == "Paid"


def test_a_late_payment_for_seats_sold_meanwhile_is_refunded_with_an_email(
    client, paid_type, pending_order, mailoutbox, django_capture_on_commit_callbacks
):
    payment = payment_start(pending_order)
    _expire(pending_order)
    expire_unpaid()
    pending_order.refresh_from_db()
    assert pending_order.status == "Expired"
    # the last nine seats go to someone else while the buyer's 3-D Secure page was open
    hold_create(ticket_type_id=paid_type.pk, quantity=10)
    intent = pay_with_card(payment.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, event("payment_intent.succeeded", intent))
    assert response.content == b"late payment refunded"
    pending_order.refresh_from_db()
    assert pending_order.status == "Refunded"
    refund = Refund.objects.get(order=pending_order)
    assert refund.automatic and refund.amount == 50000 and refund.status == "succeeded"
    stripe_refund = payments.client().v1.refunds.retrieve(refund.stripe_id)
    assert stripe_refund.amount == 5000000 and stripe_refund.payment_intent == payment.intent_id
    assert [m.to for m in mailoutbox] == [["buyer@example.org"]]
    assert "reembolsamos" in mailoutbox[0].body


def test_unpaid_orders_expire_and_give_their_seats_back(paid_type, pending_order):
    assert available(paid_type) == 9
    _expire(pending_order)
    assert expire_unpaid() == 1
    pending_order.refresh_from_db()
    assert pending_order.status == "Expired"
    assert set(pending_order.tickets.values_list("status", flat=True)) == {"void"}
    assert available(paid_type) == 10
    assert expire_unpaid() == 0


def test_the_buyer_cancels_an_unpaid_order(pending_order, paid_type):
    hold = SeatHold.objects.get(order=pending_order)
    hold_release(hold=hold)
    pending_order.refresh_from_db()
    assert pending_order.status == "Cancelled" and available(paid_type) == 10
    with pytest.raises(Conflict):
        order_transition(pending_order, "Paid", source="test")


def test_a_dispute_is_noted_on_the_order_and_its_payment_and_told_to_those_who_answer_it(
    client, pending_order, organizer, make_user, django_capture_on_commit_callbacks
):
    from community.notifications.models import Notification

    admin = make_user(Role.ADMIN, is_superuser=True)
    bystander = make_user()
    payment = payment_start(pending_order)
    deliver(client, event("payment_intent.succeeded", pay_with_card(payment.intent_id)))
    dispute = {"id": "dp_1", "object": "dispute", "payment_intent": payment.intent_id,
               "reason": "fraudulent"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, event("charge.dispute.created", dispute))
    assert response.content == b"dispute noted"
    payment.refresh_from_db()
    pending_order.refresh_from_db()
    assert payment.disputed and pending_order.status == "Paid"
    assert "fraudulent" in pending_order.transitions.last().note
    told = Notification.objects.filter(type_code="ticketing.payment_disputed")
    recipients = set(told.values_list("recipient", flat=True))
    assert {organizer.pk, admin.pk} <= recipients and bystander.pk not in recipients
    notice = told.get(recipient=organizer)
    assert pending_order.number in notice.title and "fraudulent" in notice.body
    assert notice.url.endswith(f"/tickets/orders/{pending_order.number}/")
