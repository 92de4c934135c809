"""The public listing of an event index (filters, active filters as removable chips,
pagination, category pages, the list and month calendar views) and what its calendar feeds
carry. The index page's routes (models/index.py) call these."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from config.fulltext import search_terms

from .extensions import attach_ticket_summaries
from .filters import EventFilterForm
from .models.event import EventCategory, EventPage
from .month import month_calendar, month_span, parse_month

PER_PAGE = 12
# the calendar view shows at most this many events in a month
MONTH_LIMIT = 200
# what the filter panel holds; the search box and "when" stay outside it, always in view
PANEL_FIELDS = ("date_from", "date_to", "category", "format", "area", "language", "price",
                "featured")  # fmt: skip
# parameters that are not filters: the view, its month, the page
VIEW_PARAMETERS = ("view", "month", "page")


def filter_events(queryset: QuerySet, data: dict, *, category=None, span=None) -> QuerySet:
    """The events matching the filters: upcoming (soonest first) or past (newest first), or,
    given a `span` (the calendar's month: start, end), those happening in it in order."""
    if span is not None:
        queryset = queryset.filter(start__lt=span[1], end__gt=span[0]).order_by("start")
    else:
        queryset = queryset.happening("past" if data.get("when") == "past" else "upcoming")
    category_ids = None
    if category is not None:
        category_ids = [category.pk, *category.children.values_list("pk", flat=True)]
    queryset = queryset.matching(data, category_ids=category_ids)
    if terms := search_terms(data.get("q") or ""):  # words only: quotes break SQLite's FTS
        matches = EventPage.objects.live().search(terms, operator="and")[:500]
        queryset = queryset.filter(pk__in=[page.pk for page in matches])
    return queryset


def event_listing(index, params, *, category_slug: str | None = None, path: str = "") -> dict:
    """What the listing template shows: the filter form, the events of this page (upcoming
    or `?when=past` lists) or of the month (calendar view, `?view=calendar&month=YYYY-MM`),
    the active filters as chips that remove them, the categories, and the links between the
    views and months (each keeps the filters).
    `path` is the address the page was asked at (the index's, or a category's)."""
    form = EventFilterForm(params)
    form.is_valid()  # invalid fields are shown with their errors and left out of the filter
    form.describe_errors()
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
    events = EventPage.objects.visible().child_of(index).with_card_data()
    calendar_view = params.get("view") == "calendar"
    filters = _query(params, drop=VIEW_PARAMETERS)
    timeless = _query(filters, drop=("when",))  # the calendar shows past and future months
    context = {
        "filter_form": form,
        "category": category,
        "categories": categories,
        "past": data.get("when") == "past",
        "view": "calendar" if calendar_view else "list",
        "querystring": _query(params, drop=("page",)).urlencode(),
        # the views: upcoming and past lists, the month calendar
        "upcoming_url": _url(path, timeless),
        "past_url": _url(path, timeless, when="past"),
        "calendar_url": _url(path, timeless, view="calendar", month=params.get("month")),
        # category chips keep the other filters and the view
        "category_query": _query(params, drop=("page", "category")).urlencode(),
        "active_filters": active_filters(form, params, path=path, category=category,
                                         category_slug=category_slug, index=index),
        "panel_filter_count": sum(
            1 for name in PANEL_FIELDS if name != "category" and data.get(name)
        ) + (1 if category is not None and not category_slug else 0),
    }  # fmt: skip
    if calendar_view:
        first = parse_month(params.get("month"), default=timezone.localdate())
        matches = filter_events(events, data, category=category, span=month_span(first))
        month = month_calendar(
            first,
            attach_ticket_summaries(matches[:MONTH_LIMIT]),
            today=timezone.localdate(),
        )
        context.update(
            month=month,
            previous_month_url=_url(
                path, timeless, view="calendar", month=f"{month.previous:%Y-%m}"
            ),
            next_month_url=_url(path, timeless, view="calendar", month=f"{month.next:%Y-%m}"),
            this_month_url=_url(path, timeless, view="calendar"),
        )
    else:
        page = Paginator(filter_events(events, data, category=category), PER_PAGE).get_page(
            params.get("page")
        )
        page.object_list = attach_ticket_summaries(page.object_list)
        context["events"] = page
    return context


def _query(params, *, drop=()) -> object:
    """A copy of the query parameters without `drop` (nor empty values)."""
    query = params.copy()
    for name in list(query):
        if name in drop or not any(query.getlist(name)):
            query.pop(name)
    return query


def _url(path: str, query, **extra) -> str:
    """`path?query&extra`, without empty parts; `path` alone when nothing is left."""
    query = query.copy()
    for name, value in extra.items():
        query.pop(name, None)
        if value:
            query[name] = value
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else (path or "?")


def active_filters(form, params, *, path: str, category, category_slug, index) -> list[dict]:
    """The filters in force, each as {"label", "remove_url"}: the same listing without it
    (back to the first page, the view kept). A category page's own category removes to the
    index with the same filters. Upcoming or past is a view (a tab), not a chip."""
    data = form.cleaned_data
    kept = _query(params, drop=("page",))
    chips = []

    def chip(label, name):
        chips.append({"label": label, "remove_url": _url(path, _query(kept, drop=(name,)))})

    if data.get("q"):
        chip(f"“{data['q']}”", "q")
    if data.get("date_from"):
        chip(_("From %(date)s") % {"date": formats.date_format(data["date_from"])}, "date_from")
    if data.get("date_to"):
        chip(_("Until %(date)s") % {"date": formats.date_format(data["date_to"])}, "date_to")
    if category is not None:
        if category_slug:
            chips.append({"label": category.name, "remove_url": _url(index.url or "", kept)})
        else:
            chip(category.name, "category")
    for name in ("format", "area", "language", "price"):
        value = data.get(name)
        if value:
            chip(dict(form.fields[name].choices).get(value, value), name)
    if data.get("featured"):
        chip(_("Featured only"), "featured")
    return chips


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
