"""What the home page reads besides its own fields: the community's figures and the events
index its hero points to."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.events.models import EventIndexPage, EventPage
from community.forums.selectors import topics_visible

FIGURES_KEY = "home:community-figures"
FIGURES_SECONDS = 600  # figures may lag this much; the page cache may keep them longer


def community_figures() -> list[dict]:
    """Members, events held and forum topics, as [{"value", "label"}]: three counts, each
    one query on an index, kept in the cache for FIGURES_SECONDS."""
    counts = cache.get(FIGURES_KEY)
    if counts is None:
        counts = {
            "members": get_user_model().objects.filter(is_active=True).count(),
            # one real-world event has a page per language: count it once
            "events": EventPage.objects.visible()
            .filter(end__lt=timezone.now())
            .values("translation_key")
            .distinct()
            .count(),
            "topics": topics_visible(None).count(),
        }
        cache.set(FIGURES_KEY, counts, FIGURES_SECONDS)
    return [
        {"value": counts["members"], "label": _("members")},
        {"value": counts["events"], "label": _("events held")},
        {"value": counts["topics"], "label": _("forum topics")},
    ]


def events_index(locale) -> EventIndexPage | None:
    """The events index of the home page's language, for the hero's second action."""
    return EventIndexPage.objects.live().public().filter(locale=locale).first()
