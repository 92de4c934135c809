"""What an event page shows beyond its fields: its schema.org JSON-LD (with the offers
other apps add, cms/events/extensions.py) and the links that share it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .choices import EventFormat, EventStatus
from .extensions import event_offers


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
