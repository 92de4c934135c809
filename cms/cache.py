"""Whole-page cache for anonymous visitors of Wagtail pages, and the content API's (cms/api.py).

Anonymous GETs without a query string are served from the cache; the first visitor renders
the page. Anything personal skips the cache: a signed-in user, pending flash messages, a
query string (search, filters, pagination), a response that sets a cookie (password-protected
pages, CSRF) or is not a plain 200. Publishing, unpublishing, moving or deleting any page, or
anything else that changes what pages show (`invalidate_pages()`), starts a new cache
generation, so no stale copy is ever served; old generations simply expire.

What anonymous requests can add is bounded, so that invented URLs can neither fill the
cache nor churn out what it holds:
- a copy is kept only for a host the platform answers to by name (SITE_URL's, or one
  ALLOWED_HOSTS lists literally), never for a Host header's made-up port or subdomain;
- a page only without a query string, filed under its path;
- an API answer only when each parameter appears once, none is free text (`search`) or a
  random order, numbers are written plainly, and a listing found something; it is filed
  under its parameters sorted, so their order does not matter (unknown parameters are a
  400, which is never kept);
- and whatever the URLs, at most PAGE_CACHE_MAX_NEW new copies per PAGE_CACHE_SECONDS;
  past that, answers are served uncached until the window turns."""

from __future__ import annotations

import hashlib
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.views import serve

VERSION_KEY = "pages:generation"
# what a cached copy must still say: calendar files are downloads, not pages
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
# content-API parameters whose every value is a new answer: never cached
FREE_TEXT_PARAMETERS = frozenset({"search", "search_operator"})


def generation() -> int:
    """The current page-cache generation: part of every key that must not outlive a publish.

    A clock reading, not a counter: if the cache loses it, the next one is new, never an
    earlier generation whose copies may still be stored."""
    return cache.get_or_set(VERSION_KEY, time.time_ns, None)


def invalidate_pages(**kwargs) -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def cache_host(request) -> str | None:
    """The request's host if copies may be kept for it, else None."""
    host = request.get_host()
    if host == urlsplit(settings.SITE_URL).netloc:
        return host
    literal = (name for name in settings.ALLOWED_HOSTS if not name.startswith((".", "*")))
    return host if host in literal else None


def admit_copy() -> bool:
    """Count one new copy in this window's allowance; False once it is spent."""
    seconds = settings.PAGE_CACHE_SECONDS
    now = int(time.time())
    key = f"pages:admitted:{now - now % seconds}"
    try:
        count = cache.incr(key)
    except ValueError:  # the window's first copy
        count = 1 if cache.add(key, 1, seconds) else cache.incr(key)
    return count <= settings.PAGE_CACHE_MAX_NEW


def api_cache_query(request) -> str | None:
    """What an API answer's parameters file it under, or None if it must not be kept."""
    items = []
    for name, values in request.GET.lists():
        if len(values) != 1 or name in FREE_TEXT_PARAMETERS:
            return None
        value = values[0]
        if name == "order" and value.lstrip("-") == "random":
            return None
        # a number only as written plainly: 007, +7, " 7" or Arabic-Indic ٧ are 7 again
        if value != value.strip() or (value[:1] == "+" and value[1:].isdecimal()):
            return None
        if value.isdecimal() and not (value.isascii() and (value == "0" or value[0] != "0")):
            return None
        items.append((name, value))
    # hashed: a key's length is not the client's to choose
    return hashlib.sha256(urlencode(sorted(items)).encode()).hexdigest()


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.GET
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def cached_serve(request, path):
    if not _cacheable_request(request) or (host := cache_host(request)) is None:
        return serve(request, path)
    key = f"page:v2:{generation()}:{host}:{request.path}"
    hit = cache.get(key)
    if hit is not None:
        content, headers = hit
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        return response
    response = serve(request, path)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and admit_copy()
    ):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
    return response
