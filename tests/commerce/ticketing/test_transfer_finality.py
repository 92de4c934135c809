"""Transfers are final (issue #19): once A gives a ticket to B, only B may see, download or
transfer it — on the site, in the API, at the door and in the emails. A keeps the order and
its receipt, which no longer show the ticket's code or its holder."""

import pytest
from django.urls import reverse
from django.utils import translation

from commerce.ticketing.models import Ticket
from commerce.ticketing.services.checkin import ticket_check_in, ticket_token
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.registrations import order_resend
from commerce.ticketing.services.transfers import ticket_transfer
from config.errors import NotPermitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(make_user):
    return make_user(email="compradora@example.org")


@pytest.fixture
def dora(make_user):
    return make_user(email="dora@example.org")


@pytest.fixture(params=["ana@example.org", "compradora@example.org"], ids=["for-ana", "own"])
def hold(request, make_ticket_type, buyer):
    """A's order of one ticket, for Ana (no account) or for A herself."""
    hold = hold_create(ticket_type_id=make_ticket_type().pk, quantity=1, user=buyer)
    order_place(
        hold_token=hold.token, user=buyer, attendees=[{"name": "Ana", "email": request.param}]
    )
    hold.refresh_from_db()
    return hold


@pytest.fixture
def transferred(hold, buyer, dora, django_capture_on_commit_callbacks):
    """The ticket after A gave it to Dora, and the code it had before."""
    ticket = hold.order.tickets.get()
    old_code = ticket.code
    with django_capture_on_commit_callbacks(execute=True):
        ticket_transfer(code=old_code, user=buyer, name="Dora", email="dora@example.org")
    ticket.refresh_from_db()
    return ticket, old_code


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def _unchanged(ticket):
    before = (ticket.code, ticket.token_version, ticket.attendee_email, ticket.user_id)
    ticket.refresh_from_db()
    return before == (ticket.code, ticket.token_version, ticket.attendee_email, ticket.user_id)


def test_on_the_site_only_the_new_holder_has_the_ticket(transferred, hold, buyer, dora, client):
    ticket, old_code = transferred
    client.force_login(buyer)
    for code in (ticket.code, old_code):
        assert client.get(_url("ticketing:ticket_pdf", code=code)).status_code == 404
        assert client.get(_url("ticketing:ticket_transfer", code=code)).status_code == 404
        taking_back = {"name": "Ana", "email": "ana2@example.org"}
        assert (
            client.post(_url("ticketing:ticket_transfer", code=code), taking_back).status_code
            == 404
        )
    assert _unchanged(ticket)
    # A keeps the order and its receipt, without the ticket's code, holder or links
    for page in (_url("billing:order_list"), _url("billing:order", number=hold.order.number)):
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200 and hold.order.number in html
        assert ticket.code not in html and old_code not in html and "Dora" not in html
        assert "Transferred" in html
    assert ticket.code not in client.get(_url("members:dashboard")).content.decode()
    done = client.get(_url("ticketing:hold_done", token=hold.token)).content.decode()
    assert ticket.code not in done and "ticket-qr" not in done  # no QR code either

    client.force_login(dora)
    pdf = client.get(_url("ticketing:ticket_pdf", code=ticket.code))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(_url("ticketing:ticket_transfer", code=ticket.code)).status_code == 200
    onwards = {"name": "Eva", "email": "eva@example.org"}
    assert (
        client.post(_url("ticketing:ticket_transfer", code=ticket.code), onwards).status_code == 302
    )
    ticket.refresh_from_db()
    assert ticket.attendee_email == "eva@example.org"
    assert client.get(_url("ticketing:ticket_pdf", code=ticket.code)).status_code == 404


def test_in_the_api_only_the_new_holder_has_the_ticket(transferred, hold, buyer, dora, api_client):
    ticket, old_code = transferred
    api_client.force_authenticate(buyer)
    assert api_client.get("/api/v1/me/tickets/").json()["results"] == []
    for code in (ticket.code, old_code):
        assert api_client.get(f"/api/v1/me/tickets/{code}/pdf/").status_code == 404
        response = api_client.post(
            f"/api/v1/me/tickets/{code}/transfer/",
            {"name": "Ana", "email": "ana2@example.org"},
            format="json",
        )
        assert response.status_code == 404
    assert _unchanged(ticket)
    (order,) = api_client.get("/api/v1/me/orders/").json()["results"]
    detail = api_client.get(f"/api/v1/me/orders/{hold.order.number}/").json()
    for shown in (order["tickets"], detail["tickets"]):
        assert shown == [
            {
                "code": None,
                "attendee_name": None,
                "attendee_email": None,
                "ticket_type": "General",
                "status": "valid",
                "checked_in": False,
                "pdf": None,
                "transferable": False,
                "transferred": True,
            }
        ]
    assert detail["lines"][0]["quantity"] == 1  # the receipt is still whole
    # placing the same reservation again answers the order: without the new holder's code
    again = api_client.post(
        f"/api/v1/holds/{hold.token}/order/",
        {"attendees": [{"name": "Ana", "email": "ana@example.org"}]},
        format="json",
    )
    assert again.status_code == 200 and ticket.code not in again.content.decode()
    assert again.json()["tickets"][0]["transferred"] is True

    api_client.force_authenticate(dora)
    (mine,) = api_client.get("/api/v1/me/tickets/").json()["results"]
    assert mine["code"] == ticket.code
    assert api_client.get(f"/api/v1/me/tickets/{ticket.code}/pdf/").status_code == 200
    response = api_client.post(
        f"/api/v1/me/tickets/{ticket.code}/transfer/",
        {"name": "Eva", "email": "eva@example.org"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["transferred"] is True and response.json()["code"] is None
    assert api_client.get("/api/v1/me/tickets/").json()["results"] == []


def test_the_service_refuses_the_old_holder_and_changes_nothing(transferred, buyer):
    ticket, old_code = transferred
    for code in (ticket.code, old_code):
        with pytest.raises(NotPermitted):
            ticket_transfer(code=code, user=buyer, name="Ana", email="ana2@example.org")
    assert _unchanged(ticket)


def test_neither_the_old_qr_nor_the_old_code_admits_anyone(hold, buyer, event, organizer):
    ticket = hold.order.tickets.get()
    old_code, old_token = ticket.code, ticket_token(ticket)
    ticket_transfer(code=old_code, user=buyer, name="Dora", email="dora@example.org")
    ticket.refresh_from_db()
    assert ticket.code != old_code and ticket.transferred_at is not None
    assert ticket_check_in(event=event, value=old_code, by=organizer).status == "invalid"
    assert ticket_check_in(event=event, value=old_token, by=organizer).status == "invalid"
    assert ticket_check_in(event=event, value=ticket.code, by=organizer).status == "valid"


def test_emails_carry_the_new_code_to_the_new_holder_only(
    hold, buyer, event, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    ticket = hold.order.tickets.get()
    old_code, old_email = ticket.code, ticket.attendee_email
    with django_capture_on_commit_callbacks(execute=True):
        ticket_transfer(code=old_code, user=buyer, name="Dora", email="dora@example.org")
    ticket.refresh_from_db()
    told = [m for m in mailoutbox if m.to == [old_email]]
    assert told and all(ticket.code not in m.body and not m.attachments for m in told)
    assert old_code in told[0].body  # the old holder reads the code they knew
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the organizer resends the order
        order_resend(event=event, user=organizer, order=hold.order)
    assert [m.to for m in mailoutbox] == [["dora@example.org"]]
    assert ticket.code in mailoutbox[0].body


def test_a_ticket_given_back_to_its_buyer_is_theirs_again(transferred, buyer, dora, client):
    ticket, _old_code = transferred
    ticket_transfer(code=ticket.code, user=dora, name="Compradora", email=buyer.email)
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert ticket.user == buyer
    client.force_login(buyer)
    assert client.get(_url("ticketing:ticket_pdf", code=ticket.code)).status_code == 200


def test_cancelling_the_free_registration_leaves_a_given_ticket_with_its_holder(
    transferred, hold, buyer, organizer
):
    from commerce.ticketing.services.refunds import refund_create
    from config.errors import Conflict

    ticket, _old_code = transferred
    with pytest.raises(Conflict):
        refund_create(order=hold.order, user=buyer)
    ticket.refresh_from_db()
    assert ticket.status == "valid"
    # the event's organizers may still refund it
    refund_create(order=hold.order, user=organizer, reason="Evento cancelado")
    ticket.refresh_from_db()
    assert ticket.status == "void"
