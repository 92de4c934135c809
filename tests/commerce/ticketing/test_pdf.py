"""PDF tickets: a valid PDF, one page per ticket, with the attendee, the code and the event
in the language asked for; emailed with the .ics; downloadable again by the ticket's buyer
or attendee only (site and API)."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Locale

from commerce.ticketing.pdf import tickets_pdf
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def buyer(make_user):
    return make_user(email="compradora@example.org")


@pytest.fixture
def order(make_ticket_type, buyer):
    hold = hold_create(ticket_type_id=make_ticket_type().pk, quantity=2, user=buyer)
    return order_place(
        hold_token=hold.token,
        user=buyer,
        attendees=[{"name": "Ana Zuluaga", "email": "ana@example.org"},
                   {"name": "Beto Ñáñez", "email": "beto@example.org"}],
    )  # fmt: skip


def _tickets(order):
    return list(
        order.tickets.select_related("ticket_type", "inventory__event__venue").order_by("pk")
    )


def test_the_pdf_has_a_page_per_ticket_with_attendee_code_and_event(order):
    tickets = _tickets(order)
    pages = _text(tickets_pdf(tickets, "es"))
    assert len(pages) == 2
    for page, ticket in zip(pages, tickets, strict=True):
        assert ticket.attendee_name in page and ticket.code in page
        assert "Taller abierto" in page and "General" in page
        assert "asistente" in page.lower()  # the labels are Spanish (shown in capitals)
    assert "Bogota" in pages[0]  # the event's time zone


def test_the_pdf_is_in_the_language_asked_for(order, event):
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Open workshop"
    english.save_revision().publish()
    (page,) = _text(tickets_pdf(_tickets(order)[:1], "en"))
    assert "Open workshop" in page and "attendee" in page.lower() and "Ana Zuluaga" in page


def test_the_buyer_and_the_attendee_download_it_others_get_404(
    order, buyer, make_user, client, api_client
):
    ana = make_user(email="otra@example.org")
    ticket = _tickets(order)[0]
    ticket.user = make_user(email="ana@example.org")
    ticket.save(update_fields=["user"])
    with translation.override("es"):
        url = reverse("ticketing:ticket_pdf", kwargs={"code": ticket.code})
    api_url = f"/api/v1/me/tickets/{ticket.code}/pdf/"
    assert client.get(url).status_code == 302  # to sign in
    for person in (buyer, ticket.user):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert "Ana Zuluaga" in _text(response.content)[0]
        api_client.force_authenticate(person)
        response = api_client.get(api_url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
    client.force_login(ana)
    assert client.get(url).status_code == 404
    api_client.force_authenticate(ana)
    response = api_client.get(api_url)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_void_ticket_is_not_downloadable(order, buyer, api_client):
    ticket = _tickets(order)[0]
    ticket.status = "void"
    ticket.save(update_fields=["status"])
    api_client.force_authenticate(buyer)
    assert api_client.get(f"/api/v1/me/tickets/{ticket.code}/pdf/").status_code == 404


def test_the_email_carries_the_pdf_and_the_ics(
    make_ticket_type, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    hold = hold_create(ticket_type_id=make_ticket_type().pk, quantity=1, user=buyer)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        order = order_place(
            hold_token=hold.token,
            user=buyer,
            attendees=[{"name": "Carla Gómez", "email": "compradora@example.org"}],
        )
    (message,) = mailoutbox
    (name, pdf, mime), (ics_name, _ics, ics_mime) = message.attachments
    assert (mime, ics_mime, ics_name) == ("application/pdf", "text/calendar", "event.ics")
    ticket = order.tickets.get()
    assert name == f"ticket-{ticket.code}.pdf"
    (page,) = _text(pdf)
    assert "Carla Gómez" in page and ticket.code in page and "attendee" in page.lower()
