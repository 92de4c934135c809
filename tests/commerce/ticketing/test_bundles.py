"""Bundles: one item (a workshop + conference pass) that holds a seat at every event it
admits to, under each event's lock, and issues a ticket per event."""

import pytest

from cms.events.factories import event_indexes, make_event
from commerce.ticketing.models import SeatHold
from commerce.ticketing.services.availability import available
from commerce.ticketing.services.checkin import ticket_check_in
from commerce.ticketing.services.holds import hold_create, hold_release
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.ticket_types import ticket_type_save
from config.errors import Conflict, ValidationFailed

pytestmark = pytest.mark.django_db

ANA = [{"name": "Ana", "email": "ana@example.org"}]


@pytest.fixture
def workshop(demo_site, organizer):
    index = event_indexes(demo_site["homes"])["es"]
    return make_event(index, organizer=organizer, owner=organizer, capacity=2,
                      title="Taller de visión", slug="taller-vision")  # fmt: skip


@pytest.fixture
def bundle(make_ticket_type, workshop):
    return make_ticket_type(name_es="Pase completo", price=0, includes=[workshop.pk])


def test_a_bundle_holds_a_seat_at_each_event_and_issues_a_ticket_for_each(
    bundle, event, workshop, organizer
):
    hold = hold_create(ticket_type_id=bundle.pk, quantity=2)
    workshop_only = ticket_type_save(event=workshop, user=organizer,
                                              data={"name_es": "Solo taller"})  # fmt: skip
    assert available(workshop_only) == 0  # both workshop seats are in the bundle hold
    with pytest.raises(Conflict):
        hold_create(ticket_type_id=workshop_only.pk, quantity=1)
    people = [*ANA, {"name": "Beto", "email": "beto@example.org"}]
    order = order_place(hold_token=hold.token, email="a@example.org", attendees=people)
    tickets = list(order.tickets.select_related("inventory__event"))
    assert sorted((t.attendee_name, t.inventory.event.title) for t in tickets) == [
        ("Ana", "Taller abierto"), ("Ana", "Taller de visión"),
        ("Beto", "Taller abierto"), ("Beto", "Taller de visión"),
    ]  # fmt: skip
    assert set(SeatHold.objects.values_list("status", flat=True)) == {"converted"}
    workshop_ticket = next(t for t in tickets if t.inventory.event_id == workshop.pk)
    assert ticket_check_in(event=workshop, value=workshop_ticket.code, by=organizer).status == (
        "valid"
    )
    assert available(workshop_only) == 0  # sold now, still counted


def test_a_bundle_is_sold_out_when_any_of_its_events_is(bundle, workshop, organizer):
    workshop_only = ticket_type_save(event=workshop, user=organizer,
                                              data={"name_es": "Solo taller"})  # fmt: skip
    hold_create(ticket_type_id=workshop_only.pk, quantity=2)
    with pytest.raises(Conflict) as caught:
        hold_create(ticket_type_id=bundle.pk, quantity=1)
    assert caught.value.code == "sold_out" and "Taller de visión" in caught.value.message


def test_releasing_a_bundle_frees_every_event(bundle, workshop, organizer):
    hold = hold_create(ticket_type_id=bundle.pk, quantity=2)
    hold_release(hold=hold)
    workshop_only = ticket_type_save(event=workshop, user=organizer,
                                              data={"name_es": "Solo taller"})  # fmt: skip
    assert available(workshop_only) == 2


def test_only_events_you_organize_can_be_bundled(make_ticket_type, demo_site, make_user):
    from community.accounts.roles import Role

    other = make_user(Role.ORGANIZER)
    index = event_indexes(demo_site["homes"])["es"]
    theirs = make_event(index, organizer=other, owner=other, slug="ajeno")
    with pytest.raises(ValidationFailed) as caught:
        make_ticket_type(name_es="Pase", includes=[theirs.pk])
    assert "includes" in caught.value.fields
