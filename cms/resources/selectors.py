"""The library's reads that the listing, search, the API, media privacy and the admin share.

One rule everywhere (permissions.py): a members-only resource is open to users holding the
`resources.view_members_only` permission (the Member and Organizer roles, and Admins).
Everyone else meets the page as a teaser in listings (choice documented in
docs/architecture.md), a login redirect (anonymous) or a 403 (signed in without the role)
on the page, the download route and Wagtail's document URL, and nothing at all in the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from config.fulltext import search_terms

from .choices import Visibility
from .models.access import ResourceAccess
from .models.library import ResourceCategory, ResourcePage, ResourcePageTag
from .permissions import can_view_members_only

SEARCH_HITS_MAX = 500


def members_only_page_ids() -> QuerySet:
    """A subquery (no query of its own) of the pages hidden from non-members."""
    return ResourcePage.objects.filter(visibility=Visibility.MEMBERS).values("pk")


def restricted_document_ids() -> QuerySet:
    """Documents that a members-only resource links: guarded even when another, public
    resource links the same file (the stricter rule wins)."""
    return ResourcePage.objects.filter(
        visibility=Visibility.MEMBERS, document__isnull=False
    ).values("document_id")


def document_is_restricted(document) -> bool:
    return ResourcePage.objects.filter(visibility=Visibility.MEMBERS, document=document).exists()


# --- search: the body of a members-only resource is for members ---

TEASER_WORDS_MAX = 10


def teaser_matches(resources: QuerySet, terms: str) -> QuerySet:
    """The members-only resources among `resources` whose teaser (title and summary, which
    listings show everyone) holds every word of `terms`: how callers who may not open them
    find them. Matched by the database, never through the search index, which holds their
    members-only body too (a hit there would tell a visitor a word is in the body)."""
    words = terms.split()[:TEASER_WORDS_MAX]
    if not words:
        return resources.none()
    teaser = Q()
    for word in words:
        teaser &= Q(title__icontains=word) | Q(summary__icontains=word)
    return resources.filter(teaser, visibility=Visibility.MEMBERS)


def resource_search_ids(
    resources: QuerySet, terms: str, *, user, limit: int = SEARCH_HITS_MAX
) -> list[int]:
    """Ids of `resources` that match `terms` in what `user` may read, best first. Those who
    may open members-only resources search everything; anyone else searches public
    resources by their full text and members-only ones by their teaser only."""
    if can_view_members_only(user):
        return [hit.pk for hit in resources.search(terms)[:limit]]
    public = resources.filter(visibility=Visibility.PUBLIC)
    ids = [hit.pk for hit in public.search(terms)[:limit]]
    if len(ids) < limit:
        teasers = teaser_matches(resources, terms).order_by("title", "pk")
        ids += teasers.values_list("pk", flat=True)[: limit - len(ids)]
    return ids


# --- Wagtail content API (called from cms/api.py) ---


def api_pages(queryset: QuerySet, request) -> QuerySet:
    """Pages API: hide members-only resources from non-members (list, detail and find all
    start from get_queryset) and fetch what ResourcePage's API fields read, in bulk."""
    if not can_view_members_only(request.user):
        queryset = queryset.exclude(pk__in=members_only_page_ids())
    if queryset.model is ResourcePage:
        queryset = queryset.select_related("document").prefetch_related(
            "categories", Prefetch("tagged_items", ResourcePageTag.objects.select_related("tag"))
        )
    return queryset


def api_documents(queryset: QuerySet, request) -> QuerySet:
    """Documents API: files of members-only resources stay out for non-members."""
    if can_view_members_only(request.user):
        return queryset
    return queryset.exclude(pk__in=restricted_document_ids())


# --- the library listing ---


def category_choices(locale) -> list[tuple[ResourceCategory, int]]:
    """The locale's categories as (category, depth) in tree order, from one query."""
    categories = list(ResourceCategory.objects.filter(locale=locale).order_by("sort_order", "name"))
    children: dict[int | None, list[ResourceCategory]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    ordered: list[tuple[ResourceCategory, int]] = []

    def walk(parent_id, depth):
        for category in children.get(parent_id, []):
            ordered.append((category, depth))
            if depth < 10:
                walk(category.pk, depth + 1)

    walk(None, 0)
    return ordered


def category_with_descendants(category: ResourceCategory) -> list[int]:
    """The category's id and every descendant's, from one query."""
    rows = ResourceCategory.objects.filter(locale_id=category.locale_id).values_list(
        "pk", "parent_id"
    )
    children: dict[int, list[int]] = {}
    for pk, parent_id in rows:
        children.setdefault(parent_id, []).append(pk)
    found, frontier = [category.pk], [category.pk]
    while frontier:
        frontier = [
            child for pk in frontier for child in children.get(pk, []) if child not in found
        ]
        found.extend(frontier)
    return found


@dataclass
class ListingFilters:
    resource_type: str = ""
    category: ResourceCategory | None = None
    tag: str = ""
    q: str = ""
    featured_first: bool = True


def resource_listing(
    *, index, filters: ListingFilters, page_number, per_page: int, user=None
) -> PaginatorPage:
    """Live resources of a library, filtered, featured first when asked. Members-only ones
    are included: the template shows them as teasers to those who cannot open them, and
    the text search finds them by what `user` may read (resource_search_ids)."""
    resources = ResourcePage.objects.live().child_of(index)
    if filters.resource_type:
        resources = resources.filter(resource_type=filters.resource_type)
    if filters.category is not None:
        resources = resources.filter(
            categories__in=category_with_descendants(filters.category)
        ).distinct()
    if filters.tag:
        resources = resources.filter(tags__slug=filters.tag)
    if terms := search_terms(filters.q):  # words only: quotes break SQLite's FTS
        # Wagtail search ranks; the ORM filters. Search first, keep the best hits' ids.
        library = ResourcePage.objects.live().child_of(index)
        resources = resources.filter(pk__in=resource_search_ids(library, terms, user=user))
    ordering = ["-featured", "title"] if filters.featured_first else ["title"]
    resources = (
        resources.order_by(*ordering)
        .select_related("document", "image")
        .prefetch_related(
            "categories",
            "image__renditions",
            Prefetch("tagged_items", ResourcePageTag.objects.select_related("tag")),
        )
        .defer_streamfields()
    )
    return Paginator(resources, per_page).get_page(page_number)


def tags_in_library(index, limit: int = 30) -> list[dict]:
    """The library's most used tags (for the tag filter), from one query."""
    return list(
        ResourcePageTag.objects.filter(
            content_object__in=ResourcePage.objects.live().child_of(index)
        )
        .values("tag__name", "tag__slug")
        .annotate(uses=Count("id"))
        .order_by("-uses", "tag__name")[:limit]
    )


# --- admin report ---


def downloads_report(*, days: int = 30, limit: int = 50) -> dict:
    """Downloads per resource in the last `days` days and in total, most downloaded first,
    and downloads per day for the chart: two queries."""
    since = timezone.now() - timedelta(days=days)
    recent = Q(accesses__access_type=ResourceAccess.AccessType.DOWNLOAD) & Q(
        accesses__created_at__gte=since
    )
    resources = list(
        ResourcePage.objects.annotate(recent=Count("accesses", filter=recent))
        .filter(Q(recent__gt=0) | Q(download_count__gt=0))
        .select_related("locale")
        .order_by("-recent", "-download_count", "title")[:limit]
    )
    per_day_rows = (
        ResourceAccess.objects.filter(
            access_type=ResourceAccess.AccessType.DOWNLOAD, created_at__gte=since
        )
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    today = timezone.localdate()
    per_day = {today - timedelta(days=offset): 0 for offset in range(days - 1, -1, -1)}
    for row in per_day_rows:
        if row["day"] in per_day:
            per_day[row["day"]] += row["n"]
    return {"resources": resources, "per_day": per_day, "days": days}
