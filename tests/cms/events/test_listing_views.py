"""The listing's parts beyond filtering: active filters as chips that remove them, category
chips that keep the other filters, the upcoming / past / calendar views (the calendar keeps
the filters and moves by month), the pagination component and the event cards' price and
seats from ticketing, at a fixed query cost."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms.events.factories import make_category, make_event, make_venue
from tests.query_budget import assert_constant_queries

pytestmark = pytest.mark.django_db


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _query(href):
    return parse_qs(urlsplit(href).query)


def test_each_active_filter_is_a_chip_whose_link_removes_only_it(client, index):
    make_category(name="Talleres", slug="talleres")
    soup = _soup(
        client.get(
            "/es/eventos/",
            {"q": "agentes", "format": "online", "category": "talleres", "page": "1"},
        )
    )
    chips = {
        chip.get_text(" ", strip=True).rstrip(" ×"): chip.find("a", class_="chip-remove")["href"]
        for chip in soup.select(".active-filters .chip")
    }
    assert set(chips) == {"“agentes”", "En línea", "Talleres"}
    assert _query(chips["En línea"]) == {"q": ["agentes"], "category": ["talleres"]}
    assert _query(chips["“agentes”"]) == {"format": ["online"], "category": ["talleres"]}
    assert urlsplit(chips["Talleres"]).path == "/es/eventos/"
    remove = soup.select_one(".active-filters .chip-remove")
    assert remove["aria-label"].startswith("Quitar filtro")
    # nothing active: no chips
    assert not _soup(client.get("/es/eventos/")).select(".active-filters")


def test_a_category_page_chip_removes_to_the_index_keeping_the_filters(client, index):
    make_category(name="Talleres", slug="talleres")
    soup = _soup(client.get("/es/eventos/categories/talleres/", {"area": "laureles"}))
    chips = {
        chip.get_text(" ", strip=True).rstrip(" ×"): chip.find("a", class_="chip-remove")["href"]
        for chip in soup.select(".active-filters .chip")
    }
    assert chips["Talleres"] == "/es/eventos/?area=laureles"
    assert chips["Laureles"] == "/es/eventos/categories/talleres/"


def test_categories_are_chips_that_keep_the_other_filters(client, index):
    make_category(name="Talleres", slug="talleres")
    soup = _soup(client.get("/es/eventos/", {"format": "online", "page": "2"}))
    links = {a.get_text(strip=True): a for a in soup.select(".category-nav a.chip")}
    assert links["Talleres"]["href"] == "/es/eventos/categories/talleres/?format=online"
    assert links["Todas las categorías"]["aria-current"] == "page"
    soup = _soup(client.get("/es/eventos/categories/talleres/"))
    current = soup.select_one('.category-nav a[aria-current="page"]')
    assert current.get_text(strip=True) == "Talleres"


def test_the_filter_panel_holds_labelled_fields_and_counts_what_is_active(client, index):
    soup = _soup(client.get("/es/eventos/", {"format": "online", "area": "laureles"}))
    panel = soup.select_one("details.filters[data-filters]")
    assert panel.select_one("summary .badge").get_text(strip=True).startswith("2")
    labels = {label["for"] for label in panel.select("label[for]")}
    assert {"id_date_from", "id_date_to", "id_category", "id_format", "id_area"} <= labels
    # the search box stays outside the panel, always in view
    assert soup.select_one(".listing-search input[name=q]") is not None
    assert panel.select_one("input[name=q]") is None
    # a field with an error opens the panel and points at its message
    soup = _soup(client.get("/es/eventos/", {"date_from": "mañana"}))
    panel = soup.select_one("details.filters")
    assert panel.has_attr("open")
    field = panel.select_one("#id_date_from")
    assert field["aria-invalid"] == "true" and field["aria-describedby"] == "id_date_from_error"
    assert panel.select_one("#id_date_from_error")


def test_views_are_tabs_that_keep_the_filters(client, index):
    soup = _soup(client.get("/es/eventos/", {"format": "online", "page": "2"}))
    tabs = {a.get_text(strip=True): a for a in soup.select(".listing-toolbar .tabs a")}
    assert tabs["Próximos"]["aria-current"] == "page"
    assert _query(tabs["Pasados"]["href"]) == {"format": ["online"], "when": ["past"]}
    assert _query(tabs["Calendario"]["href"]) == {"format": ["online"], "view": ["calendar"]}
    soup = _soup(client.get("/es/eventos/", {"when": "past"}))
    current = soup.select_one('.listing-toolbar .tabs a[aria-current="page"]')
    assert current.get_text(strip=True) == "Pasados"


def test_the_calendar_shows_the_months_events_with_the_filters(client, index):
    tz = timezone.get_default_timezone()
    march = datetime(2030, 3, 12, 18, tzinfo=tz)
    make_event(index, start=march, title="Online en marzo", event_format="online")
    make_event(index, start=march + timedelta(days=3), title="Presencial en marzo")
    make_event(index, start=march + timedelta(days=31), title="En abril", event_format="online")
    response = client.get(
        "/es/eventos/", {"view": "calendar", "month": "2030-03", "format": "online"}
    )
    soup = _soup(response)
    days = {
        li.select_one("time")["datetime"]: [t.get_text(strip=True) for t in li.select(".month-event-title")]
        for li in soup.select(".month-day.has-events")
    }  # fmt: skip
    assert days == {"2030-03-12": ["Online en marzo"]}
    assert soup.select_one(".month-title").get_text(strip=True) == "marzo de 2030"
    following = soup.select_one('.month-header a[rel="next"]')["href"]
    assert _query(following) == {"format": ["online"], "view": ["calendar"], "month": ["2030-04"]}
    previous = soup.select_one('.month-header a[rel="prev"]')["href"]
    assert _query(previous)["month"] == ["2030-02"]
    april = _soup(client.get(following))
    assert [a.get_text(strip=True) for a in april.select(".month-event-title")] == ["En abril"]
    # the form keeps the view and the month when it is sent again
    form = soup.select_one("form.listing-form")
    assert form.select_one("input[name=view]")["value"] == "calendar"
    assert form.select_one("input[name=month]")["value"] == "2030-03"
    # a month that is not one shows this month, never an error
    assert client.get("/es/eventos/", {"view": "calendar", "month": "2030-99"}).status_code == 200


def test_the_calendar_costs_a_fixed_number_of_queries(client, index):
    tz = timezone.get_default_timezone()
    start = datetime(2030, 5, 2, 18, tzinfo=tz)
    category = make_category()

    def add():
        make_event(index, start=start, categories=[category])
        client.get("/es/eventos/")  # publishing dropped the cached menu: build it again

    assert_constant_queries(
        lambda: client.get("/es/eventos/", {"view": "calendar", "month": "2030-05"}),
        add,
        budget=25,
    )


def test_pagination_numbers_the_pages_and_keeps_the_filters(client, index):
    venue = make_venue(area="laureles")
    for day in range(26):
        make_event(index, days=day + 1, venue=venue)
    soup = _soup(client.get("/es/eventos/", {"area": "laureles", "page": "2"}))
    nav = soup.select_one("nav.pagination")
    current = nav.select_one('a[aria-current="page"]')
    assert current.get_text(strip=True).endswith("2")
    assert _query(nav.select_one('a[rel="next"]')["href"]) == {"area": ["laureles"], "page": ["3"]}
    assert _query(nav.select_one('a[rel="prev"]')["href"]) == {"area": ["laureles"], "page": ["1"]}
    first = _soup(client.get("/es/eventos/", {"area": "laureles"})).select_one("nav.pagination")
    assert first.select_one(".is-disabled") is not None  # no previous page


def test_cards_show_the_poster_date_place_and_what_tickets_cost(client, index, make_user):
    from cms.demo import demo_poster
    from commerce.ticketing.services.ticket_types import ticket_type_save

    admin = make_user("admin")
    poster = demo_poster("cartel", title="Cartel", size=(1600, 900))
    paid = make_event(index, days=2, title="De pago", image=poster, capacity=100,
                      venue=make_venue(name="Ruta N", area="centro"))  # fmt: skip
    free = make_event(index, days=3, title="Gratuito", capacity=50)
    make_event(index, days=4, title="Sin entradas", event_format="online")
    ticket_type_save(event=paid, user=admin, data={"name_es": "General", "price": 45000})
    ticket_type_save(event=paid, user=admin, data={"name_es": "VIP", "price": 90000})
    ticket_type_save(event=free, user=admin, data={"name_es": "RSVP", "price": 0, "capacity": 8})
    soup = _soup(client.get("/es/eventos/"))
    cards = {
        card.select_one("h3").get_text(strip=True): card for card in soup.select(".event-card")
    }
    card = cards["De pago"]
    img = card.select_one(".card-media img")
    assert img["alt"] == "" and "480w" in img["srcset"] and ".webp" in img["src"]
    assert card.select_one(".card-media .date-badge")
    assert "Ruta N" in card.select_one(".card-place").get_text()
    assert "45.000 COP" in card.select_one(".card-footer").get_text().replace("\xa0", ".")
    assert card.select_one(".card-link")["href"] == paid.url
    assert "Gratis" in cards["Gratuito"].select_one(".card-footer").get_text()
    assert "Quedan 8 cupos" in cards["Gratuito"].select_one(".tag-warning").get_text()
    assert cards["Sin entradas"].select_one(".card-footer") is None
    assert "En línea" in cards["Sin entradas"].select_one(".card-place").get_text()


def test_ticket_summaries_cost_the_same_for_one_event_as_for_twenty(index, make_user):
    from cms.events.extensions import attach_ticket_summaries
    from cms.events.models import EventPage
    from commerce.ticketing.services.ticket_types import ticket_type_save

    admin = make_user("admin")

    def add():
        event = make_event(index, capacity=30)
        ticket_type_save(event=event, user=admin, data={"name_es": "General", "price": 1000})

    assert_constant_queries(
        lambda: attach_ticket_summaries(EventPage.objects.child_of(index)),
        add,
        budget=3,
    )
