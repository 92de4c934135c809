"""Finding events: the /events listing and its filters, category pages, the home page block
and the content API, each at a fixed query cost."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms.events.factories import make_category, make_event, make_venue
from cms.home.models import HomePage
from tests.query_budget import assert_constant_queries

pytestmark = pytest.mark.django_db


def _titles(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".event-card h3")]


def test_upcoming_soonest_first_and_past_newest_first(client, index):
    make_event(index, days=10, title="Later")
    make_event(index, days=2, title="Soon")
    make_event(index, days=-3, title="Last week")
    make_event(index, days=-30, title="Last month")
    make_event(index, days=1, title="Draft", publish=False)
    assert _titles(client, "/es/eventos/") == ["Soon", "Later"]
    assert _titles(client, "/es/eventos/", {"when": "past"}) == ["Last week", "Last month"]


def test_filters_by_format_area_language_featured_and_dates(client, index):
    make_event(index, title="Poblado", venue=make_venue(area="el-poblado"))
    make_event(index, title="Laureles", venue=make_venue(area="laureles"), featured=True)
    make_event(index, title="Online", event_format="online", language="en")
    make_event(index, days=40, title="Far", venue=make_venue(area="laureles"))
    assert _titles(client, "/es/eventos/", {"area": "laureles"}) == ["Laureles", "Far"]
    assert _titles(client, "/es/eventos/", {"format": "online"}) == ["Online"]
    assert _titles(client, "/es/eventos/", {"language": "en"}) == ["Online"]
    assert _titles(client, "/es/eventos/", {"featured": "on"}) == ["Laureles"]
    soon = (timezone.localdate() + timedelta(days=20)).isoformat()
    assert _titles(client, "/es/eventos/", {"date_from": soon}) == ["Far"]
    assert "Far" not in _titles(client, "/es/eventos/", {"date_to": soon})


def test_text_search(client, index):
    make_event(index, title="Visión por computador con PyTorch")
    make_event(index, title="Ética de la IA", summary="Regulación y diseño responsable.")
    assert _titles(client, "/es/eventos/", {"q": "pytorch"}) == [
        "Visión por computador con PyTorch"
    ]
    assert _titles(client, "/es/eventos/", {"q": "regulación"}) == ["Ética de la IA"]


def test_categories_include_their_subcategories(client, index):
    workshops = make_category(name="Talleres", slug="talleres")
    vision = make_category(name="Visión", slug="vision", parent=workshops)
    make_event(index, title="Taller general", categories=[workshops])
    make_event(index, title="Taller de visión", categories=[vision])
    make_event(index, title="Encuentro")
    assert _titles(client, "/es/eventos/categories/talleres/") == [
        "Taller general",
        "Taller de visión",
    ]
    assert _titles(client, "/es/eventos/categories/vision/") == ["Taller de visión"]
    assert _titles(client, "/es/eventos/", {"category": "vision"}) == ["Taller de visión"]
    assert client.get("/es/eventos/categories/no-such-category/").status_code == 404
    # an unknown category in the filter is explained and left out, never an empty page
    response = client.get("/es/eventos/", {"category": "no-existe"})
    assert response.status_code == 200 and "no-existe" in response.content.decode()
    assert len(response.context["events"]) == 3


def test_bad_filter_values_are_explained_not_fatal(client, index):
    make_event(index, title="Uno")
    response = client.get(
        "/es/eventos/", {"date_from": "mañana", "format": "teleport", "page": "9999"}
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".filters .error")) == 2
    assert [h.get_text(strip=True) for h in soup.select(".event-card h3")] == ["Uno"]
    later = (date.today() + timedelta(days=3)).isoformat()
    earlier = date.today().isoformat()
    response = client.get("/es/eventos/", {"date_from": later, "date_to": earlier})
    assert "El final del rango es anterior a su inicio." in response.content.decode()


def test_listing_pages_twelve_at_a_time(client, index):
    for day in range(14):
        make_event(index, days=day + 1, title=f"E{day:02}")
    assert len(_titles(client, "/es/eventos/")) == 12
    assert _titles(client, "/es/eventos/", {"page": 2}) == ["E12", "E13"]


def test_listing_query_count_does_not_grow(client, index):
    category = make_category()

    def add():
        make_event(index, categories=[category])
        client.get("/es/eventos/")  # publishing dropped the cached menu: build it again

    assert_constant_queries(
        lambda: client.get("/es/eventos/", {"area": "el-poblado"}), add, budget=25
    )


def test_home_block_shows_upcoming_events_featured_first_in_the_page_language(
    client, demo_site, indexes
):
    make_event(indexes["es"], days=1, title="Pronto")
    make_event(indexes["es"], days=9, title="Destacado", featured=True)
    make_event(indexes["es"], days=-1, title="Pasado", featured=True)
    make_event(indexes["en"], days=2, title="Soon in English")
    for home in demo_site["homes"].values():
        home.body = [("featured_events", {"heading": "Eventos", "count": 3})]
        home.save_revision().publish()
    assert _titles(client, "/es/") == ["Destacado", "Pronto"]
    assert _titles(client, "/en/") == ["Soon in English"]

    home_en = HomePage.objects.get(locale__language_code="en")
    body = client.get(f"/api/v2/pages/{home_en.pk}/").json()["body"]
    block = next(b for b in body if b["type"] == "featured_events")
    assert [e["title"] for e in block["value"]["events"]] == ["Soon in English"]


def test_content_api_serves_events_with_their_relations(api_client, index):
    workshops = make_category(name="Talleres", slug="talleres")
    venue = make_venue(name="Ruta N", area="centro")
    event = make_event(index, title="Taller", categories=[workshops], venue=venue, sessions=2)
    event.tags.add("pytorch")
    event.save_revision().publish()
    data = api_client.get(
        "/api/v2/pages/", {"type": "events.EventPage", "fields": "*", "event_format": "in_person"}
    ).json()
    (item,) = data["items"]
    assert item["venue"]["name"] == "Ruta N" and item["venue"]["area"] == "centro"
    assert item["categories"] == [
        {"id": workshops.pk, "name": "Talleres", "slug": "talleres", "parent": None}
    ]
    assert item["tags"] == ["pytorch"]
    assert [s["title"] for s in item["sessions"]] == ["Sesión 1", "Sesión 2"]
    assert item["start"] and item["time_zone"] == "America/Bogota"
    assert "online_url" not in item


def test_content_api_event_listing_query_count_does_not_grow(api_client, index):
    category = make_category()
    assert_constant_queries(
        lambda: api_client.get(
            "/api/v2/pages/", {"type": "events.EventPage", "fields": "*", "limit": 50}
        ).json(),
        lambda: make_event(index, categories=[category], sessions=2),
        budget=10,
    )


def test_free_and_paid_filters_follow_the_ticket_types(client, index, make_user):
    from commerce.ticketing.services.ticket_types import ticket_type_save

    admin = make_user("admin")
    make_event(index, days=1, title="Sin entradas")
    rsvp = make_event(index, days=2, title="Con RSVP")
    paid = make_event(index, days=3, title="De pago")
    both = make_event(index, days=4, title="RSVP y VIP")
    for event, price in ((rsvp, 0), (paid, 80000), (both, 0), (both, 150000)):
        ticket_type_save(event=event, user=admin, data={"name_es": "Entrada", "price": price})
    assert _titles(client, "/es/eventos/", {"price": "free"}) == [
        "Sin entradas", "Con RSVP", "RSVP y VIP"
    ]  # fmt: skip
    assert _titles(client, "/es/eventos/", {"price": "paid"}) == ["De pago", "RSVP y VIP"]

    api = "/api/v2/pages/"
    listing = client.get(api, {"type": "events.EventPage", "price": "paid", "order": "title"})
    assert [p["title"] for p in listing.json()["items"]] == ["De pago", "RSVP y VIP"]
    assert client.get(api, {"type": "events.EventPage", "price": "gratis"}).status_code == 400
    assert client.get(api, {"price": "free"}).status_code == 400


def _api_titles(client, **params):
    response = client.get("/api/v2/pages/", {"type": "events.EventPage", **params})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_content_api_discovers_events_as_the_listing_does(api_client, index):
    workshops = make_category(name="Talleres", slug="talleres")
    vision = make_category(name="Visión", slug="vision", parent=workshops)
    make_event(index, days=10, title="Later", venue=make_venue(area="laureles"))
    make_event(index, days=2, title="Soon", categories=[vision], featured=True)
    make_event(index, days=-3, title="Last week", categories=[workshops])
    make_event(index, days=-30, title="Last month", event_format="online", language="en")
    assert _api_titles(api_client, when="upcoming") == ["Soon", "Later"]
    assert _api_titles(api_client, when="past") == ["Last week", "Last month"]
    assert _api_titles(api_client, order="title") == ["Last month", "Last week", "Later", "Soon"]
    assert _api_titles(api_client, area="laureles") == ["Later"]
    assert _api_titles(api_client, category="talleres", order="title") == ["Last week", "Soon"]
    assert _api_titles(api_client, category="vision") == ["Soon"]
    soon = (timezone.localdate() + timedelta(days=5)).isoformat()
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert _api_titles(api_client, date_from=soon) == ["Later"]
    assert _api_titles(api_client, date_from=week_ago, date_to=soon, order="start") == [
        "Last week",
        "Soon",
    ]
    # the model's own fields, filtered by Wagtail; text is its `search`
    assert _api_titles(api_client, event_format="online") == ["Last month"]
    assert _api_titles(api_client, language="en") == ["Last month"]
    assert _api_titles(api_client, featured="true") == ["Soon"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"when": "tomorrow"}, "when: Select a valid choice. tomorrow is not one of the "
                               "available choices. (upcoming, past)"),
        ({"date_from": "2026-13-01"}, "date_from: Enter a valid date."),
        ({"date_to": "ayer"}, "date_to: Enter a valid date."),
        ({"date_from": "2026-12-10", "date_to": "2026-12-01"},
         "date_to: The end of the range comes before its start."),
        ({"area": "narnia"}, "area: Select a valid choice. narnia is not one of the available "
                             "choices. (el-poblado, laureles, centro,"),
        ({"category": "nada"}, "category: there is no event category 'nada'"),
        ({"price": "gratis"}, "price: Select a valid choice. gratis is not one of the "
                              "available choices. (free, paid)"),
    ],
)  # fmt: skip
def test_content_api_event_filters_say_what_is_wrong(api_client, index, params, message):
    """The listing's own form checks them, in the caller's language."""
    response = api_client.get(
        "/api/v2/pages/", {"type": "events.EventPage", **params}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_content_api_event_filter_errors_speak_spanish_too(api_client, index):
    response = api_client.get(
        "/api/v2/pages/",
        {"type": "events.EventPage", "date_to": "ayer"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert response.json()["message"] == "date_to: Introduzca una fecha válida."


@pytest.mark.parametrize("name", ["when", "area", "category", "date_from", "price"])
def test_event_filters_on_other_page_types_are_a_400(api_client, demo_site, name):
    response = api_client.get("/api/v2/pages/", {name: "x"})
    assert response.status_code == 400
    assert response.json()["message"] == f"{name} filter one page type: add type=events.EventPage"


def test_content_api_event_discovery_query_count_does_not_grow(api_client, index):
    category = make_category(slug="talleres")
    params = {"type": "events.EventPage", "fields": "*", "limit": 50, "when": "upcoming",
              "category": "talleres", "area": "laureles", "date_from": "2020-01-01"}  # fmt: skip
    assert_constant_queries(
        lambda: api_client.get("/api/v2/pages/", params).json(),
        lambda: make_event(index, categories=[category], venue=make_venue(area="laureles")),
        budget=11,
    )
