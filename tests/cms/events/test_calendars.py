"""Calendars: the .ics of an event and the feeds parse with icalendar and carry the right
times in the right zone, a reminder, and only the events they promise."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from cms.events.factories import make_category, make_event

pytestmark = pytest.mark.django_db

START = datetime(2030, 3, 5, 23, 30, tzinfo=UTC)  # 18:30 in Bogotá


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_event_ics_carries_local_times_a_reminder_and_the_place(client, index):
    event = make_event(index, start=START, hours=2, title="Encuentro de agentes")
    response = client.get(f"{event.url}calendar/")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = _calendar(response)
    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert str(start.tzinfo) == "America/Bogota"
    assert (start.hour, start.minute) == (18, 30)
    assert start == START and vevent.decoded("dtend") == START + timedelta(hours=2)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Bogota"]
    assert str(vevent["summary"]) == "Encuentro de agentes"
    assert event.venue.name in str(vevent["location"])
    assert str(vevent["url"]) == event.full_url
    (alarm,) = vevent.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(hours=1)
    assert str(vevent["status"]) == "CONFIRMED"


def test_both_languages_are_one_event_for_calendars(client, indexes):
    event = make_event(indexes["es"], start=START)
    english = event.copy_for_translation(indexes["en"].locale)
    english.save_revision().publish()
    uids = {
        str(_calendar(client.get(f"{page.url}calendar/")).walk("VEVENT")[0]["uid"])
        for page in (event, english)
    }
    assert len(uids) == 1


def test_a_cancelled_event_says_so_to_calendars(client, index):
    event = make_event(index, status="cancelled")
    vevent = _calendar(client.get(f"{event.url}calendar/")).walk("VEVENT")[0]
    assert str(vevent["status"]) == "CANCELLED"


def test_feeds_carry_upcoming_events_of_their_scope(client, index, make_user):
    workshops = make_category(name="Talleres", slug="talleres")
    organizer = make_user("organizer")
    organizer.profile.handle = "ana_org"
    organizer.profile.save()
    make_event(index, title="Taller", categories=[workshops])
    make_event(index, title="De Ana", organizer=organizer)
    make_event(index, title="Hace un año", days=-365)
    make_event(index, title="Borrador", publish=False)

    def titles(path):
        return sorted(str(e["summary"]) for e in _calendar(client.get(path)).walk("VEVENT"))

    assert titles("/es/eventos/feed/") == ["De Ana", "Taller"]
    assert titles("/es/eventos/categories/talleres/feed/") == ["Taller"]
    assert titles("/es/eventos/organizers/ana_org/feed/") == ["De Ana"]
    assert client.get("/es/eventos/categories/nada/feed/").status_code == 404
    assert client.get("/es/eventos/organizers/nobody/feed/").status_code == 404
    feed = client.get("/es/eventos/feed/")
    assert feed["Cache-Control"] == "public, max-age=900"
    assert "REFRESH-INTERVAL" in feed.content.decode()


def test_event_page_links_google_and_outlook_with_the_right_times(client, index):
    event = make_event(index, start=START, hours=2)
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".add-to-calendar a")}
    google = parse_qs(urlsplit(links["Google Calendar"]).query)
    assert google["dates"] == ["20300305T233000Z/20300306T013000Z"]
    assert google["ctz"] == ["America/Bogota"] and google["text"] == [event.title]
    outlook = parse_qs(urlsplit(links["Calendario de Outlook"]).query)
    assert outlook["startdt"] == ["2030-03-05T18:30:00-05:00"]
    assert any(href.endswith("calendar/") for href in links.values())


def test_a_cached_calendar_is_still_a_download(client, index, settings):
    settings.PAGE_CACHE_SECONDS = 300
    event = make_event(index)
    client.get(f"{event.url}calendar/")
    cached = client.get(f"{event.url}calendar/")
    assert cached["X-Page-Cache"] == "hit"
    assert cached["Content-Type"] == "text/calendar; charset=utf-8"
    assert cached["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
