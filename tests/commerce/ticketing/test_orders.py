"""Placing the order: one Oscar order and one ticket per attendee, attendee questions
checked, idempotent, and an expired hold accepted only while its seats are still free."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.events.models import EventRequirement
from commerce.ticketing.models import SeatHold, Ticket
from commerce.ticketing.selectors import registrants
from commerce.ticketing.services.availability import available
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from config.errors import Conflict, NotFound, ValidationFailed

pytestmark = pytest.mark.django_db

PEOPLE = [
    {"name": "Ana", "email": "ana@example.org"},
    {"name": "Beto", "email": "BETO@example.org"},
]


def test_a_free_order_issues_one_ticket_per_attendee(make_ticket_type, make_user):
    ana = make_user(email="ana@example.org")
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2)
    order = order_place(hold_token=hold.token, email="buyer@example.org", attendees=PEOPLE)
    assert order.guest_email == "buyer@example.org" and order.total_incl_tax == 0
    # as Oscar's save() writes them
    stored = type(order).objects.get(pk=order.pk)
    assert stored.date_placed is not None and stored.number == order.number
    line = stored.lines.get()
    assert line.quantity == 2 and line.product_id == ticket_type.product_id
    assert line.partner_sku == f"TT-{ticket_type.pk}" and line.stockrecord_id is not None
    tickets = list(order.tickets.order_by("attendee_name"))
    assert [t.attendee_email for t in tickets] == ["ana@example.org", "beto@example.org"]
    assert tickets[0].user == ana and tickets[1].user is None
    assert len({t.code for t in tickets}) == 2 and all(len(t.code) >= 20 for t in tickets)
    # placing the same hold again (a double click, a retry) returns the same order
    again = order_place(hold_token=hold.token, email="buyer@example.org", attendees=PEOPLE)
    assert again.pk == order.pk and Ticket.objects.count() == 2
    assert available(ticket_type) == 8
    event = ticket_type.inventory.event
    assert {t.attendee_name for t in registrants(event)} == {"Ana", "Beto"}


def test_attendee_details_and_the_events_questions_are_checked(event, make_ticket_type):
    question = EventRequirement.objects.create(
        event=event, label="Lenguaje", kind="choice", options="Python\nJS", mandatory=True
    )
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2)
    with pytest.raises(ValidationFailed) as caught:
        order_place(hold_token=hold.token, email="b@example.org", attendees=PEOPLE[:1])
    assert caught.value.code == "attendees"
    bad = [{"name": "", "email": "nope", "answers": {str(question.pk): "Rust"}},
           {"name": "Beto", "email": "beto@example.org"}]  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        order_place(hold_token=hold.token, email="b@example.org", attendees=bad)
    assert set(caught.value.fields["0"]) == {"name", "email", f"answers.{question.pk}"}
    assert set(caught.value.fields["1"]) == {f"answers.{question.pk}"}
    good = [{**person, "answers": {str(question.pk): "Python"}} for person in PEOPLE]
    order = order_place(hold_token=hold.token, email="b@example.org", attendees=good)
    assert order.tickets.first().answers == {str(question.pk): "Python"}


def test_a_hold_belongs_to_its_account(make_ticket_type, make_user):
    owner = make_user()
    hold = hold_create(ticket_type_id=make_ticket_type().pk, quantity=1, user=owner)
    with pytest.raises(NotFound):  # another account's reservation is not shown to exist
        order_place(hold_token=hold.token, user=make_user(), attendees=PEOPLE[:1])
    order = order_place(hold_token=hold.token, user=owner, attendees=PEOPLE[:1])
    assert order.user == owner and order.guest_email == ""


def test_an_expired_hold_is_honoured_only_while_seats_remain(make_ticket_type):
    ticket_type = make_ticket_type()
    late = hold_create(ticket_type_id=ticket_type.pk, quantity=4)
    SeatHold.objects.filter(pk=late.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    order = order_place(hold_token=late.token, email="a@example.org", attendees=[PEOPLE[0]] * 4)
    assert order.tickets.count() == 4

    expired = hold_create(ticket_type_id=ticket_type.pk, quantity=3)
    SeatHold.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    hold_create(ticket_type_id=ticket_type.pk, quantity=6)  # the rest of the seats
    with pytest.raises(Conflict) as caught:
        order_place(hold_token=expired.token, email="a@example.org", attendees=[PEOPLE[0]] * 3)
    assert caught.value.code == "hold_expired"
    assert Ticket.objects.count() == 4


def test_a_paid_order_waits_for_the_card_with_pending_tickets_and_held_seats(make_ticket_type):
    ticket_type = make_ticket_type(price=50000)
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    order = order_place(hold_token=hold.token, email="a@example.org", attendees=PEOPLE[:1])
    assert order.status == "Pending" and order.total_incl_tax == 50000
    assert list(order.tickets.values_list("status", flat=True)) == ["pending"]
    hold.refresh_from_db()
    assert hold.status == "active" and hold.order == order  # the hold still keeps the seat
    assert available(ticket_type) == 9
    assert list(order.transitions.values_list("from_status", "to_status")) == [("", "Pending")]


def test_the_tickets_are_emailed_as_a_pdf_with_the_calendar_file(
    make_ticket_type, mailoutbox, django_capture_on_commit_callbacks
):
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2)
    with django_capture_on_commit_callbacks(execute=True):
        order = order_place(hold_token=hold.token, email="ana@example.org", attendees=PEOPLE)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"ana@example.org", "beto@example.org"}
    ana = by_address["ana@example.org"]
    assert "Taller abierto" in ana.subject
    codes = [t.code for t in order.tickets.all()]
    assert all(code in ana.body for code in codes)  # the buyer gets every ticket
    kinds = sorted(mime for _name, _content, mime in ana.attachments)
    assert kinds == ["application/pdf", "text/calendar"]
    from icalendar import Calendar

    calendar = Calendar.from_ical(next(c for _n, c, m in ana.attachments if m == "text/calendar"))
    assert calendar.walk("VEVENT")[0]["SUMMARY"] == "Taller abierto"
    beto = by_address["beto@example.org"]
    assert [a[2] for a in beto.attachments] == ["application/pdf", "text/calendar"]
