"""The ticketing API (/api/v1/): offers, seat holds, placing the order, the caller's
tickets and the organizers' ticket types, through the same services as the site."""

import pytest

from cms.events.models import EventRequirement
from commerce.ticketing.models import SeatHold, Ticket
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.ticket_types import ticket_type_save
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _hold(api_client, ticket_type, quantity=1, **extra):
    body = {"ticket_type": ticket_type.pk, "quantity": quantity, **extra}
    return api_client.post("/api/v1/holds/", body, format="json")


def test_offers_list_public_types_and_hidden_ones_the_code_unlocks(
    api_client, event, make_ticket_type
):
    general = make_ticket_type(name_en="General admission", capacity=4)
    make_ticket_type(name_es="Amigos", visibility="hidden", unlock_code="AMIGOS", price=0)
    make_ticket_type(name_es="Cerrada", is_active=False)
    url = f"/api/v1/events/{event.pk}/tickets/"
    offers = api_client.get(url, **EN).json()
    assert [o["name"] for o in offers] == ["General admission"]
    offer = offers[0]
    assert offer["id"] == general.pk and offer["seats_left"] == 4
    assert offer["on_sale"] is True and offer["sold_out"] is False
    assert offer["price"] == "0.00" and offer["currency"] == "COP"
    assert {"min_per_order", "max_per_order", "category", "description"} <= set(offer)
    assert api_client.get(url).json()[0]["name"] == "General"  # Spanish by default
    unlocked = api_client.get(url, {"code": "amigos"}).json()
    assert {o["name"] for o in unlocked} == {"General", "Amigos"}


def test_offers_of_an_unknown_or_unpublished_event_are_404(api_client, event):
    assert api_client.get("/api/v1/events/999999/tickets/").status_code == 404
    event.unpublish()
    assert api_client.get(f"/api/v1/events/{event.pk}/tickets/").status_code == 404


def test_a_guest_holds_seats_places_the_order_and_gets_the_same_order_again(
    api_client, event, make_ticket_type
):
    ticket_type = make_ticket_type(capacity=3)
    question = EventRequirement.objects.create(
        event=event, label="Lenguaje", kind="choice", options="Python\nJS", mandatory=True
    )
    questions = api_client.get(f"/api/v1/events/{event.pk}/questions/").json()
    assert questions == [
        {"id": question.pk, "label": "Lenguaje", "help_text": "", "kind": "choice",
         "options": ["Python", "JS"], "mandatory": True, "max_length": None}
    ]  # fmt: skip
    response = _hold(api_client, ticket_type, 2)
    assert response.status_code == 201, response.content
    hold = response.json()
    assert hold["quantity"] == 2 and hold["status"] == "active" and hold["total"] == "0.00"
    assert hold["ticket_type"] == ticket_type.pk and hold["order"] is None
    token = hold["token"]
    assert api_client.get(f"/api/v1/holds/{token}/").json()["token"] == token

    people = [{"name": "Ana", "email": "ana@example.org"}, {"name": "Beto", "email": "b@x.org"}]
    url = f"/api/v1/holds/{token}/order/"
    response = api_client.post(url, {"email": "buyer@example.org", "attendees": people})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "attendees" and f"answers.{question.pk}" in error["fields"]["0"]

    answered = [{**p, "answers": {str(question.pk): "Python"}} for p in people]
    body = {"email": "buyer@example.org", "attendees": answered}
    response = api_client.post(url, body, format="json")
    assert response.status_code == 201, response.content
    order = response.json()
    assert order["status"] == "Paid" and order["total"] == "0.00" and order["currency"] == "COP"
    assert [t["attendee_name"] for t in order["tickets"]] == ["Ana", "Beto"]
    assert all(t["ticket_type"] == "General" and t["code"] for t in order["tickets"])
    again = api_client.post(url, body, format="json")
    assert again.status_code == 200 and again.json()["number"] == order["number"]
    assert Ticket.objects.count() == 2
    assert api_client.get(f"/api/v1/holds/{token}/").json()["order"] == order["number"]


def test_hold_rules_sold_out_quantity_and_hidden_codes(api_client, event, make_ticket_type):
    ticket_type = make_ticket_type(capacity=2, max_per_order=2)
    response = _hold(api_client, ticket_type, 3)
    assert response.status_code == 400 and response.json()["error"]["code"] == "quantity"
    assert _hold(api_client, ticket_type, 0).status_code == 400  # the serializer's minimum
    assert _hold(api_client, ticket_type, 2).status_code == 201
    response = _hold(api_client, ticket_type, 1)
    assert response.status_code == 409 and response.json()["error"]["code"] == "sold_out"
    hidden = make_ticket_type(name_es="Amigos", visibility="hidden", unlock_code="AMIGOS")
    response = _hold(api_client, hidden, 1)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_ticket_type"
    assert _hold(api_client, hidden, 1, code="amigos").status_code == 201


def test_releasing_a_hold_frees_its_seats(api_client, event, make_ticket_type):
    ticket_type = make_ticket_type(capacity=1)
    token = _hold(api_client, ticket_type).json()["token"]
    assert _hold(api_client, ticket_type).status_code == 409
    assert api_client.delete(f"/api/v1/holds/{token}/").status_code == 204
    assert api_client.get(f"/api/v1/holds/{token}/").json()["status"] == "released"
    offers = api_client.get(f"/api/v1/events/{event.pk}/tickets/").json()
    assert offers[0]["seats_left"] == 1
    assert _hold(api_client, ticket_type).status_code == 201
    response = api_client.post(
        f"/api/v1/holds/{token}/order/",
        {"email": "a@example.org", "attendees": [{"name": "A", "email": "a@example.org"}]},
        format="json",
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "released"


def test_a_members_hold_is_theirs_alone(api_client, make_user, make_ticket_type):
    ana, beto = make_user(Role.MEMBER), make_user(Role.MEMBER)
    api_client.force_authenticate(ana)
    token = _hold(api_client, make_ticket_type()).json()["token"]
    assert SeatHold.objects.get(token=token).user == ana
    for caller in (beto, None):
        api_client.force_authenticate(caller)
        assert api_client.get(f"/api/v1/holds/{token}/").status_code == 404
        assert api_client.delete(f"/api/v1/holds/{token}/").status_code == 404
        body = {"attendees": [{"name": "B", "email": "b@example.org"}]}
        assert api_client.post(f"/api/v1/holds/{token}/order/", body).status_code == 404
    assert api_client.get("/api/v1/holds/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_my_tickets_lists_tickets_issued_to_me_and_ordered_by_me(
    api_client, event, make_user, make_ticket_type
):
    ana = make_user(Role.MEMBER, email="ana@example.org")
    buyer = make_user(Role.MEMBER)
    ticket_type = make_ticket_type()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2, user=buyer)
    people = [{"name": "Ana", "email": "ana@example.org"}, {"name": "Carla", "email": "c@x.org"}]
    order_place(hold_token=hold.token, user=buyer, attendees=people)
    assert api_client.get("/api/v1/me/tickets/").status_code == 401
    api_client.force_authenticate(ana)
    mine = api_client.get("/api/v1/me/tickets/").json()
    assert mine["count"] == 1
    ticket = mine["results"][0]
    assert ticket["attendee_name"] == "Ana" and ticket["ticket_type"] == "General"
    assert ticket["event"]["id"] == event.pk and ticket["event"]["title"] == "Taller abierto"
    assert ticket["event"]["url"] and ticket["event"]["start"]
    api_client.force_authenticate(buyer)
    assert api_client.get("/api/v1/me/tickets/").json()["count"] == 2
    Ticket.objects.filter(attendee_name="Carla").update(status="void")
    assert api_client.get("/api/v1/me/tickets/").json()["count"] == 1


def test_organizers_create_list_and_change_ticket_types(
    api_client, event, organizer, make_user, make_ticket_type
):
    url = f"/api/v1/events/{event.pk}/ticket-types/"
    assert api_client.get(url).status_code == 401
    api_client.force_authenticate(make_user(Role.ORGANIZER))  # not this event's
    assert api_client.get(url).status_code == 403
    assert api_client.post(url, {"name_es": "VIP"}).status_code == 403
    api_client.force_authenticate(organizer)
    response = api_client.post(url, {"name_es": "VIP", "price": "0", "capacity": 5})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["sold"] == 0 and created["reserved"] == 0 and created["left"] == 5
    hold_create(ticket_type_id=created["id"], quantity=2)
    listed = api_client.get(url).json()
    assert [(t["name_es"], t["reserved"], t["left"]) for t in listed] == [("VIP", 2, 3)]
    response = api_client.patch(f"{url}{created['id']}/", {"name_en": "VIP", "capacity": 8})
    assert response.status_code == 200 and response.json()["left"] == 6
    response = api_client.patch(f"{url}{created['id']}/", {"min_per_order": 5, "max_per_order": 2})
    assert response.status_code == 400 and "max_per_order" in response.json()["error"]["fields"]
    # a ticket type of another event is not found through this one
    from cms.events.factories import make_event

    other = make_event(event.get_parent().specific, organizer=organizer, owner=organizer)
    other_type = ticket_type_save(event=other, user=organizer, data={"name_es": "X"})
    assert api_client.patch(f"{url}{other_type.pk}/", {"name_en": "Y"}).status_code == 404


def test_hold_creation_is_throttled_per_client(api_client, monkeypatch, make_ticket_type):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"holds": "2/min"})
    ticket_type = make_ticket_type()
    assert [_hold(api_client, ticket_type).status_code for _ in range(3)] == [201, 201, 429]
    response = _hold(api_client, ticket_type)
    assert response.json()["error"]["code"] == "throttled" and response["Retry-After"]
    # reading an offer is not a hold: not counted
    offers = f"/api/v1/events/{ticket_type.inventory.event_id}/tickets/"
    assert api_client.get(offers).status_code == 200


@pytest.mark.parametrize("limited", ["anon", "holds"])
def test_each_of_a_views_limits_counts_every_request(
    limited, api_client, monkeypatch, make_ticket_type
):
    # the view's limits are counted together (one cache round trip): each still applies
    from rest_framework.throttling import SimpleRateThrottle

    rates = {"anon": "1000/min", "user": "1000/min", "holds": "1000/min", limited: "2/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    ticket_type = make_ticket_type()
    assert [_hold(api_client, ticket_type).status_code for _ in range(3)] == [201, 201, 429]


def test_a_paid_order_comes_back_pending_with_its_payment_intent_once(
    api_client, make_ticket_type, stripe_server
):
    ticket_type = make_ticket_type(price=40000)
    hold = api_client.post(
        "/api/v1/holds/", {"ticket_type": ticket_type.pk, "quantity": 1}, format="json"
    ).json()
    body = {"email": "g@example.org", "attendees": [{"name": "Ana", "email": "a@example.org"}]}
    first = api_client.post(f"/api/v1/holds/{hold['token']}/order/", body, format="json")
    assert first.status_code == 201
    order = first.json()
    assert order["status"] == "Pending" and order["total"] == "40000.00"
    assert order["payment"]["client_secret"].startswith(order["payment"]["intent_id"])
    assert order["payment"]["amount"] == "40000.00" and order["payment"]["status"] == (
        "requires_payment"
    )
    again = api_client.post(f"/api/v1/holds/{hold['token']}/order/", body, format="json")
    assert again.status_code == 200
    assert again.json()["payment"]["intent_id"] == order["payment"]["intent_id"]
