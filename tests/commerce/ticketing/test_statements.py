"""The hot paths' statements, compiled once per process (config/statements.py), must read
and write exactly what the ORM would: the same values, converted the same way, on SQLite
and on PostgreSQL, with the query's own constants kept and each call's parameters used."""

from decimal import Decimal

import pytest
from django.db.models import Model
from oscar.core.loading import get_model

from cms.events.models import EventPage
from commerce.ticketing.models import EventInventory, HoldStatus, SeatHold, TicketType
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import _hold_for_order
from config import statements

pytestmark = pytest.mark.django_db


def values(obj: Model) -> list:
    return [getattr(obj, field.attname) for field in obj._meta.concrete_fields]


def test_a_prepared_lookup_reads_what_the_orm_reads(make_ticket_type):
    ticket_type = make_ticket_type(price=25000, price_steps=[{"threshold": 2, "price": 30000}])
    first = hold_create(ticket_type_id=ticket_type.pk, quantity=2)
    second = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    for hold in (first, second):  # the second call runs the statement compiled by the first
        read = _hold_for_order(hold.token)
        assert values(read) == values(SeatHold.objects.get(pk=hold.pk))
        assert values(read.ticket_type) == values(TicketType.objects.get(pk=ticket_type.pk))
        product = get_model("catalogue", "Product").objects.get(pk=ticket_type.product_id)
        assert values(read.ticket_type.product) == values(product)
        inventory = EventInventory.objects.get(pk=ticket_type.inventory_id)
        assert values(read.inventory) == values(inventory)  # counters (JSON) included
        page = EventPage.objects.get(pk=inventory.event_id)
        assert values(read.inventory.event) == values(page)
    assert read.total == Decimal("30000.00") and read.inventory.claimed_by_type == {
        str(ticket_type.pk): 3
    }
    assert _hold_for_order("00000000-0000-0000-0000-000000000000") is None


def test_a_prepared_query_keeps_its_own_constants(make_ticket_type):
    hold = hold_create(ticket_type_id=make_ticket_type().pk, quantity=1)
    active = statements.Prepared(
        lambda pk: SeatHold.objects.filter(pk=pk, status=HoldStatus.ACTIVE).values_list(
            "pk", "status", "expires_at"
        )
    )
    ((pk, status, expires_at),) = active.rows(hold.pk)
    assert (pk, status, expires_at) == (hold.pk, "active", hold.expires_at)
    SeatHold.objects.filter(pk=hold.pk).update(status=HoldStatus.RELEASED)
    assert active.rows(hold.pk) == []


def test_insert_and_update_write_what_save_writes(make_ticket_type):
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    copy = statements.insert(
        SeatHold(
            inventory_id=hold.inventory_id,
            ticket_type=ticket_type,
            quantity=3,
            unit_price=Decimal("12.50"),
            total=Decimal("37.50"),
            expires_at=hold.expires_at,
        )
    )
    saved = SeatHold.objects.get(pk=copy.pk)
    assert values(saved) == values(copy) and saved.token != hold.token
    assert saved.created_at is not None and saved.status == "active" and not saved.is_bundle
    inventory = EventInventory.objects.get(pk=hold.inventory_id)
    inventory.claimed, inventory.claimed_by_type = 7, {"1": 3, "2": 4}
    statements.update(inventory, ["claimed", "claimed_by_type"])
    inventory.refresh_from_db()
    assert (inventory.claimed, inventory.claimed_by_type) == (7, {"1": 3, "2": 4})


def test_insert_all_writes_several_rows_in_one_statement_as_save_would(
    make_ticket_type, django_assert_num_queries
):
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    holds = [
        SeatHold(inventory_id=hold.inventory_id, ticket_type=ticket_type, quantity=n,
                 unit_price=Decimal("10"), total=Decimal(10 * n), expires_at=hold.expires_at)
        for n in (1, 2, 3)
    ]  # fmt: skip
    with django_assert_num_queries(1):
        assert statements.insert_all(holds)
    for written in holds:  # each got its own row's id
        assert values(SeatHold.objects.get(pk=written.pk)) == values(written)
    assert [h.quantity for h in SeatHold.objects.filter(pk__in=[h.pk for h in holds])
            .order_by("pk")] == [1, 2, 3]  # fmt: skip
    with pytest.raises(ValueError, match="exactly one row"):
        statements.insert_all(holds, source=("WITH source AS (SELECT 1)", []))
    with django_assert_num_queries(0):
        assert statements.insert_all([])  # nothing to write, no statement


def test_a_parameter_the_orm_rewrites_is_refused_not_silently_fixed(make_ticket_type):
    make_ticket_type(name_es="General")
    by_name = statements.Prepared(
        lambda name: TicketType.objects.filter(name_es__contains=name).values_list("pk"),
        TicketType._meta.get_field("name_es"),
    )
    with pytest.raises(ValueError, match="not in the query"):  # a LIKE pattern: %name%
        by_name.rows("Gen")


def test_insert_and_update_send_the_signals_save_sends(make_ticket_type):
    from django.db.models.signals import post_save, pre_save

    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    heard = []

    def listen(which, sender, instance, kwargs):
        kwargs.pop("signal", None)
        heard.append((which, sender, instance.pk, kwargs))

    def on_pre(sender, instance, **kwargs):
        listen("pre", sender, instance, kwargs)

    def on_post(sender, instance, **kwargs):
        listen("post", sender, instance, kwargs)

    pre_save.connect(on_pre, sender=SeatHold)
    post_save.connect(on_post, sender=SeatHold)
    try:
        saved = SeatHold(inventory_id=hold.inventory_id, ticket_type=ticket_type, quantity=1,
                         unit_price=0, total=0, expires_at=hold.expires_at)  # fmt: skip
        saved.save()
        saved.status = "released"
        saved.save(update_fields=["status"])
        by_save, heard[:] = list(heard), []
        copy = statements.insert(SeatHold(inventory_id=hold.inventory_id, ticket_type=ticket_type,
                                          quantity=1, unit_price=0, total=0,
                                          expires_at=hold.expires_at))  # fmt: skip
        copy.status = "released"
        statements.update(copy, ["status"])
    finally:
        pre_save.disconnect(on_pre, sender=SeatHold)
        post_save.disconnect(on_post, sender=SeatHold)
    # the same signals with the same arguments, the instance's id aside
    assert [(s, c, k) for s, c, _pk, k in heard] == [(s, c, k) for s, c, _pk, k in by_save]
    assert [pk for _s, _c, pk, _k in heard] == [None, copy.pk, copy.pk, copy.pk]
