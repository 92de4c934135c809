"""Event pages: what editors may save, what visitors see (times in the event's zone, the
agenda, JSON-LD Event), and what the sitemap says."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cms.events.factories import make_event, make_venue
from cms.events.models import EventRequirement, EventSession, Speaker, Venue

pytestmark = pytest.mark.django_db


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _json_ld(response):
    return json.loads(_soup(response).find("script", type="application/ld+json").string)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_offset": -1}, "end"),
        ({"event_format": "in_person", "venue": None}, "venue"),
        ({"event_format": "online", "online_url": ""}, "online_url"),
        ({"event_format": "hybrid", "online_url": ""}, "online_url"),
        ({"registration_closes_offset": -2}, "registration_closes"),
    ],
)
def test_an_event_that_makes_no_sense_is_refused_with_the_field_named(index, changes, field):
    event = make_event(index)
    changes = dict(changes)
    if "end_offset" in changes:
        event.end = event.start + timedelta(hours=changes.pop("end_offset"))
    if "registration_closes_offset" in changes:
        event.registration_opens = event.start - timedelta(days=1)
        event.registration_closes = event.registration_opens + timedelta(
            days=changes.pop("registration_closes_offset")
        )
    for key, value in changes.items():
        setattr(event, key, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert field in error.value.message_dict


@translation.override("en")
def test_sessions_questions_and_venues_validate_too(index):
    start = timezone.now()
    with pytest.raises(ValidationError, match="after it starts"):
        EventSession(start=start, end=start, title="x").clean()
    with pytest.raises(ValidationError, match="two options"):
        EventRequirement(label="Talla", kind="choice", options="M").clean()
    EventRequirement(label="Talla", kind="choice", options="S\nM").clean()
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        Venue(name="x", address="y", area="laureles", latitude=6.2).clean()
    with pytest.raises(ValidationError):
        Venue(name="x", address="y", area="laureles", latitude=95, longitude=0).clean()


def test_event_page_shows_times_in_the_event_zone_and_the_agenda(client, index):
    speaker = Speaker.objects.create(name="Valentina Restrepo", bio="MLOps")
    start = datetime(2030, 3, 5, 14, 0, tzinfo=UTC)  # 09:00 in Bogotá
    event = make_event(index, start=start, sessions=2, title="Taller de agentes")
    session = EventSession.objects.filter(event=event).order_by("start").first()
    session.speakers.add(speaker)
    session.save()  # parental relations are written on save
    soup = _soup(client.get(event.url))
    times = [t["datetime"] for t in soup.select(".event-facts time")]
    assert times == ["2030-03-05T09:00:00-05:00", "2030-03-05T11:00:00-05:00"]
    agenda = soup.find("ol", class_="agenda")
    assert [h.get_text() for h in agenda.find_all("h3")] == ["Sesión 1", "Sesión 2"]
    assert "09:00" in agenda.get_text() and "Valentina Restrepo" in agenda.get_text()

    madrid = make_event(index, start=start, time_zone="Europe/Madrid")
    soup = _soup(client.get(madrid.url))
    assert soup.select(".event-facts time")[0]["datetime"] == "2030-03-05T15:00:00+01:00"


def test_online_link_is_not_shown_on_the_public_page(client, index):
    event = make_event(
        index, event_format="online", online_url="https://meet.example.org/secret-room"
    )
    assert "secret-room" not in client.get(event.url).content.decode()


def test_json_ld_event_in_person(client, index):
    venue = make_venue(name="Ruta N", latitude="6.2656", longitude="-75.5657", area="centro")
    event = make_event(index, venue=venue, title="Encuentro mensual", language="es-en")
    data = _json_ld(client.get(event.url))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Encuentro mensual"
    assert data["startDate"] == event.local_start.isoformat()
    assert data["startDate"].endswith("-05:00")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressCountry"] == "CO"
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 6.2656,
        "longitude": -75.5657,
    }
    assert data["inLanguage"] == ["es", "en"]


def test_json_ld_for_online_hybrid_and_cancelled_events(client, index):
    online = _json_ld(client.get(make_event(index, event_format="online").url))
    assert online["location"]["@type"] == "VirtualLocation"
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    hybrid = _json_ld(client.get(make_event(index, event_format="hybrid").url))
    assert [place["@type"] for place in hybrid["location"]] == ["Place", "VirtualLocation"]
    cancelled = make_event(index, status="cancelled")
    response = client.get(cancelled.url)
    assert _json_ld(response)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "Este evento fue cancelado." in response.content.decode()


def test_sitemap_lists_events_with_priority_0_9(client, index):
    event = make_event(index)
    xml = client.get("/sitemap.xml").content.decode()
    entry = xml.split(event.full_url)[1].split("</url>")[0]
    assert "<priority>0.9</priority>" in entry


def test_unpublished_events_are_not_served(client, index):
    draft = make_event(index, publish=False)
    assert client.get(f"/es/eventos/{draft.slug}/").status_code == 404


def test_event_image_is_served_as_avif_and_webp_renditions(client, index):
    from cms.demo import demo_poster

    event = make_event(index, image=demo_poster("cartel", title="Cartel", size=(1600, 900)))
    picture = _soup(client.get(event.url)).find("picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif"]
    assert "480w" in picture.source["srcset"] and "1440w" in picture.source["srcset"]
    img = picture.find("img")
    assert ".format-webp." in img["src"] and img["alt"] == "Cartel"


def test_share_links_carry_the_events_address(client, index):
    from urllib.parse import quote

    event = make_event(index, title="Noche de agentes")
    page = client.get(event.url).content.decode()
    path = quote(event.url, safe="")
    soup = BeautifulSoup(page, "html.parser")
    links = [a["href"] for a in soup.select(".share-links a")]
    assert len(links) == 5
    starts = ("https://wa.me/", "https://www.linkedin.com/", "https://x.com/intent/",
              "https://www.facebook.com/sharer/", "mailto:")  # fmt: skip
    assert [href.startswith(start) for href, start in zip(links, starts, strict=True)] == [True] * 5
    assert all(path in href for href in links)
