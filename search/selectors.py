import re

from wagtail.models import Locale, Page

# Visitors type words, not query syntax: quotes, operators and brackets mean nothing to them
# and some break the database's full-text parser (SQLite's FTS5 on a lone ").
_NOT_A_WORD = re.compile(r"[^\w\s'-]+")


def search_terms(query: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", query).split())


def page_search(*, query: str, locale: Locale | None = None, limit: int = 20):
    """Live pages in the visitor's language that match `query`, best first."""
    terms = search_terms(query)
    if not terms:
        return []
    pages = Page.objects.live().public().specific()
    if locale is not None:
        pages = pages.filter(locale=locale)
    return list(pages.search(terms)[:limit])
