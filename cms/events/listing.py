"""The public listing of an event index (filters, pagination, category pages) and what its
calendar feeds carry. The index page's routes (models/index.py) call these."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.fulltext import search_terms

from .choices import Area, EventFormat, EventLanguage
from .extensions import apply_listing_filter
from .models.event import EventCategory, EventPage

PER_PAGE = 12


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


def event_listing(index, params, *, category_slug: str | None = None) -> dict:
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
    events = filter_events(
        EventPage.objects.visible().child_of(index).with_card_data(), data, category=category
    )
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


def feed_events(index, *, category=None, organizer=None) -> QuerySet:
    """Events a calendar feed carries: public ones under this index, with what the .ics needs."""
    queryset = EventPage.objects.visible().child_of(index).select_related("venue")
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
