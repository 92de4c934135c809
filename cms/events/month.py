"""The listing's calendar view: one month as weeks of days, each day with the events on it.

Built on Python's `calendar` module and drawn by the server (no script): the listing reads
the month's events with its filters (listing.py), and this lays them out. An event is on
every day it covers in its own time zone (a two-day hackathon is on both days); a week
starts on the day the language's format says (Monday in Spanish, Sunday in English)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import get_format

# Each event is placed on at most this many days (a long residency is not drawn on a whole
# month of cells).
MAX_DAYS_SHOWN = 14
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


@dataclass
class Month:
    first: date  # the first day of the month
    weeks: list[list[Day]]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)

    @property
    def weekdays(self) -> list[date]:
        """The dates of the first week, for the weekday names of the columns."""
        return [day.date for day in self.weeks[0]]

    @property
    def days_with_events(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day.events]

    @property
    def event_count(self) -> int:
        return len({event.pk for day in self.days_with_events for event in day.events})


def parse_month(value: str | None, *, default: date) -> date:
    """`YYYY-MM` as the first day of that month; anything else (or a year out of range)
    is the default's month, never an error."""
    match = _MONTH.match(value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1900 <= year <= 2999:
            return date(year, month, 1)
    return default.replace(day=1)


def month_span(first: date, tz=None) -> tuple[datetime, datetime]:
    """The month's first instant and the next month's, in the site's time zone (an event
    is in the month when it starts before the end and ends after the start)."""
    tz = tz or timezone.get_default_timezone()
    following = (first + timedelta(days=32)).replace(day=1)
    return (
        timezone.make_aware(datetime.combine(first, time.min), tz),
        timezone.make_aware(datetime.combine(following, time.min), tz),
    )


def first_weekday() -> int:
    """Python's first weekday (0 is Monday) for the active language's FIRST_DAY_OF_WEEK
    (Django's, 0 is Sunday)."""
    return (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def month_calendar(
    first: date, events: Iterable, *, today: date, firstweekday: int | None = None
) -> Month:
    """The month of `first` as weeks of `Day`s; `events` (with `local_start`/`local_end`,
    in order) are put on the days of the month they cover."""
    by_day: dict[date, list] = {}
    for event in events:
        start = event.local_start.date()
        # an event ending at midnight does not cover the next day
        end = (event.local_end - timedelta(microseconds=1)).date()
        for offset in range(min((end - start).days, MAX_DAYS_SHOWN - 1) + 1):
            day = start + timedelta(days=offset)
            if day.year == first.year and day.month == first.month:
                by_day.setdefault(day, []).append(event)
    weekday = first_weekday() if firstweekday is None else firstweekday
    weeks = [
        [
            Day(
                date=day,
                in_month=day.month == first.month,
                is_today=day == today,
                events=by_day.get(day, []) if day.month == first.month else [],
            )
            for day in week
        ]
        for week in calendar.Calendar(weekday).monthdatescalendar(first.year, first.month)
    ]
    return Month(first=first, weeks=weeks)
