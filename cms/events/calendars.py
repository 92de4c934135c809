"""Calendars: an .ics file per event (with a reminder), subscribable feeds of upcoming
events (all, per category, per organizer) and "add to Google / Outlook" links.

Built with the icalendar library; times carry the event's time zone (TZID plus the
VTIMEZONE it needs), so calendar apps show them right wherever the reader is."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from .choices import EventStatus

ICS = "text/calendar; charset=utf-8"

PRODID = "-//Medellín AI//Events//ES"
REMINDER_BEFORE = timedelta(hours=1)
FEED_LIMIT = 200
STATUS = {
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "TENTATIVE",
}


def _location(event) -> str:
    if event.venue is None:
        return event.get_full_url() or ""
    return f"{event.venue.name}, {event.venue.address}, {event.venue.get_area_display()}"


def _vevent(event, request=None) -> Event:
    url = event.get_full_url(request)
    vevent = Event()
    # One UID per real-world event: the Spanish and English pages are the same event.
    vevent.add("uid", f"event-{event.translation_key}@{urlsplit(settings.SITE_URL).hostname}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.local_start)
    vevent.add("dtend", event.local_end)
    vevent.add("summary", event.title)
    vevent.add("description", f"{event.summary}\n\n{url}")
    vevent.add("location", _location(event))
    vevent.add("url", url)
    vevent.add("status", STATUS.get(event.status, "CONFIRMED"))
    # Calendars replace their copy when SEQUENCE grows: every publish makes a new revision.
    vevent.add("sequence", event.live_revision_id or 0)
    if event.venue is not None and event.venue.latitude is not None:
        vevent.add("geo", (float(event.venue.latitude), float(event.venue.longitude)))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event.title)
    alarm.add("trigger", -REMINDER_BEFORE)
    vevent.add_component(alarm)
    return vevent


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def event_ics(event, request=None) -> bytes:
    calendar = _calendar(event.title)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_vevent(event, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(events, *, name: str, request=None) -> bytes:
    """A subscribable calendar: upcoming events (and the last month's, so a subscriber who
    was there keeps them), at most FEED_LIMIT."""
    calendar = _calendar(name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    since = timezone.now() - timedelta(days=30)
    for event in events.filter(end__gte=since).order_by("start")[:FEED_LIMIT]:
        calendar.add_component(_vevent(event, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def google_calendar_url(event, request=None) -> str:
    dates = "/".join(m.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") for m in (event.start, event.end))
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": f"{event.summary}\n\n{event.get_full_url(request)}",
        "location": _location(event),
        "ctz": event.time_zone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, request=None) -> str:
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": event.local_start.isoformat(),
        "enddt": event.local_end.isoformat(),
        "body": f"{event.summary}\n\n{event.get_full_url(request)}",
        "location": _location(event),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)
