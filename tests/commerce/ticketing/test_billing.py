"""The buyer's account: orders with their tickets on /dashboard/billing/, a receipt per
order, upcoming tickets on the dashboard overview, and the same through the API; each in a
fixed number of queries, and nobody sees another buyer's orders."""

import itertools
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from cms.events.factories import make_event
from commerce.ticketing.models import Ticket
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.ticket_types import ticket_type_save

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


@pytest.fixture
def buyer(make_user):
    return make_user(email="compradora@example.org")


@pytest.fixture
def place(event, organizer, buyer):
    index = event.get_parent()

    def place(days: float = 7):
        n = next(_numbers)
        the_event = make_event(index, organizer=organizer, days=max(days, 1), title=f"Charla {n}")
        ticket_type = ticket_type_save(
            event=the_event, user=organizer, data={"name_es": "General", "price": 0}
        )
        hold = hold_create(ticket_type_id=ticket_type.pk, quantity=2, user=buyer)
        order = order_place(
            hold_token=hold.token,
            user=buyer,
            attendees=[{"name": f"Ana {n}", "email": "compradora@example.org"},
                       {"name": f"Beto {n}", "email": f"beto{n}@example.org"}],
        )  # fmt: skip
        if days < 0:  # an event that took place: registrations are closed by then
            start = timezone.now() + timedelta(days=days)
            type(the_event).objects.filter(pk=the_event.pk).update(
                start=start, end=start + timedelta(hours=2)
            )
        return order

    return place


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_billing_lists_the_orders_with_their_tickets(place, buyer, client):
    first, second = place(), place()
    client.force_login(buyer)
    page = client.get(_url("billing:order_list"))
    html = page.content.decode()
    assert page.status_code == 200 and 'aria-current="page">Billing' in html
    assert [o.number for o in page.context["orders"]] == [second.number, first.number]
    for order in (first, second):
        assert order.number in html and order.tickets.first().inventory.event.title in html
        for ticket in order.tickets.all():
            assert ticket.code in html and ticket.attendee_name in html
            assert _url("ticketing:ticket_pdf", code=ticket.code) in html
            assert _url("ticketing:ticket_transfer", code=ticket.code) in html
    assert "0.00 COP" in html or "0,00 COP" in html


def test_the_receipt_is_the_buyers_only(place, buyer, make_user, client):
    order = place()
    url = _url("billing:order", number=order.number)
    client.force_login(make_user())
    assert client.get(url).status_code == 404
    assert client.get(_url("billing:order_list")).context["orders"] == []
    client.force_login(buyer)
    html = client.get(url).content.decode()
    assert f"Receipt for order {order.number}" in html
    assert "compradora@example.org" in html and 'data-status="Paid">Paid</dd>' in html
    assert order.lines.get().title in html


def test_the_billing_page_and_overview_cost_a_fixed_number_of_queries(
    place, buyer, client, django_assert_max_num_queries
):
    client.force_login(buyer)
    place()
    client.get(_url("billing:order_list"))  # warm the per-process caches
    client.get(_url("members:dashboard"))
    place()  # (an order resets the cached unread counts: measure after one, both times)
    with django_assert_max_num_queries(20) as one:
        client.get(_url("billing:order_list"))
    with django_assert_max_num_queries(25) as overview_one:  # the overview reads much else
        client.get(_url("members:dashboard"))
    for _ in range(6):
        place()
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(_url("billing:order_list"))
    assert len(page.context["orders"]) == 8
    with django_assert_max_num_queries(len(overview_one.captured_queries)):
        overview = client.get(_url("members:dashboard"))
    assert len(overview.context["upcoming_tickets"]) == 5


def test_the_overview_shows_upcoming_tickets_in_the_visitors_language(place, buyer, client, event):
    past = place(days=-3)
    soon = place(days=1)
    later = place(days=20)
    english = soon.tickets.first().inventory.event.copy_for_translation(
        Locale.objects.get(language_code="en")
    )
    english.title = "Soon talk"
    english.save_revision().publish()
    Ticket.objects.filter(order=later).update(status="void")
    client.force_login(buyer)
    page = client.get(_url("members:dashboard"))
    shown = page.context["upcoming_tickets"]
    assert {t.order_id for t in shown} == {soon.pk}
    assert "Soon talk" in page.content.decode()
    assert past.tickets.first().code not in page.content.decode()


def test_orders_through_the_api(place, buyer, make_user, api_client):
    order = place()
    api_client.force_authenticate(buyer)
    (listed,) = api_client.get("/api/v1/me/orders/").json()["results"]
    assert listed["number"] == order.number and listed["quantity"] == 2
    assert listed["status"] == "Paid" and listed["currency"] == "COP"
    assert listed["event"]["title"].startswith("Charla")
    codes = {t["code"] for t in listed["tickets"]}
    assert codes == set(order.tickets.values_list("code", flat=True))
    assert all(t["pdf"].endswith("/pdf/") and t["transferable"] for t in listed["tickets"])
    detail = api_client.get(f"/api/v1/me/orders/{order.number}/", HTTP_ACCEPT_LANGUAGE="en")
    body = detail.json()
    assert detail.status_code == 200 and body["lines"][0]["quantity"] == 2
    assert body["tax"] == "0.00" and body["email"] == "compradora@example.org"
    api_client.force_authenticate(make_user())
    assert api_client.get("/api/v1/me/orders/").json()["results"] == []
    assert api_client.get(f"/api/v1/me/orders/{order.number}/").status_code == 404


def test_a_past_event_ticket_is_not_transferable(place, buyer, api_client):
    order = place(days=-2)
    api_client.force_authenticate(buyer)
    (listed,) = api_client.get("/api/v1/me/orders/").json()["results"]
    assert listed["number"] == order.number
    assert not any(t["transferable"] for t in listed["tickets"])
    assert timezone.now() - timedelta(days=1) > order.tickets.first().inventory.event.end
