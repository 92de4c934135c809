"""A ticket scanned at the wrong door: the scanner learns only that it is for another event,
never whose ticket it is or what kind (issue #19)."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.events.factories import make_event
from commerce.ticketing.services.checkin import ticket_check_in, ticket_token
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_door(event, make_user):
    """Another event, with its own organizer scanning at its door."""
    from community.accounts.roles import Role

    scanner = make_user(Role.ORGANIZER)
    other = make_event(event.get_parent().specific, organizer=scanner, owner=scanner)
    return other, scanner


@pytest.fixture
def ticket(make_ticket_type):
    ticket_type = make_ticket_type(name_es="VIP Dorado")
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    order = order_place(
        hold_token=hold.token,
        email="zoe@example.org",
        attendees=[{"name": "Zoe Quintana", "email": "zoe@example.org"}],
    )
    return order.tickets.get()


def test_the_answer_carries_no_ticket(ticket, other_door):
    other, scanner = other_door
    for value in (ticket.code, ticket_token(ticket)):
        result = ticket_check_in(event=other, value=value, by=scanner)
        assert result.status == "wrong_event"
        assert result.ticket is None and result.at is None and result.by == ""
        assert "Zoe" not in result.message


def test_the_check_in_page_names_nobody(client, ticket, other_door):
    other, scanner = other_door
    client.force_login(scanner)
    with translation.override("es"):
        url = reverse("ticketing:event_check_in", args=[other.pk])
    response = client.post(url, {"code": ticket_token(ticket)})
    assert response.context["result"].status == "wrong_event"
    page = response.content.decode()
    assert "Esta entrada es de otro evento." in page
    assert "Zoe" not in page and "Quintana" not in page and "VIP Dorado" not in page


def test_the_api_names_nobody(api_client, ticket, other_door):
    other, scanner = other_door
    api_client.force_authenticate(scanner)
    response = api_client.post(
        f"/api/v1/events/{other.pk}/check-ins/", {"code": ticket.code}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "wrong_event"
    assert body["attendee_name"] == "" and body["ticket_type"] == ""
    assert body["checked_in_at"] is None and body["checked_in_by"] == ""
    assert "Zoe" not in response.content.decode() and "VIP" not in response.content.decode()
