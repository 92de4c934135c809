"""Ticketing's business actions leave one audit entry each (config/audit.py), written by the
service that performs them: ticket types, promo codes, group discounts, refunds, a buyer's
cancelled order, transfers and check-ins. Expiries and failed check-ins record nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commerce.ticketing.models import SeatHold
from commerce.ticketing.services.checkin import ticket_check_in, ticket_token
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import expire_unpaid, order_cancel, order_place
from commerce.ticketing.services.promotions import group_discount_create, promo_code_create
from commerce.ticketing.services.refunds import refund_create
from commerce.ticketing.services.ticket_types import ticket_type_save
from commerce.ticketing.services.transfers import ticket_transfer
from community.accounts.roles import Role
from tests.audit import assert_audited, assert_in_site_history, audit_entries

pytestmark = pytest.mark.django_db

ANA = [{"name": "Ana", "email": "ana@example.org"}]


@pytest.fixture
def buyer(make_user):
    return make_user(email="compradora@example.org")


def place(ticket_type, buyer, attendees=ANA):
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=len(attendees), user=buyer)
    return order_place(hold_token=hold.token, user=buyer, attendees=attendees)


def test_creating_then_changing_a_ticket_type_records_the_fields_old_to_new(
    event, organizer, client, make_user
):
    ticket_type = ticket_type_save(
        event=event, user=organizer, data={"name_es": "General", "price": 0, "capacity": 5}
    )
    created = assert_audited(ticket_type, "medellin.ticket_type_create", user=organizer)
    assert created.data["changes"]["name_es"] == {"new": "General"}
    assert created.data["changes"]["capacity"] == {"new": 5}
    ticket_type_save(
        event=event,
        user=organizer,
        ticket_type=ticket_type,
        data={"name_es": "General", "price": 25000, "capacity": 8},
    )
    updated = assert_audited(ticket_type, "medellin.ticket_type_update", user=organizer)
    assert updated.data["changes"] == {
        "price": {"old": "0.00", "new": "25000.00"},
        "capacity": {"old": 5, "new": 8},
    }
    assert_in_site_history(
        client, make_user(Role.ADMIN), updated, es="Tipo de entrada modificado",
        en="Ticket type changed",
    )  # fmt: skip


def test_a_promo_code_is_recorded_on_its_voucher_with_its_discount_and_limits(
    make_ticket_type, event, organizer
):
    ticket_type = make_ticket_type(price=100)
    voucher = promo_code_create(
        event=event, user=organizer, code="amigos", percent=10, ticket_types=[ticket_type],
        max_uses=5, per_customer=1,
    )  # fmt: skip
    entry = assert_audited(
        voucher, "medellin.promo_code_create", user=organizer, code="AMIGOS", percent="10"
    )
    assert entry.data["amount"] is None and entry.data["max_uses"] == 5
    assert entry.data["per_customer"] == 1 and entry.data["ticket_types"] == [ticket_type.pk]


def test_a_group_discount_is_recorded_on_its_offer(make_ticket_type, event, organizer):
    ticket_type = make_ticket_type(price=100)
    offer = group_discount_create(
        event=event, user=organizer, min_quantity=3, percent=10, ticket_types=[ticket_type]
    )
    assert_audited(
        offer, "medellin.group_discount_create", user=organizer, min_quantity=3, percent="10"
    )


def test_a_refund_is_recorded_on_the_order_with_its_tickets_and_reason(
    make_ticket_type, buyer, organizer
):
    order = place(
        make_ticket_type(), buyer,
        [{"name": "Ana", "email": "ana@example.org"}, {"name": "Beto", "email": "b@example.org"}],
    )  # fmt: skip
    ana = order.tickets.get(attendee_name="Ana")
    refund = refund_create(order=order, user=organizer, ticket_codes=[ana.code], reason="Enferma")
    entry = assert_audited(
        order, "medellin.order_refund", user=organizer, refund=refund.pk, tickets=[ana.code]
    )
    assert entry.data["reason"] == "Enferma" and entry.data["currency"] == refund.currency
    assert entry.data["amount"] == str(refund.amount)
    assert entry.comment == "Enferma"


def test_a_buyer_cancelling_is_recorded_but_an_expiry_is_not(make_ticket_type, buyer):
    ticket_type = make_ticket_type(price=100, capacity=5)
    cancelled = place(ticket_type, buyer)
    order_cancel(order=cancelled, user=buyer)
    assert_audited(cancelled, "medellin.order_cancel", user=buyer)
    expired = place(ticket_type, buyer)
    SeatHold.objects.filter(order=expired).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert expire_unpaid() == 1
    assert not audit_entries(expired).exists()


def test_a_transfer_is_recorded_with_both_attendees_and_without_the_new_code(
    make_ticket_type, buyer
):
    ticket = place(make_ticket_type(), buyer).tickets.get()
    moved = ticket_transfer(code=ticket.code, user=buyer, name="Dora", email="dora@example.org")
    entry = assert_audited(
        moved, "medellin.ticket_transfer", user=buyer,
        old_email="ana@example.org", new_email="dora@example.org",
    )  # fmt: skip
    assert moved.code not in entry.label


def test_only_a_successful_check_in_is_recorded_by_the_staff_member(
    make_ticket_type, buyer, event, organizer
):
    ticket = place(make_ticket_type(), buyer).tickets.get()
    token = ticket_token(ticket)
    assert ticket_check_in(event=event, value=token, by=organizer).status == "valid"
    assert ticket_check_in(event=event, value=token, by=organizer).status == "already"
    entry = assert_audited(ticket, "medellin.ticket_check_in", user=organizer)
    assert ticket.code not in entry.label
    assert audit_entries(ticket).count() == 1
