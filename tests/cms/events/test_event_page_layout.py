"""What the event page shows around its facts: the hero (poster in a ratio box, the facts
beside it), the call to action with the price from and the seats left (from ticketing,
through cms/events/extensions.py), the map link, the speakers with avatars, the ticket
cards and the related events."""

import pytest
from bs4 import BeautifulSoup

from cms.events.factories import make_category, make_event, make_venue
from cms.events.models import EventSession, Speaker

pytestmark = pytest.mark.django_db


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_the_hero_holds_the_poster_in_a_ratio_box_and_the_key_facts(client, index, make_user):
    from cms.demo import demo_poster

    organizer = make_user("organizer", first_name="Ana", last_name="Ruiz")
    event = make_event(index, image=demo_poster("cartel", title="Cartel", size=(1600, 900)),
                       event_format="hybrid", language="es-en", organizer=organizer)  # fmt: skip
    hero = _soup(client.get(event.url)).select_one(".event-hero")
    media = hero.select_one("figure.event-hero-media.ratio picture img")
    assert media["loading"] == "eager"
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(hero.select(".facts dt"), hero.select(".facts dd"), strict=True)}  # fmt: skip
    assert set(facts) == {"Cuándo", "Dónde", "En línea", "Idioma", "Organizador"}
    assert "America/Bogota" in facts["Cuándo"]
    assert facts["Idioma"] == "Español e inglés" and facts["Organizador"] == "Ana Ruiz"
    assert "presencial y en línea" in facts["En línea"]


def test_the_map_link_points_openstreetmap_at_the_venue(client, index):
    pinned = make_venue(name="Ruta N", latitude="6.2656", longitude="-75.5657")
    event = make_event(index, venue=pinned)
    links = [a["href"] for a in _soup(client.get(event.url)).select(".venue a, .facts a")]
    marker = "https://www.openstreetmap.org/?mlat=6.265600&mlon=-75.565700"
    assert f"{marker}#map=17/6.265600/-75.565700" in links
    unpinned = make_venue(name="Casa Teatro", address="Calle 10 #43-12")
    event = make_event(index, venue=unpinned)
    link = _soup(client.get(event.url)).select_one(".venue a")["href"]
    assert link.startswith("https://www.openstreetmap.org/search?query=Casa+Teatro")


def test_the_call_to_action_says_price_from_and_seats_left(client, index, make_user):
    from commerce.ticketing.services.ticket_types import ticket_type_save

    admin = make_user("admin")
    event = make_event(index, capacity=40)
    ticket_type_save(event=event, user=admin, data={"name_es": "General", "price": 45000})
    ticket_type_save(event=event, user=admin, data={"name_es": "VIP", "price": 90000})
    soup = _soup(client.get(event.url))
    bar = soup.select_one(".split > aside.cta-bar")
    cta = bar.select_one('a[data-cta="tickets"]')
    assert cta["href"] == f"/es/tickets/events/{event.pk}/"
    assert "Desde" in bar.select_one(".cta-bar-price").get_text()
    assert "45" in bar.select_one(".cta-bar-price").get_text()
    assert bar.select_one(".cta-bar-note").get_text(strip=True) == "Quedan 40 cupos"
    assert len(soup.select('[data-cta="tickets"]')) == 1  # one main action on the page
    # the ticket panel: cards, no list bullets, and the tickets page linked
    cards = soup.select(".event-tickets ul.card-grid > li > .ticket-card")
    assert [c.select_one(".card-title").get_text(strip=True) for c in cards] == ["General", "VIP"]


def test_without_tickets_the_page_offers_the_calendar_and_when_past_says_so(client, index):
    soup = _soup(client.get(make_event(index).url))
    bar = soup.select_one("aside.cta-bar")
    assert bar.select_one("a[download]")["href"].endswith("calendar/")
    assert not soup.select('[data-cta="tickets"]')
    past = _soup(client.get(make_event(index, days=-3).url)).select_one("aside.cta-bar")
    assert "terminó" in past.get_text() and not past.select("[data-cta]")


def test_speakers_appear_once_with_their_avatars(client, index):
    from cms.demo import demo_avatar

    event = make_event(index, sessions=2)
    photo = demo_avatar("valentina", person="Valentina Restrepo", size=400)
    valentina = Speaker.objects.create(name="Valentina Restrepo", bio="MLOps", photo=photo)
    andres = Speaker.objects.create(name="Andrés Villa")
    for session in EventSession.objects.filter(event=event):
        session.speakers.add(valentina, andres)
        session.save()
    soup = _soup(client.get(event.url))
    cards = soup.select(".speaker-list .speaker-card")
    assert [c.select_one(".speaker-name").get_text() for c in cards] == [
        "Andrés Villa",
        "Valentina Restrepo",
    ]
    assert cards[1].select_one("img.avatar")["src"].endswith(".webp")
    assert cards[0].select_one("span.avatar").get_text() == "AV"  # initials without a photo
    assert len(soup.select(".agenda .agenda-speakers .avatar")) == 4


def test_related_events_share_categories_first_and_are_upcoming(client, index):
    talleres = make_category(name="Talleres", slug="talleres")
    event = make_event(index, categories=[talleres], title="Este")
    make_event(index, days=1, title="Sin categoría")
    make_event(index, days=20, categories=[talleres], title="Otro taller")
    make_event(index, days=-5, categories=[talleres], title="Taller pasado")
    soup = _soup(client.get(event.url))
    titles = [h.get_text(strip=True) for h in soup.select(".related-events .event-card h3")]
    assert titles == ["Otro taller", "Sin categoría"]


def test_the_event_page_costs_a_bounded_number_of_queries(client, index, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commerce.ticketing.services.ticket_types import ticket_type_save

    admin = make_user("admin")
    event = make_event(index, sessions=3, capacity=10)
    ticket_type_save(event=event, user=admin, data={"name_es": "General", "price": 1000})
    for days in range(5):
        make_event(index, days=days + 1)
    client.get(event.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(event.url)
    assert len(queries) <= 40, "\n".join(q["sql"] for q in queries.captured_queries)
