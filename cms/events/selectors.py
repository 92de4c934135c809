"""Reads shared by the event pages, the home page block and the API."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.fulltext import search_terms

from .extensions import apply_listing_filter, event_offers
from .models import (
    Area,
    EventCategory,
    EventFormat,
    EventIndexPage,
    EventLanguage,
    EventPage,
    EventSession,
    EventStatus,
    Speaker,
)

PER_PAGE = 12
CARD_RENDITION = "fill-480x270|format-webp"
VISIBLE_STATUSES = [
    EventStatus.PUBLISHED,
    EventStatus.CANCELLED,
    EventStatus.POSTPONED,
    EventStatus.COMPLETED,
]


def _cards(queryset: QuerySet) -> QuerySet:
    """What an event card shows, fetched with the events (no query per card)."""
    return queryset.select_related("venue", "image", "locale").prefetch_related("image__renditions")


def public_events(locale=None) -> QuerySet:
    queryset = EventPage.objects.live().public().filter(status__in=VISIBLE_STATUSES)
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def upcoming_events(*, locale, limit: int, featured_only: bool = False, category=None) -> list:
    """Featured first, then soonest: for the home page block (a live query, never copies)."""
    queryset = public_events(locale).filter(end__gte=timezone.now())
    if featured_only:
        queryset = queryset.filter(featured=True)
    if category is not None:
        queryset = queryset.filter(categories=category)
    return list(_cards(queryset).order_by("-featured", "start")[:limit])


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search events"), required=False, max_length=100)
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    category = forms.CharField(label=_("Category"), required=False, max_length=80)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format")), *EventFormat.choices]
    )
    area = forms.ChoiceField(
        label=_("Area"), required=False, choices=[("", _("Any area")), *Area.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *EventLanguage.choices],
    )
    price = forms.ChoiceField(
        label=_("Price"),
        required=False,
        choices=[("", _("Free or paid")), ("free", _("Free")), ("paid", _("Paid"))],
    )
    featured = forms.BooleanField(label=_("Featured only"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the range comes before its start."))
        return data


def filter_events(queryset: QuerySet, data: dict, *, category=None) -> QuerySet:
    now = timezone.now()
    if data.get("when") == "past":
        queryset = queryset.filter(end__lt=now).order_by("-start")
    else:
        queryset = queryset.filter(end__gte=now).order_by("start")
    if data.get("date_from"):
        queryset = queryset.filter(start__date__gte=data["date_from"])
    if data.get("date_to"):
        queryset = queryset.filter(start__date__lte=data["date_to"])
    if category is not None:
        ids = [category.pk, *category.children.values_list("pk", flat=True)]
        queryset = queryset.filter(categories__in=ids).distinct()
    if data.get("format"):
        queryset = queryset.filter(event_format=data["format"])
    if data.get("language"):
        queryset = queryset.filter(language=data["language"])
    if data.get("area"):
        queryset = queryset.filter(venue__area=data["area"])
    if data.get("featured"):
        queryset = queryset.filter(featured=True)
    if data.get("price"):  # free or paid: what ticketing sells (cms/events/extensions.py)
        queryset = apply_listing_filter("price", queryset, data["price"])
    if terms := search_terms(data.get("q") or ""):  # words only: quotes break SQLite's FTS
        matches = EventPage.objects.live().search(terms, operator="and")[:500]
        queryset = queryset.filter(pk__in=[page.pk for page in matches])
    return queryset


def event_listing(index: EventIndexPage, params, *, category_slug: str | None = None) -> dict:
    form = EventFilterForm(params)
    form.is_valid()  # invalid fields are shown with their errors and left out of the filter
    data = form.cleaned_data
    categories = list(
        EventCategory.objects.filter(locale=index.locale, parent__isnull=True).prefetch_related(
            "children"
        )
    )
    slug = category_slug or data.get("category")
    category = None
    if slug:
        category = EventCategory.objects.filter(locale=index.locale, slug=slug).first()
        if category is None and not category_slug:
            form.add_error("category", _("There is no category “%(slug)s”.") % {"slug": slug})
    events = filter_events(_cards(public_events().child_of(index)), data, category=category)
    page = Paginator(events, PER_PAGE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "events": page,
        "category": category,
        "categories": categories,
        "past": data.get("when") == "past",
        "querystring": query.urlencode(),
    }


def feed_events(index: EventIndexPage, *, category=None, organizer=None) -> QuerySet:
    """Events a calendar feed carries: public ones under this index, with what the .ics needs."""
    queryset = public_events().child_of(index).select_related("venue")
    if category is not None:
        ids = [category.pk, *category.children.values_list("pk", flat=True)]
        queryset = queryset.filter(categories__in=ids).distinct()
    if organizer is not None:
        queryset = queryset.filter(Q(organizer=organizer) | Q(co_organizers=organizer)).distinct()
    return queryset


def organizer_by_handle(handle: str):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, profile__handle__iexact=handle)
        .filter(Q(organized_events__isnull=False) | Q(co_organized_events__isnull=False))
        .distinct()
        .first()
    )


def agenda(event: EventPage) -> list[EventSession]:
    return list(
        event.sessions.prefetch_related(
            Prefetch("speakers", queryset=Speaker.objects.select_related("photo"))
        ).order_by("start", "sort_order")
    )


def event_json_ld(event: EventPage, request) -> dict:
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


# ---- the organizer's dashboard -----------------------------------------------------------


def my_events(user) -> QuerySet:
    """Events the user organizes or co-organizes, in every language and state."""
    from .permissions import own_events_filter

    ids = EventPage.objects.filter(own_events_filter(user)).values("pk")
    return (
        EventPage.objects.filter(pk__in=ids)
        .select_related("locale", "venue", "submission")
        .order_by("-start", "pk")
    )


def my_submissions(user, *, status: str | None = None) -> QuerySet:
    from .models import EventSubmission

    queryset = EventSubmission.objects.filter(organizer=user).select_related("page", "locale")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def submission_funnel() -> list[dict]:
    """Form analytics: how many submissions reached each wizard step, and then were sent."""
    from django.db.models import Count

    from .models import SubmissionStep
    from .wizard import STEPS

    counts = dict(
        SubmissionStep.objects.values_list("step").annotate(n=Count("id")).values_list("step", "n")
    )
    codes = [step.code for step in STEPS[:-1]] + ["submitted"]
    labels = {step.code: step.label for step in STEPS}
    labels["submitted"] = _("Sent for review")
    return [{"step": code, "label": labels[code], "count": counts.get(code, 0)} for code in codes]


def share_links(event: EventPage, request) -> list[dict]:
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
