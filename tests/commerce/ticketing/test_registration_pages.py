"""Registering on the site: the event page lists the tickets, the tickets page reserves
seats, the reservation page takes each attendee's details, the confirmation lists tickets."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from cms.events.models import EventRequirement
from commerce.ticketing.models import SeatHold, Ticket
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.promotions import promo_code_create

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(f"ticketing:{name}", kwargs=kwargs)


def test_a_guest_registers_for_a_free_event(client, event, make_ticket_type, mailoutbox):
    question = EventRequirement.objects.create(
        event=event, label="Empresa", kind="text", mandatory=True
    )
    ticket_type = make_ticket_type(name_es="Entrada libre")
    make_ticket_type(name_es="VIP", price=90000)
    page = client.get(event.url).content.decode()
    assert "Entrada libre" in page and url("event", event_id=event.pk) in page
    data = json.loads(
        BeautifulSoup(page, "html.parser").find("script", type="application/ld+json").string
    )
    offers = data["offers"] if isinstance(data, dict) else data[0]["offers"]
    assert {o["price"] for o in offers} == {"0.00", "90000.00"}

    tickets_page = client.get(url("event", event_id=event.pk))
    assert [o["left"] for o in tickets_page.context["offers"]] == [10, 10]
    response = client.post(
        url("event", event_id=event.pk), {"ticket_type": ticket_type.pk, "quantity": 2}
    )
    hold = SeatHold.objects.get()
    assert response["Location"] == url("hold", token=hold.token)

    form = client.get(response["Location"])
    assert form.context["seconds"] > 14 * 60
    post = {
        "email": "buyer@example.org",
        "attendees-TOTAL_FORMS": "2", "attendees-INITIAL_FORMS": "0",
        "attendees-0-name": "Ana", "attendees-0-email": "ana@example.org",
        f"attendees-0-q{question.pk}": "Acme",
        "attendees-1-name": "Beto", "attendees-1-email": "beto@example.org",
    }  # fmt: skip
    response = client.post(url("hold", token=hold.token), post)
    assert response.status_code == 200  # Beto did not answer the mandatory question
    assert response.context["formset"].forms[1].errors[f"q{question.pk}"]
    assert Ticket.objects.count() == 0
    post[f"attendees-1-q{question.pk}"] = "Beta SAS"
    response = client.post(url("hold", token=hold.token), post)
    assert response["Location"] == url("hold_done", token=hold.token)
    done = client.get(response["Location"])
    codes = {t.code for t in Ticket.objects.all()}
    qr_codes = BeautifulSoup(done.content, "html.parser").select(".ticket-qr svg")
    assert len(qr_codes) == 2  # a QR code per ticket (the page's icons are SVG too)
    assert len(codes) == 2 and all(code in done.content.decode() for code in codes)
    # back on the reservation page: it is an order now
    assert client.get(url("hold", token=hold.token))["Location"] == url(
        "hold_done", token=hold.token
    )


def test_a_sold_out_ticket_says_so_and_reserves_nothing(client, event, make_ticket_type):
    ticket_type = make_ticket_type(capacity=1)
    client.post(url("event", event_id=event.pk), {"ticket_type": ticket_type.pk, "quantity": 1})
    response = client.post(
        url("event", event_id=event.pk), {"ticket_type": ticket_type.pk, "quantity": 1},
        follow=True,
    )  # fmt: skip
    assert SeatHold.objects.count() == 1
    assert response.context["offers"][0]["sold_out"] is True


def test_releasing_a_reservation_frees_the_seats(client, event, make_ticket_type):
    ticket_type = make_ticket_type()
    client.post(url("event", event_id=event.pk), {"ticket_type": ticket_type.pk, "quantity": 3})
    hold = SeatHold.objects.get()
    client.post(url("hold_release", token=hold.token))
    hold.refresh_from_db()
    assert hold.status == "released"
    tickets_page = client.get(url("event", event_id=event.pk))
    assert tickets_page.context["offers"][0]["left"] == 10


def test_hidden_tickets_show_only_with_their_code(client, event, make_ticket_type):
    make_ticket_type(name_es="Aliados", visibility="hidden", unlock_code="ALIADOS")
    assert client.get(url("event", event_id=event.pk)).context["offers"] == []
    shown = client.get(url("event", event_id=event.pk), {"code": "aliados"}).context["offers"]
    assert [o["type"].name_es for o in shown] == ["Aliados"]


def test_unknown_reservations_and_unpublished_events_are_404(client, event):
    import uuid

    assert client.get(url("hold", token=uuid.uuid4())).status_code == 404
    assert client.get(url("event", event_id=987654)).status_code == 404


def test_registering_from_the_translated_page_files_answers_under_the_tickets_event(
    client, event, make_ticket_type
):
    from wagtail.models import Locale

    event.requirements = [
        EventRequirement(label="Lenguaje", kind="choice", options="Python\nOtro", mandatory=True)
    ]
    event.save_revision().publish()
    source_question = EventRequirement.objects.get(event=event)
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.requirements = [
        EventRequirement(label="Language", kind="choice", options="Python\nOther", mandatory=True)
    ]
    english.save_revision().publish()
    ticket_type = make_ticket_type()
    with translation.override("en"):
        tickets_url = reverse("ticketing:event", kwargs={"event_id": english.pk})
    response = client.post(tickets_url, {"ticket_type": ticket_type.pk, "quantity": 1})
    form_page = client.get(response["Location"])
    field = form_page.context["formset"].forms[0].fields[f"q{source_question.pk}"]
    assert field.label == "Language" and ("Otro", "Other") in field.choices
    response = client.post(
        response["Location"],
        {"email": "b@example.org", "attendees-TOTAL_FORMS": "1", "attendees-INITIAL_FORMS": "0",
         "attendees-0-name": "Ana", "attendees-0-email": "ana@example.org",
         f"attendees-0-q{source_question.pk}": "Otro"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["formset"].errors
    assert Ticket.objects.get().answers == {str(source_question.pk): "Otro"}


def test_a_reservation_made_signed_in_is_only_its_accounts(
    client, event, make_ticket_type, make_user
):
    owner = make_user()
    client.force_login(owner)
    client.post(
        url("event", event_id=event.pk), {"ticket_type": make_ticket_type().pk, "quantity": 1}
    )
    hold = SeatHold.objects.get()
    assert client.get(url("hold", token=hold.token)).status_code == 200
    client.force_login(make_user())
    assert client.get(url("hold", token=hold.token)).status_code == 404
    assert client.post(url("hold_release", token=hold.token)).status_code == 404
    client.logout()
    assert client.get(url("hold_done", token=hold.token)).status_code == 404
    hold.refresh_from_db()
    assert hold.status == "active"


def test_a_guest_buys_a_paid_ticket_with_a_promo_code_and_a_test_card(
    client, event, organizer, make_ticket_type, stripe_server, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip

    ticket_type = make_ticket_type(name_es="General", price=100000, tax_rate=19)
    promo_code_create(event=event, user=organizer, code="AMIGOS", percent=20,
                              ticket_types=[ticket_type])  # fmt: skip
    page = client.get(url("event", event_id=event.pk))
    assert "IVA 19% incluido" in page.content.decode()
    response = client.post(
        url("event", event_id=event.pk),
        {"ticket_type": ticket_type.pk, "quantity": 1, "code": "amigos"},
    )
    hold = SeatHold.objects.get()
    assert hold.total == 80000 and response.url == url("hold", token=hold.token)
    response = client.post(url("hold", token=hold.token), {
        "email": "guest@example.org",
        "attendees-TOTAL_FORMS": 1, "attendees-INITIAL_FORMS": 0,
        "attendees-0-name": "Ana", "attendees-0-email": "ana@example.org",
    })  # fmt: skip
    assert response.url == url("hold_pay", token=hold.token)
    pay_page = client.get(response.url).content.decode()
    compact = "".join(pay_page.split()).replace("\u202f", "").replace(".", "")
    assert "Pagar80000COP" in compact and "incluyeIVA12773" in compact
    declined = client.post(url("hold_pay", token=hold.token), {"card": "4000 0000 0000 0341"})
    assert declined.status_code == 200 and "declin" in declined.content.decode().lower()
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(url("hold_pay", token=hold.token), {"card": "4242 4242 4242 4242"})
    assert paid.url == url("hold_done", token=hold.token)
    done = client.get(paid.url)
    assert done.status_code == 200 and "Ana" in done.content.decode()
    hold.refresh_from_db()
    assert hold.order.status == "Paid" and hold.order.total_incl_tax == 80000
    assert hold.order.discounts.get().voucher_code == "AMIGOS"
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.org", "guest@example.org"]


def test_a_sold_out_ticket_offers_the_waitlist(client, event, make_ticket_type):
    from commerce.ticketing.models import WaitlistEntry

    ticket_type = make_ticket_type(capacity=1)
    hold_create(ticket_type_id=ticket_type.pk, quantity=1)
    page = client.get(url("event", event_id=event.pk)).content.decode()
    assert url("waitlist_join", event_id=event.pk) in page
    response = client.post(
        url("waitlist_join", event_id=event.pk),
        {"ticket_type": ticket_type.pk, "quantity": 1, "email": "wait@example.org"},
    )
    entry = WaitlistEntry.objects.get()
    assert response.url == url("waitlist", token=entry.token)
    status_page = client.get(response.url).content.decode()
    assert "número 1" in status_page
    client.post(response.url)
    entry.refresh_from_db()
    assert entry.status == "left"
