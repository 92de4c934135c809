"""Whole-page cache for anonymous visitors of Wagtail pages.

Anonymous GETs without a query string are served from the cache; the first visitor renders
the page. Anything personal skips the cache: a signed-in user, pending flash messages, a
query string (search, filters, pagination), a response that sets a cookie (password-protected
pages, CSRF) or is not a plain 200. Publishing, unpublishing, moving or deleting any page, or
anything else that changes what pages show (`invalidate_pages()`), starts a new cache
generation, so no stale copy is ever served; old generations simply expire."""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.views import serve

VERSION_KEY = "pages:generation"
# what a cached copy must still say: calendar files are downloads, not pages
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def generation() -> int:
    """The current page-cache generation: part of every key that must not outlive a publish."""
    return cache.get_or_set(VERSION_KEY, 1, None)


def invalidate_pages(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.GET
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def cached_serve(request, path):
    if not _cacheable_request(request):
        return serve(request, path)
    key = f"page:v2:{generation()}:{request.get_host()}:{request.path}"
    hit = cache.get(key)
    if hit is not None:
        content, headers = hit
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        return response
    response = serve(request, path)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response.status_code == 200 and not response.cookies and not response.streaming:
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
    return response
