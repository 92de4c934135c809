"""The seat hold's compiled-once statements (commerce/ticketing/services/statements.py) must
read and write exactly what the ORM would: the same values, converted the same way, on
SQLite and on PostgreSQL, with the query's own constants kept and each call's parameters
used. They lean on Django internals; the first test fails when those change, so that an
upgrade of Django re-checks them (or lets the module go: docs/performance.md)."""

import inspect
from decimal import Decimal

import pytest
from django.db.models import Model
from django.db.models.sql.compiler import SQLCompiler

from cms.events.models import EventPage
from commerce.ticketing.models import EventInventory, HoldStatus, SeatHold, TicketType
from commerce.ticketing.services import statements
from commerce.ticketing.services.holds import EVENT_FACTS, hold_create

pytestmark = pytest.mark.django_db


def values(obj: Model) -> list:
    return [getattr(obj, field.attname) for field in obj._meta.concrete_fields]


def test_the_django_internals_the_statements_rely_on_are_still_there():
    # Prepared reads the compiler's select list and column count after as_sql(), and asks
    # it for the converters of those columns, which it calls as (value, expression, db)
    assert list(inspect.signature(SQLCompiler.get_converters).parameters) == [
        "self",
        "expressions",
    ]
    queryset = EventInventory.objects.values_list("pk", "claimed_by_type")
    compiler = queryset.query.get_compiler("default")
    compiler.as_sql()
    assert compiler.col_count == 2 and len(compiler.select) == 2
    expression = compiler.select[1][0]
    (functions, converted) = compiler.get_converters([expression])[0]
    assert converted is expression and functions  # the JSON field's from_db_value
    assert list(inspect.signature(functions[0]).parameters)[:3] == [
        "value",
        "expression",
        "connection",
    ]
    # instances are built as the ORM builds them from a row, and written as save() writes
    assert list(inspect.signature(Model.from_db.__func__).parameters) == [
        "cls",
        "db",
        "field_names",
        "values",
    ]
    field = SeatHold._meta.get_field("created_at")
    assert list(inspect.signature(field.pre_save).parameters) == ["model_instance", "add"]
    assert list(inspect.signature(field.get_db_prep_save).parameters) == ["value", "connection"]


def test_the_hold_lookup_reads_what_the_orm_reads(make_ticket_type):
    ticket_type = make_ticket_type(price=25000, price_steps=[{"threshold": 2, "price": 30000}])
    hold_create(ticket_type_id=ticket_type.pk, quantity=2)
    lookup = statements.Prepared(
        lambda pk: TicketType.objects.filter(pk=pk).values_list(
            *statements.attnames(TicketType),
            *(f"inventory__{name}" for name in statements.attnames(EventInventory)),
            *(f"inventory__event__{name}" for name in EVENT_FACTS),
        )
    )
    for _ in range(2):  # the second call runs the statement compiled by the first
        (row,) = lookup.rows(ticket_type.pk)
        read, inventory = statements.instances(row[: -len(EVENT_FACTS)], TicketType, EventInventory)
        assert values(read) == values(TicketType.objects.get(pk=ticket_type.pk))
        assert values(inventory) == values(EventInventory.objects.get(pk=read.inventory_id))
        page = EventPage.objects.get(pk=inventory.event_id)
        assert list(row[-len(EVENT_FACTS) :]) == [getattr(page, name) for name in EVENT_FACTS]
    assert inventory.claimed_by_type == {str(ticket_type.pk): 2}  # JSON, converted
    assert read.price == Decimal("25000.00")
    assert lookup.rows(987654321) == []


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


def test_a_parameter_the_orm_rewrites_is_refused_not_silently_fixed(make_ticket_type):
    make_ticket_type(name_es="General")
    by_name = statements.Prepared(
        lambda name: TicketType.objects.filter(name_es__contains=name).values_list("pk"),
        TicketType._meta.get_field("name_es"),
    )
    with pytest.raises(ValueError, match="not in the query"):  # a LIKE pattern: %name%
        by_name.rows("Gen")


def test_insert_writes_what_save_writes(make_ticket_type, django_assert_num_queries):
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    with django_assert_num_queries(1):
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
    assert not copy._state.adding


def test_insert_sends_the_signals_save_sends(make_ticket_type):
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

    def new() -> SeatHold:
        return SeatHold(inventory_id=hold.inventory_id, ticket_type=ticket_type, quantity=1,
                        unit_price=0, total=0, expires_at=hold.expires_at)  # fmt: skip

    pre_save.connect(on_pre, sender=SeatHold)
    post_save.connect(on_post, sender=SeatHold)
    try:
        new().save()
        by_save, heard[:] = list(heard), []
        copy = statements.insert(new())
    finally:
        pre_save.disconnect(on_pre, sender=SeatHold)
        post_save.disconnect(on_post, sender=SeatHold)
    # the same signals with the same arguments, the instance's id aside
    assert [(s, c, k) for s, c, _pk, k in heard] == [(s, c, k) for s, c, _pk, k in by_save]
    assert [pk for _s, _c, pk, _k in heard] == [None, copy.pk]
