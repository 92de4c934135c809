"""Ticket transfer: the holder gives a ticket to someone else; the old QR stops admitting
anyone, the new one does; the new holder gets a PDF, the old one is told; refused for
people who do not hold it, void or used tickets and events that are over. That a transfer
is final is tested in test_transfer_finality.py."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from commerce.ticketing.models import Ticket
from commerce.ticketing.services.checkin import ticket_check_in, ticket_token
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.transfers import ticket_transfer
from config.errors import Conflict, NotPermitted, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(make_user):
    return make_user(email="compradora@example.org")


@pytest.fixture
def ticket(make_ticket_type, buyer):
    hold = hold_create(ticket_type_id=make_ticket_type().pk, quantity=1, user=buyer)
    order = order_place(
        hold_token=hold.token,
        user=buyer,
        attendees=[{"name": "Ana", "email": "ana@example.org"}],
    )
    return order.tickets.get()


def test_a_transfer_revokes_the_old_qr_and_emails_both_people(
    ticket, buyer, event, organizer, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    dora = make_user(email="dora@example.org")
    old_token = ticket_token(ticket)
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        moved = ticket_transfer(code=ticket.code, user=buyer, name="Dora", email="DORA@example.org")
    ticket.refresh_from_db()
    assert (ticket.attendee_name, ticket.attendee_email) == ("Dora", "dora@example.org")
    assert ticket.user == dora and ticket.token_version == 2 and moved.pk == ticket.pk
    # the old QR names the code the ticket had: no ticket has that code any more
    assert ticket_check_in(event=event, value=old_token, by=organizer).status == "invalid"
    new_token = ticket_token(ticket)
    assert ticket_check_in(event=event, value=new_token, by=organizer).status == "valid"
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"dora@example.org", "ana@example.org"}
    received = by_address["dora@example.org"]
    assert [a[2] for a in received.attachments] == ["application/pdf", "text/calendar"]
    assert ticket.code in received.body and "Ana" in received.body
    told = by_address["ana@example.org"]
    assert "Dora" in told.body and not told.attachments


def test_the_attendee_may_transfer_and_then_loses_the_ticket(ticket, make_user):
    ana = make_user(email="ana@example.org")
    ticket.user = ana
    ticket.save(update_fields=["user"])
    ticket_transfer(code=ticket.code, user=ana, name="Eva", email="eva@example.org")
    with pytest.raises(NotPermitted):
        ticket_transfer(code=ticket.code, user=ana, name="Ana", email="ana@example.org")


def test_others_void_used_and_past_tickets_are_refused(ticket, buyer, make_user, event):
    with pytest.raises(NotPermitted):
        ticket_transfer(code=ticket.code, user=make_user(), name="X", email="x@example.org")
    with pytest.raises(ValidationFailed) as caught:
        ticket_transfer(code=ticket.code, user=buyer, name="", email="nope")
    assert set(caught.value.fields) == {"name", "email"}
    with pytest.raises(ValidationFailed):  # already theirs
        ticket_transfer(code=ticket.code, user=buyer, name="Ana", email="ANA@example.org")
    Ticket.objects.filter(pk=ticket.pk).update(checked_in_at=timezone.now())
    with pytest.raises(Conflict) as caught:
        ticket_transfer(code=ticket.code, user=buyer, name="X", email="x@example.org")
    assert caught.value.code == "checked_in"
    Ticket.objects.filter(pk=ticket.pk).update(checked_in_at=None, status="void")
    with pytest.raises(Conflict) as caught:
        ticket_transfer(code=ticket.code, user=buyer, name="X", email="x@example.org")
    assert caught.value.code == "void"
    Ticket.objects.filter(pk=ticket.pk).update(status="pending")  # an order awaiting payment
    with pytest.raises(Conflict) as caught:
        ticket_transfer(code=ticket.code, user=buyer, name="X", email="x@example.org")
    assert caught.value.code == "unpaid"
    Ticket.objects.filter(pk=ticket.pk).update(status="valid")
    event.start, event.end = timezone.now() - timedelta(days=2), timezone.now() - timedelta(days=1)
    event.save(update_fields=["start", "end"])
    with pytest.raises(Conflict) as caught:
        ticket_transfer(code=ticket.code, user=buyer, name="X", email="x@example.org")
    assert caught.value.code == "event_over"
    ticket.refresh_from_db()
    assert ticket.token_version == 1 and ticket.attendee_name == "Ana"


def test_transfer_through_the_api(ticket, buyer, make_user, api_client):
    url = f"/api/v1/me/tickets/{ticket.code}/transfer/"
    api_client.force_authenticate(make_user())
    assert api_client.post(url, {"name": "X", "email": "x@example.org"}).status_code == 404
    api_client.force_authenticate(buyer)
    response = api_client.post(url, {"name": "", "email": "x"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["fields"]
    dora = make_user(email="dora@example.org")
    response = api_client.post(url, {"name": "Dora", "email": "dora@example.org"}, format="json")
    assert response.status_code == 200, response.content
    # final: the buyer sees it transferred (test_transfer_finality.py); Dora holds it now
    assert response.json()["transferred"] and not response.json()["transferable"]
    ticket.refresh_from_db()
    url = f"/api/v1/me/tickets/{ticket.code}/transfer/"
    api_client.force_authenticate(dora)
    Ticket.objects.filter(pk=ticket.pk).update(checked_in_at=timezone.now())
    response = api_client.post(url, {"name": "Eva", "email": "eva@example.org"}, format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "checked_in"
    Ticket.objects.filter(pk=ticket.pk).update(checked_in_at=None, status="void")
    response = api_client.post(url, {"name": "Eva", "email": "eva@example.org"}, format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "void"


def test_transfer_on_the_site(ticket, buyer, make_user, client):
    with translation.override("en"):
        url = reverse("ticketing:ticket_transfer", kwargs={"code": ticket.code})
    client.force_login(make_user())
    assert client.get(url).status_code == 404
    client.force_login(buyer)
    page = client.get(url)
    assert page.status_code == 200 and ticket.code in page.content.decode()
    response = client.post(url, {"name": "Dora", "email": "not-an-email"})
    assert response.status_code == 200 and response.context["form"].errors["email"]
    response = client.post(url, {"name": "Dora", "email": "dora@example.org"})
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/billing/"
    ticket.refresh_from_db()
    assert ticket.attendee_name == "Dora" and ticket.token_version == 2
