"""What an event page shows beyond its fields: its schema.org JSON-LD (with the offers
other apps add, cms/events/extensions.py), the links that share it, its speakers and the
related events it suggests."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import EventFormat, EventStatus
from .extensions import event_offers

RELATED_LIMIT = 3


def event_json_ld(event, request) -> dict:
    """schema.org/Event, with the offers other apps add (cms/events/extensions.py)."""
    attendance = {
        "in_person": "https://schema.org/OfflineEventAttendanceMode",
        "online": "https://schema.org/OnlineEventAttendanceMode",
        "hybrid": "https://schema.org/MixedEventAttendanceMode",
    }[event.event_format]
    status = {
        EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    }.get(event.status, "https://schema.org/EventScheduled")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.seo_description(),
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventAttendanceMode": attendance,
        "eventStatus": status,
        "url": event.get_full_url(request),
        "inLanguage": event.language.split("-"),
        "organizer": {
            "@type": "Organization",
            "name": "Medellín AI",
            "url": request.build_absolute_uri("/"),
        },
    }
    locations = []
    if event.venue and event.event_format != EventFormat.ONLINE:
        place = {
            "@type": "Place",
            "name": event.venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.venue.address,
                "addressLocality": event.venue.get_area_display(),
                "addressRegion": "Antioquia",
                "addressCountry": "CO",
            },
        }
        if event.venue.latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.venue.latitude),
                "longitude": float(event.venue.longitude),
            }
        locations.append(place)
    if event.event_format != EventFormat.IN_PERSON:
        locations.append({"@type": "VirtualLocation", "url": event.get_full_url(request)})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if event.image:
        rendition = event.image.get_rendition("fill-1200x630|format-webp")
        data["image"] = [request.build_absolute_uri(rendition.url)]
    offers = event_offers(event, request)
    if offers:
        data["offers"] = offers
    return data


def share_links(event, request) -> list[dict]:
    """Links that share the event on the networks Medellín's community uses, plus email."""
    from urllib.parse import quote, urlencode

    url = event.get_full_url(request)
    text = f"{event.title} · {event.local_start:%d/%m/%Y %H:%M}"
    return [
        {"name": "WhatsApp", "url": "https://wa.me/?" + urlencode({"text": f"{text} {url}"})},
        {"name": "LinkedIn", "url": "https://www.linkedin.com/sharing/share-offsite/?"
         + urlencode({"url": url})},
        {"name": "X", "url": "https://x.com/intent/post?" + urlencode({"text": text, "url": url})},
        {"name": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?"
         + urlencode({"u": url})},
        {"name": _("Email"),
         "url": f"mailto:?subject={quote(event.title)}&body={quote(url, safe='')}"},
    ]  # fmt: skip


def agenda_speakers(sessions) -> list:
    """The agenda's speakers, each once, in the order they first speak."""
    seen: dict = {}
    for session in sessions:
        for speaker in session.speakers.all():
            seen.setdefault(speaker.pk, speaker)
    return list(seen.values())


def related_events(event, *, limit: int = RELATED_LIMIT) -> list:
    """Upcoming events of the same language worth a look next: those sharing the most
    categories first, then the soonest (so an event without categories still suggests some).
    Two queries, with what the cards show."""
    category_ids = [category.pk for category in event.categories.all()]  # previews too
    shared = Count("categories", filter=Q(categories__in=category_ids), distinct=True)
    return list(
        type(event)
        .objects.visible(event.locale_id)
        .filter(end__gte=timezone.now())
        .exclude(pk=event.pk)
        .with_card_data()
        .annotate(shared=shared)
        .order_by("-shared", "start")[:limit]
    )
