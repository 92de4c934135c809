from wagtail.models import Locale, Page

from cms.resources.models import ResourcePage
from cms.resources.permissions import can_view_members_only
from cms.resources.selectors import members_only_page_ids, teaser_matches
from config.fulltext import search_terms


def page_search(*, query: str, locale: Locale | None = None, user=None, limit: int = 20):
    """Live pages in the visitor's language that match `query`, best first, by what `user`
    may read (None: an anonymous visitor). Without the members' rights, members-only
    resources are found by their teaser (title and summary) only, never by their body, and
    come after the ranked hits."""
    terms = search_terms(query)
    if not terms:
        return []
    pages = Page.objects.live().public()
    if locale is not None:
        pages = pages.filter(locale=locale)
    if can_view_members_only(user):
        return list(pages.specific().search(terms)[:limit])
    hits = list(pages.exclude(pk__in=members_only_page_ids()).specific().search(terms)[:limit])
    if len(hits) < limit:
        resources = ResourcePage.objects.live().public()
        if locale is not None:
            resources = resources.filter(locale=locale)
        hits += teaser_matches(resources, terms).order_by("title", "pk")[: limit - len(hits)]
    return hits
