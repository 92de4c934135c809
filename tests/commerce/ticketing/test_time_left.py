"""How long until a price ends or a reservation lapses, as people read it ("14:59",
"1 h 05 min", "2 d 05 h"), server-side; tests/browser/test_countdown.py checks the script
writes the same."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from commerce.ticketing.templatetags.time_left import time_left

# seconds left → what the page says (also read by tests/browser/test_countdown.py)
CASES = [
    (None, "0:00"), (-5, "0:00"), (0, "0:00"), (59, "0:59"), (60, "1:00"), (899, "14:59"),
    (3599, "59:59"), (3600, "1 h 00 min"), (3900, "1 h 05 min"), (86399, "23 h 59 min"),
    (86400, "1 d 00 h"), (90000, "1 d 01 h"), (190800, "2 d 05 h"), (604200, "6 d 23 h"),
    ("899", "14:59"), ("nonsense", "0:00"),
]  # fmt: skip


@pytest.mark.parametrize(("seconds", "expected"), CASES)
def test_time_left_reads_as_minutes_hours_or_days(seconds, expected):
    assert time_left(seconds) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_an_early_bird_price_says_how_long_it_lasts(client, event, make_ticket_type, language):
    """A price ending in a week read "10030:18"; the page's title held a script tag."""
    make_ticket_type(price=50000, sale_ends=timezone.now() + timedelta(days=6, hours=5, minutes=1))
    with translation.override(language):
        path = reverse("ticketing:event", kwargs={"event_id": event.pk})
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    countdown = soup.select_one("[data-countdown]")
    assert countdown.get_text() == "6 d 05 h"
    assert 6 * 86400 < int(countdown["data-countdown"]) < 7 * 86400
    assert "<script" not in soup.title.decode_contents() and "countdown" not in soup.title.string
    assert len(soup.select("script[src*=countdown]")) == 1
