from wagtail.models import Locale, Page


def page_search(*, query: str, locale: Locale | None = None, limit: int = 20):
    """Live pages in the visitor's language that match `query`, best first."""
    pages = Page.objects.live().public().specific()
    if locale is not None:
        pages = pages.filter(locale=locale)
    return pages.search(query)[:limit]
