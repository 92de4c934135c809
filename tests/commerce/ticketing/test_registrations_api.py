"""Registrations through the API: the attendee list, messaging attendees, resending an
order's tickets; the same services and permission as the dashboard."""

import pytest

from commerce.ticketing.models import AttendeeMessage
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(make_ticket_type):
    general, vip = make_ticket_type(), make_ticket_type(name_es="VIP")
    placed = []
    for ticket_type, people in (
        (general, [{"name": "Ana", "email": "ana@example.org"},
                   {"name": "Beto", "email": "beto@example.org"}]),
        (vip, [{"name": "Carla", "email": "carla@example.org"}]),
    ):  # fmt: skip
        hold = hold_create(ticket_type_id=ticket_type.pk, quantity=len(people))
        placed.append(order_place(hold_token=hold.token, email="c@example.org", attendees=people))
    return {"general": general, "vip": vip, "orders": placed}


@pytest.mark.parametrize(
    ("who", "expected"),
    [("organizer", 200), ("other_organizer", 403), ("admin", 200), ("member", 403), (None, 401)],
)
def test_who_lists_attendees(api_client, event, orders, organizer, make_user, who, expected):
    users = {"organizer": organizer, "other_organizer": make_user(Role.ORGANIZER),
             "admin": make_user(Role.ADMIN), "member": make_user(Role.MEMBER)}  # fmt: skip
    if who:
        api_client.force_authenticate(users[who])
    response = api_client.get(f"/api/v1/events/{event.pk}/attendees/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["count"] == 3
    message = api_client.post(
        f"/api/v1/events/{event.pk}/attendees/message/", {"subject": "Hola", "body": "x"}
    )
    assert message.status_code == (202 if expected == 200 else expected)
    number = orders["orders"][0].number
    resend = api_client.post(f"/api/v1/events/{event.pk}/orders/{number}/resend/")
    assert resend.status_code == (202 if expected == 200 else expected)


def test_search_filter_and_answers(api_client, event, orders, organizer):
    api_client.force_authenticate(organizer)
    base = f"/api/v1/events/{event.pk}/attendees/"

    def names(**params):
        body = api_client.get(base, params).json()
        return [row["attendee_name"] for row in body["results"]]

    assert names() == ["Ana", "Beto", "Carla"]
    assert names(q="beto@") == ["Beto"]
    assert names(q=orders["orders"][1].number) == ["Carla"]
    assert names(ticket_type=orders["vip"].pk) == ["Carla"]
    assert names(status="checked_in") == []
    assert names(page_size=2) == ["Ana", "Beto"]
    row = api_client.get(base).json()["results"][0]
    assert set(row) == {"code", "attendee_name", "attendee_email", "ticket_type",
                        "ticket_type_name", "order", "status", "checked_in_at", "answers"}  # fmt: skip
    assert api_client.get(base, {"status": "nonsense"}).status_code == 400
    assert api_client.get(base, {"ticket_type": "x"}).status_code == 400
    assert api_client.get("/api/v1/events/999999/attendees/").status_code == 404


def test_message_is_sent_once(
    api_client, event, orders, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(organizer)
    url = f"/api/v1/events/{event.pk}/attendees/message/"
    body = {"subject": "Cambio de sala", "body": "Sala 2.", "idempotency_key": "abc-1"}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = api_client.post(url, body)
        again = api_client.post(url, body)
    assert (first.status_code, again.status_code) == (202, 200)
    assert first.json()["id"] == again.json()["id"] and first.json()["recipients"] == 3
    assert len(mailoutbox) == 3 and AttendeeMessage.objects.count() == 1
    bad = api_client.post(url, {"subject": "", "body": ""})
    assert bad.status_code == 400 and bad.json()["error"]["message"]


def test_resend_an_unknown_or_foreign_order(api_client, event, orders, organizer):
    api_client.force_authenticate(organizer)
    assert api_client.post(f"/api/v1/events/{event.pk}/orders/NOPE/resend/").status_code == 404


def test_attendee_listing_costs_constant_queries(api_client, event, organizer, make_ticket_type):
    from tests.query_budget import assert_constant_queries

    ticket_type = make_ticket_type()
    counter = iter(range(1000))

    def add():
        n = next(counter)
        hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
        order_place(hold_token=hold.token, email="c@example.org",
                             attendees=[{"name": f"P{n}", "email": f"p{n}@example.org"}])  # fmt: skip

    from commerce.ticketing.models import EventInventory

    EventInventory.objects.update(capacity=None)
    api_client.force_authenticate(organizer)
    assert_constant_queries(
        lambda: api_client.get(f"/api/v1/events/{event.pk}/attendees/", {"page_size": 100}).json(),
        add,
        budget=12,
    )
