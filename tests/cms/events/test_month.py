"""The listing's month calendar (cms/events/month.py): weeks of days from Python's calendar,
events on every day they cover in their own zone, months parsed leniently."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from cms.events.month import month_calendar, month_span, parse_month

BOGOTA = ZoneInfo("America/Bogota")


@dataclass
class FakeEvent:
    pk: int
    local_start: datetime
    local_end: datetime


def _event(pk, start, end):
    return FakeEvent(pk, start.replace(tzinfo=BOGOTA), end.replace(tzinfo=BOGOTA))


def test_a_month_is_whole_weeks_of_days_starting_on_the_given_weekday():
    month = month_calendar(date(2026, 12, 1), [], today=date(2026, 12, 7), firstweekday=0)
    assert all(len(week) == 7 for week in month.weeks)
    assert month.weeks[0][0].date == date(2026, 11, 30)  # a Monday, outside the month
    assert not month.weeks[0][0].in_month and month.weeks[0][1].in_month
    assert month.weeks[-1][-1].date == date(2027, 1, 3)
    assert [day.date for week in month.weeks for day in week if day.is_today] == [date(2026, 12, 7)]
    sunday_first = month_calendar(date(2026, 12, 1), [], today=date(2026, 12, 7), firstweekday=6)
    assert sunday_first.weeks[0][0].date == date(2026, 11, 29)
    assert (month.previous, month.next) == (date(2026, 11, 1), date(2027, 1, 1))


def test_events_are_on_each_day_they_cover_within_the_month():
    meetup = _event(1, datetime(2026, 12, 10, 18), datetime(2026, 12, 10, 21))
    hackathon = _event(2, datetime(2026, 12, 19, 9), datetime(2026, 12, 20, 18))
    till_midnight = _event(3, datetime(2026, 12, 12, 20), datetime(2026, 12, 13, 0))
    new_year = _event(4, datetime(2026, 12, 31, 20), datetime(2027, 1, 1, 2))
    month = month_calendar(
        date(2026, 12, 1), [meetup, hackathon, till_midnight, new_year], today=date(2026, 12, 1)
    )
    days = {day.date.day: [e.pk for e in day.events] for day in month.days_with_events}
    assert days == {10: [1], 12: [3], 19: [2], 20: [2], 31: [4]}
    # days of the next month shown in the last week stay empty
    assert all(not day.events for week in month.weeks for day in week if not day.in_month)
    assert month.event_count == 4


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-03", date(2027, 3, 1)),
        ("2027-13", date(2026, 12, 1)),
        ("2027-3", date(2026, 12, 1)),
        ("nonsense", date(2026, 12, 1)),
        (None, date(2026, 12, 1)),
        ("0001-01", date(2026, 12, 1)),
    ],
)
def test_a_month_parameter_that_is_not_one_falls_back_to_the_default(value, expected):
    assert parse_month(value, default=date(2026, 12, 17)) == expected


def test_the_month_span_is_in_the_site_zone():
    start, end = month_span(date(2026, 12, 1), BOGOTA)
    assert start.isoformat() == "2026-12-01T00:00:00-05:00"
    assert end.isoformat() == "2027-01-01T00:00:00-05:00"


def test_the_week_starts_where_the_language_says():
    with translation.override("es"):
        spanish = month_calendar(date(2026, 12, 1), [], today=date(2026, 12, 1))
    with translation.override("en"):
        english = month_calendar(date(2026, 12, 1), [], today=date(2026, 12, 1))
    assert spanish.weekdays[0].weekday() == 0  # Monday
    assert english.weekdays[0].weekday() == 6  # Sunday
