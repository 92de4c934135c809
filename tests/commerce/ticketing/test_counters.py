"""The seat counters on each event's inventory row: a hold reads them under the lock instead
of adding up every hold and ticket, so after every way seats are taken or given back they
must equal a full count (inventory_recount), and a hold must stay cheap."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from cms.events.factories import event_indexes, make_event
from commerce.ticketing.models import EventInventory, SeatHold
from commerce.ticketing.services.availability import (
    RUN_OUT_GRACE,
    inventory_for,
    inventory_recount,
    room,
)
from commerce.ticketing.services.holds import claim_source, hold_build, hold_create, hold_release
from commerce.ticketing.services.orders import expire_unpaid, order_place
from commerce.ticketing.services.payments import payment_start
from commerce.ticketing.services.refunds import refund_create
from commerce.ticketing.services.waitlist import waitlist_join, waitlist_leave, waitlist_serve
from config.errors import Conflict

from .cards import pay_with_card
from .test_payments import deliver
from .test_payments import event as stripe_event

pytestmark = pytest.mark.django_db

ANA = [{"name": "Ana", "email": "ana@example.org"}]


def counters(inventory_id: int) -> tuple:
    row = EventInventory.objects.get(pk=inventory_id)
    return row.claimed, row.claimed_by_type, row.waiting_by_type


def assert_exact(*inventory_ids: int) -> None:
    """The counters as the services left them equal a count from the rows."""
    kept = [counters(pk) for pk in inventory_ids]
    with transaction.atomic():
        inventory_recount(inventory_ids)
    assert kept == [counters(pk) for pk in inventory_ids]


def hold(ticket_type, quantity=1):
    return hold_create(ticket_type_id=ticket_type.pk, quantity=quantity)


def order(held, email="ana@example.org"):
    people = [{"name": f"P{n}", "email": f"p{n}@example.org"} for n in range(held.quantity)]
    return order_place(hold_token=held.token, email=email, attendees=people)


def test_holds_orders_releases_and_refunds_keep_the_counters_exact(make_ticket_type, organizer):
    general = make_ticket_type(capacity=6)
    vip = make_ticket_type(name_es="VIP", capacity=2)
    inventory = general.inventory_id
    first = hold(general, 2)
    assert counters(inventory)[0] == 2
    assert_exact(inventory)
    hold_release(hold=first)
    assert counters(inventory)[0] == 0
    assert_exact(inventory)
    placed = order(hold(general, 3))
    order(hold(vip, 2))
    assert counters(inventory)[:2] == (5, {str(general.pk): 3, str(vip.pk): 2})
    assert_exact(inventory)
    ticket = placed.tickets.order_by("pk").first()
    refund_create(order=placed, user=organizer, ticket_codes=[ticket.code])
    assert counters(inventory)[0] == 4
    assert_exact(inventory)


def test_holds_that_ran_out_still_count_until_seats_are_short_then_they_free_them(
    make_ticket_type,
):
    ticket_type = make_ticket_type(capacity=3)
    stale = hold(ticket_type, 3)
    SeatHold.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert counters(ticket_type.inventory_id)[0] == 3  # still counted: no one released it
    assert hold(ticket_type, 3).quantity == 3  # short by the counters, so they were checked
    with pytest.raises(Conflict) as caught:
        hold(ticket_type)
    assert caught.value.code == "sold_out"
    assert_exact(ticket_type.inventory_id)


def test_the_waitlist_is_counted_and_served_exactly(make_ticket_type):
    ticket_type = make_ticket_type(capacity=2)
    inventory = ticket_type.inventory_id
    first = hold(ticket_type, 2)
    entry = waitlist_join(ticket_type_id=ticket_type.pk, quantity=1, email="eva@example.org")
    assert counters(inventory)[2] == {str(ticket_type.pk): 1}
    hold_release(hold=first)
    assert waitlist_serve(inventory) == 1  # the freed seat is offered to Eva, and held
    assert counters(inventory)[:3] == (1, {str(ticket_type.pk): 1}, {})
    assert_exact(inventory)
    entry.refresh_from_db()
    waitlist_leave(entry=entry)
    assert counters(inventory)[0] == 0
    assert_exact(inventory)


def test_a_bundle_counts_at_every_event_it_admits_to(make_ticket_type, demo_site, organizer):
    index = event_indexes(demo_site["homes"])["es"]
    workshop = make_event(index, organizer=organizer, owner=organizer, capacity=4,
                          title="Taller de visión", slug="taller-vision")  # fmt: skip
    pass_type = make_ticket_type(name_es="Pase", includes=[workshop.pk])
    both = (pass_type.inventory_id, inventory_for(workshop).pk)
    first = hold(pass_type, 2)
    assert [counters(pk)[0] for pk in both] == [2, 2]
    assert_exact(*both)
    hold_release(hold=first)
    assert [counters(pk)[0] for pk in both] == [0, 0]
    placed = order(hold(pass_type, 3))
    assert [counters(pk)[0] for pk in both] == [3, 3]
    assert_exact(*both)
    refund_create(order=placed, user=organizer)
    assert [counters(pk)[0] for pk in both] == [0, 0]
    assert_exact(*both)


def test_paid_orders_count_once_through_payment_expiry_and_late_payment(
    client, make_ticket_type, stripe_server
):
    ticket_type = make_ticket_type(price=50000, capacity=3)
    inventory = ticket_type.inventory_id
    pending = order_place(
        hold_token=hold(ticket_type).token, email="ana@example.org", attendees=ANA
    )
    payment = payment_start(pending)
    assert counters(inventory)[0] == 1  # the hold keeps the seat while the card is confirmed
    assert deliver(client, stripe_event("payment_intent.succeeded",
                                        pay_with_card(payment.intent_id))).content == b"paid"  # fmt: skip
    assert counters(inventory)[0] == 1
    assert_exact(inventory)
    late = order_place(hold_token=hold(ticket_type).token, email="bea@example.org", attendees=ANA)
    late_payment = payment_start(late)
    SeatHold.objects.filter(order=late).update(expires_at=timezone.now() - timedelta(minutes=1))
    expire_unpaid()
    assert counters(inventory)[0] == 1  # the expired order gave its seat back
    assert_exact(inventory)
    assert deliver(client, stripe_event("payment_intent.succeeded",
                                        pay_with_card(late_payment.intent_id))).content == b"paid"  # fmt: skip
    assert counters(inventory)[0] == 2  # paid late while a seat was free: it counts again
    assert_exact(inventory)


def test_a_hold_costs_a_fixed_handful_of_queries_and_a_sold_out_answer_takes_no_lock(
    make_ticket_type, django_assert_num_queries, db_vendor
):
    ticket_type = make_ticket_type(capacity=2)
    hold(ticket_type)
    if db_vendor == "postgresql":
        # the type; then the counters raised and the hold written in one statement, which
        # holds the event's row lock for itself alone
        with django_assert_num_queries(2) as one:
            hold(ticket_type)
        assert one.captured_queries[1]["sql"].startswith("WITH source AS (UPDATE")
    else:
        # the type, the event's lock, the hold, the counters (plus the savepoint)
        with django_assert_num_queries(6):
            hold(ticket_type)
    assert_exact(ticket_type.inventory_id)
    # the type, then the holds that ran out (none): sold out without queueing for the lock
    with django_assert_num_queries(2) as sold_out, pytest.raises(Conflict):
        hold(ticket_type)
    assert not any("FOR UPDATE" in q["sql"] for q in sold_out.captured_queries)


def test_a_hold_keeps_its_seats_a_moment_after_running_out_for_an_order_in_flight(
    make_ticket_type,
):
    ticket_type = make_ticket_type(capacity=1)
    first = hold(ticket_type)
    just_now = timezone.now() - timedelta(seconds=5)
    SeatHold.objects.filter(pk=first.pk).update(expires_at=just_now)
    with pytest.raises(Conflict):  # an order for it may have begun before it ran out
        hold(ticket_type)
    past_grace = timezone.now() - RUN_OUT_GRACE - timedelta(seconds=1)
    SeatHold.objects.filter(pk=first.pk).update(expires_at=past_grace)
    assert hold(ticket_type).quantity == 1


def test_the_minute_sweep_counts_again_whatever_left_the_counters_off(make_ticket_type):
    from commerce.ticketing import tasks

    ticket_type = make_ticket_type(capacity=5)
    order(hold(ticket_type, 2))
    hold(ticket_type, 1)
    # e.g. holds written by the previous release while a deploy was under way
    EventInventory.objects.filter(pk=ticket_type.inventory_id).update(claimed=0, claimed_by_type={})
    tasks.sweep()
    assert counters(ticket_type.inventory_id)[:2] == (3, {str(ticket_type.pk): 3})


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("event_capacity", "type_capacity", "claimed", "claimed_of_type", "owed", "quantity"),
    [
        (None, None, 5, 5, 2, 3),  # no limit at all
        (10, None, 8, 0, 0, 2),  # the event's last two seats
        (10, None, 8, 0, 0, 3),
        (10, None, 7, 0, 1, 2),  # one of the three free seats is the waitlist's
        (10, None, 7, 0, 1, 3),
        (None, 4, 9, 2, 0, 2),  # the type's last two
        (None, 4, 9, 2, 0, 3),
        (None, 4, 9, 1, 1, 2),
        (None, 4, 9, 1, 1, 3),
        (10, 4, 9, 0, 0, 2),  # the event is the tighter limit
        (10, 4, 5, 3, 0, 1),  # the type is
        (10, 4, 5, 3, 1, 1),
    ],
)
def test_the_one_statement_hold_reads_the_counters_as_the_locked_path_does(
    make_ticket_type, event_capacity, type_capacity, claimed, claimed_of_type, owed, quantity
):
    from commerce.ticketing.services import statements
    from commerce.ticketing.services.pricing import quote

    ticket_type = make_ticket_type(capacity=type_capacity)
    key = str(ticket_type.pk)
    EventInventory.objects.filter(pk=ticket_type.inventory_id).update(
        capacity=event_capacity,
        claimed=claimed,
        claimed_by_type={key: claimed_of_type, "0": claimed - claimed_of_type},
        waiting_by_type={key: owed},
    )
    ticket_type.inventory.refresh_from_db()
    free = room(ticket_type, quantity)
    price = quote(ticket_type, quantity=quantity, sold=0, capacity=None)
    written = statements.insert(
        hold_build(ticket_type, ticket_type.inventory, quantity, price, user=None,
                           expires_at=timezone.now() + timedelta(minutes=15)),
        source=claim_source(ticket_type, quantity),
    )  # fmt: skip
    assert (written is not None) == (free is None or free >= quantity)
    raised = quantity if written is not None else 0
    assert counters(ticket_type.inventory_id)[:2] == (
        claimed + raised,
        {key: claimed_of_type + raised, "0": claimed - claimed_of_type},
    )
    assert SeatHold.objects.filter(ticket_type=ticket_type).count() == (1 if written else 0)
