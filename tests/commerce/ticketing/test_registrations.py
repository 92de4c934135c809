"""Registrations for organizers (/dashboard/events/registrations/ and the admin's
Attendees page): who sees them, search and filters, CSV export (with the formula guard),
resending tickets and messaging attendees once, in constant queries."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from cms.events.models import EventRequirement
from commerce.ticketing.models import AttendeeMessage
from commerce.ticketing.selectors import event_order
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.registrations import (
    attendee_message_send,
    attendees_message,
    order_resend,
)
from commerce.ticketing.views.organizer import PAGE_SIZE, csv_safe
from community.accounts.roles import Role
from config.errors import Conflict, NotPermitted, ValidationFailed

pytestmark = pytest.mark.django_db


def buy(ticket_type, people, email="compras@example.org"):
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=len(people))
    return order_place(hold_token=hold.token, email=email, attendees=people)


@pytest.fixture
def question(event):
    return EventRequirement.objects.create(event=event, label="Dieta", kind="text", mandatory=False)


@pytest.fixture
def sold(make_ticket_type, question):
    general = make_ticket_type(name_es="General", name_en="General admission")
    vip = make_ticket_type(name_es="VIP")
    first = buy(general, [
        {"name": "Ana Gómez", "email": "ana@example.org", "answers": {str(question.pk): "Vegana"}},
        {"name": "Beto", "email": "beto@example.org", "answers": {str(question.pk): "=HYPERLINK(1)"}},
    ])  # fmt: skip
    second = buy(vip, [{"name": "@Carla", "email": "carla@example.org"}])
    return {"general": general, "vip": vip, "orders": [first, second]}


def url(name, *args, lang="es"):
    with translation.override(lang):
        return reverse(f"ticketing_registrations:{name}", args=args)


# ---- who sees what -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "listing", "detail"),
    [("organizer", 200, 200), ("co_organizer", 200, 200), ("other_organizer", 200, 404),
     ("admin", 200, 200), ("member", 403, 404), ("anonymous", 302, 302)],
)  # fmt: skip
def test_who_sees_the_registrations(
    client, event, sold, organizer, make_user, who, listing, detail
):
    users = {
        "organizer": organizer,
        "co_organizer": make_user(Role.ORGANIZER),
        "other_organizer": make_user(Role.ORGANIZER),
        "admin": make_user(Role.ADMIN),
        "member": make_user(Role.MEMBER),
        "anonymous": None,
    }
    if who == "co_organizer":
        event.co_organizers = [users[who]]
        event.save()
    if users[who] is not None:
        client.force_login(users[who])
    events = client.get(url("events"))
    assert events.status_code == listing
    if listing == 200:
        titles = [row["event"].title for row in events.context["rows"]]
        assert titles == ([] if who == "other_organizer" else [event.title])
    for path in (url("event", event.pk), url("attendee_export", event.pk)):
        assert client.get(path).status_code == detail
    order = sold["orders"][0]
    assert client.post(url("order_resend", event.pk, order.number)).status_code in (detail, 302)
    response = client.post(url("attendee_message", event.pk), {"subject": "Hola", "body": "Texto"})
    assert response.status_code in ((302,) if detail in (200, 302) else (404,))
    assert AttendeeMessage.objects.exists() == (detail == 200)


def test_the_listing_counts_sold_and_checked_in(client, event, sold, organizer):
    from commerce.ticketing.services.checkin import ticket_check_in

    ticket = sold["orders"][0].tickets.first()
    ticket_check_in(event=event, value=ticket.code, by=organizer)
    client.force_login(organizer)
    for lang in ("es", "en"):
        page = client.get(url("events", lang=lang))
        row = page.context["rows"][0]
        assert (row["inventory"].sold, row["inventory"].checked_in) == (3, 1)
        assert row["inventory"].capacity == 10
    # linked from the organizer's events page
    with translation.override("es"):
        events_page = client.get(reverse("events_dashboard:events")).content.decode()
    assert url("event", event.pk) in events_page


# ---- the attendee list -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "names"),
    [({}, ["Ana Gómez", "Beto", "@Carla"]), ({"q": "gómez"}, ["Ana Gómez"]),
     ({"q": "BETO@EXAMPLE"}, ["Beto"]), ({"status": "void"}, []),
     ({"status": "not_checked_in"}, ["Ana Gómez", "Beto", "@Carla"])],
)  # fmt: skip
def test_search_and_filters(client, event, sold, organizer, query, names):
    client.force_login(organizer)
    page = client.get(url("event", event.pk), query)
    assert [row.ticket.attendee_name for row in page.context["rows"]] == names


def test_search_by_code_order_number_and_ticket_type(client, event, sold, organizer):
    client.force_login(organizer)
    carla = sold["orders"][1].tickets.get()

    def names(query):
        page = client.get(url("event", event.pk), query)
        return [row.ticket.attendee_name for row in page.context["rows"]]

    assert names({"q": carla.code.lower()}) == ["@Carla"]
    assert names({"q": sold["orders"][0].number}) == ["Ana Gómez", "Beto"]
    assert names({"type": sold["vip"].pk}) == ["@Carla"]
    assert names({"type": "nonsense", "status": "nonsense"}) == ["Ana Gómez", "Beto", "@Carla"]


def test_the_page_shows_answers_and_paginates(client, event, sold, organizer, make_ticket_type):
    client.force_login(organizer)
    page = client.get(url("event", event.pk))
    html = page.content.decode()
    assert "Dieta" in html and "Vegana" in html and "=HYPERLINK(1)" in html
    assert page.context["rows"][0].answers == ["Vegana"]

    many = make_ticket_type(name_es="Otra", max_per_order=60, capacity=None)
    from commerce.ticketing.models import EventInventory

    EventInventory.objects.update(capacity=None)
    buy(many, [{"name": f"P{i}", "email": f"p{i}@example.org"} for i in range(50)])
    first = client.get(url("event", event.pk))
    assert len(first.context["rows"]) == PAGE_SIZE
    second = client.get(url("event", event.pk), {"page": 2})
    assert len(second.context["rows"]) == 3


# ---- CSV ---------------------------------------------------------------------------------


def test_csv_export_has_the_answers_and_guards_formulas(client, event, sold, organizer):
    client.force_login(organizer)
    response = client.get(url("attendee_export", event.pk, lang="en"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Name", "Email", "Ticket type", "Code", "Order", "Status",
                       "Checked in", "Dieta"]  # fmt: skip
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Ana Gómez", "Beto", "'@Carla"}
    assert by_name["Ana Gómez"][2] == "General admission" and by_name["Ana Gómez"][7] == "Vegana"
    assert by_name["Beto"][7] == "'=HYPERLINK(1)"
    assert by_name["'@Carla"][4] == sold["orders"][1].number
    # the export follows the filters
    filtered = client.get(url("attendee_export", event.pk), {"type": sold["vip"].pk})
    lines = b"".join(filtered.streaming_content).decode().strip().splitlines()
    assert len(lines) == 2 and "Carla" in lines[1]


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+57 300", "'+57 300"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("Ana", "Ana"), ("", ""), (None, ""), (3, "3"), ("a=b", "a=b")],
)  # fmt: skip
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


# ---- resend and message ------------------------------------------------------------------


def test_resend_tickets_emails_the_order_again(
    client, event, sold, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    order = sold["orders"][0]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("order_resend", event.pk, order.number))
    assert response.status_code == 302
    assert {m.to[0] for m in mailoutbox} == {"compras@example.org", "ana@example.org",
                                              "beto@example.org"}  # fmt: skip
    assert client.post(url("order_resend", event.pk, "T0")).status_code == 404
    assert client.get(url("order_resend", event.pk, order.number)).status_code == 405


def test_an_order_of_another_event_is_not_resent(event, sold, organizer, make_user, demo_site):
    from cms.events.factories import event_indexes, make_event
    from commerce.ticketing.services.ticket_types import ticket_type_save

    other_organizer = make_user(Role.ORGANIZER)
    other = make_event(event_indexes(demo_site["homes"])["es"], organizer=other_organizer)
    other_type = ticket_type_save(event=other, user=other_organizer, data={"name_es": "G"})
    foreign = buy(other_type, [{"name": "Zoe", "email": "zoe@example.org"}])
    assert event_order(event, foreign.number) is None
    with pytest.raises(NotPermitted):
        order_resend(event=other, user=organizer, order=foreign)


def test_message_attendees_once(
    client, event, sold, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    page = client.get(url("event", event.pk))
    token = page.context["message_form"].initial["token"]
    mailoutbox.clear()
    data = {"subject": "Parqueadero", "body": "Entren por la puerta norte.", "token": token}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("attendee_message", event.pk), data)
        client.post(url("attendee_message", event.pk), data)  # a double submit
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.org", "beto@example.org",
                                                   "carla@example.org"]  # fmt: skip
    assert all(m.subject == "Parqueadero" and "puerta norte" in m.body for m in mailoutbox)
    assert mailoutbox[0].reply_to == [organizer.email]
    message = AttendeeMessage.objects.get()
    assert (message.status, message.recipients, message.sender) == ("sent", 3, organizer)
    # the task itself runs once even if queued again
    assert attendee_message_send(message.pk) == 0
    assert len(mailoutbox) == 3
    assert "Parqueadero" in client.get(url("event", event.pk)).content.decode()


def test_message_rules(event, sold, organizer, make_user):
    with pytest.raises(ValidationFailed) as caught:
        attendees_message(event=event, user=organizer, subject="", body="x" * 5001)
    assert set(caught.value.fields) == {"subject", "body"}
    with pytest.raises(ValidationFailed):
        attendees_message(event=event, user=organizer, subject="a\nb", body="x")
    with pytest.raises(NotPermitted):
        attendees_message(event=event, user=make_user(Role.ORGANIZER), subject="Hola", body="x")
    # without a key, the same text is one message
    first, created = attendees_message(event=event, user=organizer, subject="Hola", body="x")
    again, created_again = attendees_message(event=event, user=organizer, subject="Hola", body="x")
    assert created and not created_again and first.pk == again.pk


def test_message_needs_attendees(event, organizer, make_ticket_type):
    make_ticket_type()
    with pytest.raises(Conflict):
        attendees_message(event=event, user=organizer, subject="Hola", body="x")


# ---- constant queries --------------------------------------------------------------------


def test_registration_pages_cost_constant_queries(
    client, event, organizer, make_ticket_type, question, django_assert_max_num_queries
):
    from tests.query_budget import count_queries

    ticket_type = make_ticket_type(max_per_order=20)
    client.force_login(organizer)
    counter = iter(range(1000))

    def add():
        n = next(counter)
        buy(ticket_type, [{"name": f"P{n}", "email": f"p{n}@example.org",
                           "answers": {str(question.pk): "Sí"}}])  # fmt: skip

    pages = [url("events"), url("event", event.pk), url("attendee_export", event.pk)]

    def fetch(path):
        response = client.get(path)
        assert response.status_code == 200
        if response.streaming:  # the CSV reads its rows while it streams
            return b"".join(response.streaming_content).decode().splitlines()
        return response.content.decode().splitlines()

    add()
    for path in pages:
        fetch(path)  # warm per-process caches
    costs = [count_queries(lambda p=p: fetch(p))[0] for p in pages]
    for _ in range(8):
        add()
    for path, cost in zip(pages, costs, strict=True):
        with django_assert_max_num_queries(cost):
            lines = fetch(path)
    assert len(lines) == 10  # the CSV: a header and nine attendees
    assert max(costs) <= 30, costs


# ---- the Wagtail admin -------------------------------------------------------------------


def test_the_admin_attendees_page_and_export(client, event, sold, organizer, make_user):
    client.force_login(organizer)
    tickets_page = client.get(reverse("ticketing_admin:ticket_type_list", args=[event.pk]))
    assert (
        reverse("ticketing_attendees_admin:attendee_list", args=[event.pk])
        in tickets_page.content.decode()
    )
    page = client.get(
        reverse("ticketing_attendees_admin:attendee_list", args=[event.pk]), {"q": "ana"}
    )
    assert page.status_code == 200
    assert [row.ticket.attendee_name for row in page.context["rows"]] == ["Ana Gómez"]
    export = client.get(reverse("ticketing_attendees_admin:attendee_export", args=[event.pk]))
    body = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK(1)" in body and "'@Carla" in body
    for role in (Role.ORGANIZER, Role.MEMBER):
        client.force_login(make_user(role))
        for name in ("attendee_list", "attendee_export"):
            path = reverse(f"ticketing_attendees_admin:{name}", args=[event.pk])
            assert client.get(path).status_code in (302, 403)
    client.force_login(make_user(Role.ADMIN))
    assert (
        client.get(reverse("ticketing_attendees_admin:attendee_list", args=[event.pk])).status_code
        == 200
    )


# ---- hostile attendee input --------------------------------------------------------------


def test_attendee_input_never_comes_back_executable(
    client, event, organizer, make_ticket_type, question
):
    """Buyers type the attendee's name and answers; organizers read them on these pages."""
    from commerce.ticketing.models import EventInventory
    from tests.quality.security import XSS_PAYLOADS, executable_injections

    ticket_type = make_ticket_type(max_per_order=len(XSS_PAYLOADS))
    EventInventory.objects.update(capacity=None)
    buy(ticket_type, [
        {"name": payload[:120], "email": f"x{i}@example.org",
         "answers": {str(question.pk): payload[:200]}}
        for i, payload in enumerate(XSS_PAYLOADS)
    ])  # fmt: skip
    client.force_login(organizer)
    for path in (
        url("event", event.pk),
        reverse("ticketing_attendees_admin:attendee_list", args=[event.pk]),
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert executable_injections(response.content.decode()) == [], path
