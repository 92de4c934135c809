"""Test and benchmark data for events: an index per language and published events."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from django.utils import timezone
from wagtail.models import Locale

from .models import EventCategory, EventIndexPage, EventPage, EventSession, Venue

_numbers = count(1)


def event_indexes(homes: dict) -> dict[str, EventIndexPage]:
    """/es/eventos/ and its English translation /en/events/."""
    es = EventIndexPage.objects.child_of(homes["es"]).first()
    if es is None:
        es = EventIndexPage(title="Eventos", slug="eventos", locale=homes["es"].locale)
        homes["es"].add_child(instance=es)
        es.save_revision().publish()
    en = EventIndexPage.objects.filter(
        translation_key=es.translation_key, locale=homes["en"].locale
    )
    en = en.first()
    if en is None:
        en = es.copy_for_translation(homes["en"].locale)
        en.title, en.slug = "Events", "events"
        en.save_revision().publish()
    return {"es": es, "en": en}


def make_venue(**fields) -> Venue:
    fields = {
        "name": f"Sede {next(_numbers)}",
        "address": "Calle 10 #43-12",
        "area": "el-poblado",
        "is_approved": True,
        **fields,
    }
    return Venue.objects.create(**fields)


def make_category(locale: str = "es", **fields) -> EventCategory:
    number = next(_numbers)
    fields = {"name": f"Categoría {number}", "slug": f"categoria-{number}", **fields}
    return EventCategory.objects.create(locale=Locale.objects.get(language_code=locale), **fields)


def make_event(index: EventIndexPage, *, days: float = 7, hours: float = 2, sessions: int = 0,
               categories=(), publish: bool = True, **fields) -> EventPage:  # fmt: skip
    """A published event `days` from now (negative: in the past), in person unless told."""
    number = next(_numbers)
    start = fields.pop("start", timezone.now() + timedelta(days=days))
    fields.setdefault("event_format", "in_person")
    if fields["event_format"] != "online" and "venue" not in fields:
        fields["venue"] = make_venue()
    if fields["event_format"] != "in_person":
        fields.setdefault("online_url", "https://meet.example.org/x")
    event = EventPage(
        title=fields.pop("title", f"Evento {number}"),
        slug=fields.pop("slug", f"evento-{number}"),
        locale=index.locale,
        summary=fields.pop("summary", "Un evento de la comunidad."),
        start=start,
        end=fields.pop("end", start + timedelta(hours=hours)),
        status=fields.pop("status", "published"),
        live=publish,
        **fields,
    )
    index.add_child(instance=event)
    event.categories = list(categories)
    event.sessions = [
        EventSession(
            start=start + timedelta(minutes=30 * i),
            end=start + timedelta(minutes=30 * (i + 1)),
            title=f"Sesión {i + 1}",
        )
        for i in range(sessions)
    ]
    revision = event.save_revision()
    if publish:
        revision.publish()
    return event
