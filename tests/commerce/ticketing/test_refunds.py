"""Refunds and the waitlist: a refund voids tickets (their QR codes die), returns the seats,
refunds through Stripe once, emails the buyer and offers the seats to the waitlist, whose
unclaimed offers pass on; a permission matrix over who may refund and check in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commerce.ticketing.models import Refund, SeatHold, WaitlistEntry
from commerce.ticketing.permissions import may_check_in
from commerce.ticketing.selectors import waitlist_position
from commerce.ticketing.services import payments
from commerce.ticketing.services.availability import available
from commerce.ticketing.services.checkin import ticket_check_in, ticket_token
from commerce.ticketing.services.holds import hold_create, hold_release
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.payments import payment_start, payment_sync
from commerce.ticketing.services.refunds import refund_create
from commerce.ticketing.services.waitlist import waitlist_join, waitlist_sweep
from community.accounts.roles import Role
from config.errors import Conflict, NotPermitted

from .cards import pay_with_card

pytestmark = pytest.mark.django_db

TWO = [{"name": "Ana", "email": "ana@example.org"}, {"name": "Beto", "email": "beto@example.org"}]


@pytest.fixture
def buyer(make_user):
    return make_user(email="buyer@example.org")


@pytest.fixture
def paid_order(make_ticket_type, buyer, stripe_server, django_capture_on_commit_callbacks):
    """Two tickets at 50 000 COP, paid by card (the success handled as the webhook would)."""
    ticket_type = make_ticket_type(price=50000, capacity=2)
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2, user=buyer)
    order = order_place(hold_token=hold.token, user=buyer, attendees=TWO)
    payment = payment_start(order)
    pay_with_card(payment.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert payment_sync(order) == "paid"
    order.refresh_from_db()
    return order


def test_a_partial_then_full_refund_voids_tickets_and_refunds_through_stripe(
    paid_order, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    ana = paid_order.tickets.get(attendee_name="Ana")
    old_token = ticket_token(ana)
    event = ana.inventory.event
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = refund_create(order=paid_order, user=organizer, ticket_codes=[ana.code])
    first.refresh_from_db()
    paid_order.refresh_from_db()
    assert paid_order.status == "Partially refunded" and first.amount == 50000
    assert first.status == "succeeded" and first.stripe_id
    assert payments.client().v1.refunds.retrieve(first.stripe_id).amount == 5000000
    ana.refresh_from_db()
    assert ana.status == "void" and ana.token_version == 2
    assert ticket_check_in(event=event, value=old_token, by=organizer).status == "void"
    assert available(ana.ticket_type) == 1
    assert [m.to for m in mailoutbox] == [["buyer@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        rest = refund_create(order=paid_order, user=organizer)
    paid_order.refresh_from_db()
    assert paid_order.status == "Refunded" and rest.amount == 50000
    with pytest.raises(Conflict):
        refund_create(order=paid_order, user=organizer)
    assert [t for _f, t in paid_order.transitions.values_list("from_status", "to_status")] == [
        "Pending", "Paid", "Partially refunded", "Refunded",
    ]  # fmt: skip


def test_a_refund_offers_the_seat_to_the_waitlist_and_an_unclaimed_offer_passes_on(
    paid_order, organizer, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    ticket_type = paid_order.tickets.first().ticket_type
    first = waitlist_join(ticket_type_id=ticket_type.pk, quantity=1, email="uno@example.org")
    second = waitlist_join(ticket_type_id=ticket_type.pk, quantity=1, email="dos@example.org")
    assert (waitlist_position(first), waitlist_position(second)) == (1, 2)
    with pytest.raises(Conflict):
        waitlist_join(ticket_type_id=ticket_type.pk, quantity=1, email="UNO@example.org")
    code = paid_order.tickets.first().code
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        refund_create(order=paid_order, user=organizer, ticket_codes=[code])
    first.refresh_from_db()
    assert first.status == "offered" and first.hold.quantity == 1
    assert waitlist_position(second) == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["buyer@example.org", "uno@example.org"]
    offer_mail = next(m for m in mailoutbox if m.to == ["uno@example.org"])
    assert str(first.hold.token) in offer_mail.body
    # the freed seat is the waitlist's: the public cannot take it
    with pytest.raises(Conflict):
        hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    SeatHold.objects.filter(pk=first.hold_id).update(expires_at=timezone.now() - timedelta(1))
    with django_capture_on_commit_callbacks(execute=True):
        waitlist_sweep()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "expired" and second.status == "offered"


def test_only_sold_out_tickets_have_a_waitlist(make_ticket_type):
    ticket_type = make_ticket_type(capacity=1)
    with pytest.raises(Conflict) as caught:
        waitlist_join(ticket_type_id=ticket_type.pk, quantity=1, email="a@example.org")
    assert caught.value.code == "not_sold_out"


def test_a_claimed_offer_becomes_an_order(make_ticket_type, django_capture_on_commit_callbacks):
    ticket_type = make_ticket_type(capacity=1)
    first = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    entry = waitlist_join(ticket_type_id=ticket_type.pk, quantity=1, email="w@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        hold_release(hold=first)
    entry.refresh_from_db()
    order = order_place(
        hold_token=entry.hold.token,
        email="w@example.org",
        attendees=[{"name": "Wendy", "email": "w@example.org"}],
    )
    waitlist_sweep()
    entry.refresh_from_db()
    assert entry.status == "claimed" and order.tickets.count() == 1


# ---- who may refund and check in ----------------------------------------------------------

ROLES = ["buyer", "other buyer", "organizer", "other organizer", "admin"]


@pytest.fixture
def people(buyer, organizer, make_user):
    return {
        "buyer": buyer,
        "other buyer": make_user(email="other@example.org"),
        "organizer": organizer,
        "other organizer": make_user(Role.ORGANIZER),
        "admin": make_user(Role.ADMIN),
    }


@pytest.mark.parametrize("role", ROLES)
def test_who_may_refund_a_paid_order(paid_order, people, role):
    allowed = role in ("organizer", "admin")
    if allowed:
        refund_create(order=paid_order, user=people[role])
        assert Refund.objects.filter(order=paid_order).exists()
    else:
        with pytest.raises(NotPermitted):
            refund_create(order=paid_order, user=people[role])


@pytest.mark.parametrize("role", ROLES)
def test_who_may_check_in(paid_order, people, role):
    ticket = paid_order.tickets.first()
    allowed = role in ("organizer", "admin")
    assert may_check_in(people[role], ticket.inventory.event) is allowed


def test_buyers_cancel_their_own_free_registrations_only(make_ticket_type, buyer, people):
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1, user=buyer)
    order = order_place(hold_token=hold.token, user=buyer, attendees=TWO[:1])
    with pytest.raises(NotPermitted):
        refund_create(order=order, user=people["other buyer"])
    refund = refund_create(order=order, user=buyer)
    assert refund.amount == 0 and refund.status == "succeeded"
    order.refresh_from_db()
    assert order.status == "Refunded" and available(ticket_type) == 10
    assert WaitlistEntry.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_an_order(client, paid_order, people, role):
    """The buyer on their billing page; the event's organizers and admins in the admin."""
    from django.urls import reverse
    from django.utils import translation

    event = paid_order.tickets.first().inventory.event
    client.force_login(people[role])
    with translation.override("es"):
        receipt = client.get(reverse("billing:order", args=[paid_order.number]))
    admin_page = client.get(reverse("ticketing_admin:order", args=[event.pk, paid_order.number]))
    assert (receipt.status_code == 200) is (role == "buyer")
    assert (admin_page.status_code == 200) is (role in ("organizer", "admin"))
