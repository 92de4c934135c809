"""Ticket types and seat holds: capacity per event and per ticket type, holds that expire,
and the rules a hold checks (sale window, quantities, hidden codes, open registration)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commerce.ticketing.models import SeatHold
from commerce.ticketing.services.availability import available
from commerce.ticketing.services.holds import hold_create, hold_release
from commerce.ticketing.services.ticket_types import ticket_type_save
from community.accounts.roles import Role
from config.errors import Conflict, NotPermitted, ValidationFailed

pytestmark = pytest.mark.django_db


def test_a_ticket_type_is_an_oscar_product_with_its_price(make_ticket_type):
    ticket_type = make_ticket_type(name_es="VIP", name_en="VIP pass", price=120000)
    product = ticket_type.product
    assert product.product_class.name == "Ticket" and "VIP" in product.title
    record = product.stockrecords.get()
    assert record.price == 120000 and record.price_currency == "COP"
    ticket_type_save(
        event=ticket_type.inventory.event,
        user=ticket_type.inventory.event.organizer,
        ticket_type=ticket_type,
        data={"price": 90000},
    )
    assert product.stockrecords.get().price == 90000


def test_only_the_events_organizers_and_admins_manage_its_tickets(event, make_user):
    for role in (Role.MEMBER, Role.ORGANIZER):
        with pytest.raises(NotPermitted):
            ticket_type_save(event=event, user=make_user(role), data={"name_es": "X"})
    ticket_type_save(event=event, user=make_user(Role.ADMIN), data={"name_es": "X"})


def test_bad_ticket_types_are_refused_with_reasons(make_ticket_type):
    with pytest.raises(ValidationFailed) as caught:
        make_ticket_type(min_per_order=3, max_per_order=2, visibility="hidden")
    assert set(caught.value.fields) == {"max_per_order", "unlock_code"}


def test_holds_never_exceed_the_event_or_the_ticket_type(make_ticket_type):
    general = make_ticket_type(capacity=8)
    vip = make_ticket_type(name_es="VIP", capacity=3)
    hold_create(ticket_type_id=vip.pk, quantity=3)
    with pytest.raises(Conflict) as caught:
        hold_create(ticket_type_id=vip.pk, quantity=1)
    assert caught.value.code == "sold_out"
    hold_create(ticket_type_id=general.pk, quantity=7)  # the event has 10 seats
    with pytest.raises(Conflict) as caught:
        hold_create(ticket_type_id=general.pk, quantity=1)
    assert available(general) == 0


def test_an_expired_or_released_hold_gives_its_seats_back(make_ticket_type):
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=10)
    assert available(ticket_type) == 0
    SeatHold.objects.filter(pk=hold.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert available(ticket_type) == 10
    again = hold_create(ticket_type_id=ticket_type.pk, quantity=10)
    hold_release(hold=again)
    assert available(ticket_type) == 10


@pytest.mark.parametrize(
    ("data", "quantity", "code", "error"),
    [
        ({"min_per_order": 2}, 1, "", "quantity"),
        ({"max_per_order": 2}, 3, "", "quantity"),
        ({"visibility": "hidden", "unlock_code": "AMIGOS"}, 1, "", "unknown_ticket_type"),
        ({"sale_starts": timezone.now() + timedelta(days=1)}, 1, "", "not_on_sale"),
        ({"sale_ends": timezone.now() - timedelta(minutes=1)}, 1, "", "not_on_sale"),
        ({"is_active": False}, 1, "", "not_on_sale"),
    ],
)
def test_a_hold_checks_the_ticket_types_rules(make_ticket_type, data, quantity, code, error):
    ticket_type = make_ticket_type(**data)
    with pytest.raises((Conflict, ValidationFailed)) as caught:
        hold_create(ticket_type_id=ticket_type.pk, quantity=quantity, code=code)
    assert caught.value.code == error


def test_a_hidden_ticket_type_is_unlocked_by_its_code(make_ticket_type):
    ticket_type = make_ticket_type(visibility="hidden", unlock_code="AMIGOS")
    assert hold_create(ticket_type_id=ticket_type.pk, quantity=1, code=" amigos ")


def test_no_holds_when_the_event_does_not_take_registrations(event, make_ticket_type):
    ticket_type = make_ticket_type()
    event.registration_closes = timezone.now() - timedelta(minutes=1)
    event.save_revision().publish()
    with pytest.raises(Conflict) as caught:
        hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    assert caught.value.code == "registration_closed"
    event.registration_closes = None
    event.status = "cancelled"
    event.save_revision().publish()
    with pytest.raises(Conflict) as caught:
        hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    assert caught.value.code == "event_closed"
