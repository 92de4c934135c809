"""`{{ seconds|time_left }}`: how long until a price ends or a reservation lapses, as people
read it: "14:59" under an hour, "1 h 05 min" under a day, "2 d 05 h" beyond.

static/js/countdown.js counts down from the same value and writes the same text, so the page
reads the same with or without JavaScript. d, h and min are the international unit symbols,
written alike in Spanish and English, which is why neither side keeps a translation table."""

from __future__ import annotations

from django import template

register = template.Library()

MINUTE, HOUR, DAY = 60, 3600, 86400


@register.filter
def time_left(seconds) -> str:
    """Whole units, rounded down (never promise more time than is left); nothing or
    anything negative reads as 0:00."""
    try:
        left = max(0, int(seconds))
    except (TypeError, ValueError):
        left = 0
    if left < HOUR:
        return f"{left // MINUTE}:{left % MINUTE:02d}"
    if left < DAY:
        return f"{left // HOUR} h {left % HOUR // MINUTE:02d} min"
    return f"{left // DAY} d {left % DAY // HOUR:02d} h"
