"""Crawl the server-rendered site as one identity, then probe what it found: every query
parameter a page reads, and every field of every form it shows.

Which parameters a page reads is recorded, not listed by hand: while a page renders,
`request.GET` remembers each key asked for (views, forms, paginators, middleware). A new
listing filter or form is fuzzed the day it ships."""

from __future__ import annotations

import re
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import QueryDict
from django.utils.functional import cached_property

from .hostile import HUGE

# What a visitor can type into a box or a query string; a subset of HOSTILE_VALUES (each
# probe is a full page render) with the search syntax and the numbers that broke pages.
SITE_VALUES = [
    "",
    "-1",
    HUGE,
    "9" * 40,
    "1e9",
    "²",
    "NaN",
    "[]",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "é" * 300,
    "x" * 5000,
    '"',
    '"unterminated phrase',
    "NEAR(a b)",
    "(*",
    "https://elsewhere.example/",
]
NOT_CRAWLED = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/_allauth/",
    "/static/",
    "/media/",
    "/documents/",
    "/health/",
)
NOT_POSTED = ("logout", "/i18n/")  # ending the session would end the crawl
MAX_FIELDS = 12

_read: set[str] = set()


class _RecordingQueryDict(QueryDict):
    def __getitem__(self, key):
        _read.add(key)
        return super().__getitem__(key)

    def getlist(self, key, default=None):
        _read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        _read.add(key)
        return super().__contains__(key)


@contextmanager
def recording_query_keys():
    """While active, every request's GET records the keys read from it."""
    from django.core.handlers.wsgi import get_bytes_from_wsgi

    original = WSGIRequest.__dict__["GET"]

    def recording(request):
        raw = get_bytes_from_wsgi(request.environ, "QUERY_STRING", "")
        return _RecordingQueryDict(raw, encoding=request._encoding)

    replacement = cached_property(recording)
    replacement.__set_name__(WSGIRequest, "GET")
    WSGIRequest.GET = replacement
    try:
        yield
    finally:
        WSGIRequest.GET = original


@dataclass
class Form:
    action: str
    fields: dict[str, str]
    multipart: bool


@dataclass
class Visit:
    url: str
    reads: set[str]
    forms: list[Form] = field(default_factory=list)


def _kind(response, url: str):
    """Pages of one kind are probed once: a view's route, or a page model (and whether a
    sub-route of it answered, as a blog's tag listing)."""
    context = getattr(response, "context", None)
    page = None
    if context is not None:
        try:
            page = context.get("page")
        except (AttributeError, KeyError):
            page = None
    if page is not None and hasattr(page, "specific_class"):
        return ("page", type(page).__name__, urlsplit(url).path == page.url)
    match = response.resolver_match
    route = match.route if match else urlsplit(url).path
    return ("view", re.sub(r"^/?(es|en)/", "", route))  # one language is enough


def _links(html: BeautifulSoup, base: str) -> list[str]:
    found = []
    for anchor in html.find_all("a", href=True):
        href = urljoin(base, anchor["href"])
        parts = urlsplit(href)
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
            continue
        if not parts.path.startswith(NOT_CRAWLED):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _forms(html: BeautifulSoup, base: str) -> list[Form]:
    forms = []
    for form in html.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = urljoin(base, form.get("action") or base)
        parts = urlsplit(action)
        if parts.netloc not in ("", "testserver") or any(x in parts.path for x in NOT_POSTED):
            continue
        fields: dict[str, str] = {}
        for element in form.find_all(["input", "select", "textarea"]):
            name = element.get("name")
            kind = (element.get("type") or "").lower()
            if not name or kind in ("file", "image", "reset") or name in fields:
                continue
            if kind in ("checkbox", "radio") and not element.has_attr("checked"):
                continue
            if element.name == "select":
                option = element.find("option", selected=True) or element.find("option")
                fields[name] = option.get("value", option.text) if option else ""
            elif element.name == "textarea":
                fields[name] = element.text
            else:
                fields[name] = element.get("value", "")
        multipart = (form.get("enctype") or "") == "multipart/form-data"
        forms.append(
            Form(parts.path + (f"?{parts.query}" if parts.query else ""), fields, multipart)
        )
    return forms


def _route_kind(url: str):
    """A page's kind from its URL alone, without rendering it: the view's route, or the
    Wagtail page it routes to. None when routing alone cannot tell."""
    from django.test import RequestFactory
    from django.urls import Resolver404, resolve
    from django.utils import translation
    from wagtail.models import Page

    path = urlsplit(url).path
    language = path.strip("/").split("/")[0]
    with translation.override(language if language in ("es", "en") else None):
        try:  # i18n_patterns resolve the prefix of the active language only
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return ("view", re.sub(r"^/?(es|en)/", "", match.route))
        try:
            page = Page.find_for_request(RequestFactory().get(path), match.args[0])
        except Exception:  # noqa: BLE001 - a page that cannot route is fetched to see why
            return None
    return None if page is None else ("route", type(page).__name__, path == page.url)


def crawl(
    client, starts: list[str], *, limit: int = 120, every_page: bool = False
) -> tuple[list[Visit], list[str]]:
    """Breadth-first from `starts`, one visit per kind of page. Returns the visits and any
    page that failed on its own (no hostile input yet).

    A link whose kind (by routing alone) was already fetched is not fetched again, unless
    `every_page`: one identity renders every linked page (the twelfth event page too),
    the others one page of each kind."""
    queue, queued = deque(starts), set(starts)
    kinds, visits, failures = set(), [], []
    routed = set()
    fetched = 0
    while queue and len(visits) < limit and fetched < limit * 6:
        url = queue.popleft()
        route_kind = None if every_page else _route_kind(url)
        if route_kind is not None and route_kind in routed:
            continue
        fetched += 1
        _read.clear()
        failure, response = _get(client, url)
        if failure:
            failures.append(failure)
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        if route_kind is not None:
            routed.add(route_kind)
        kind = _kind(response, url)
        if kind in kinds:
            continue
        kinds.add(kind)
        html = BeautifulSoup(response.content, "html.parser")
        visits.append(Visit(url, set(_read), _forms(html, url)))
        for link in _links(html, url):
            if link not in queued:
                queued.add(link)
                queue.append(link)
    return visits, failures


def _get(client, url: str, params: dict | None = None):
    try:
        with transaction.atomic():
            response = client.get(url, params)
    except Exception as exc:  # noqa: BLE001 - a crash is exactly what we are looking for
        return f"GET {url} {params!r}: raised {type(exc).__name__}: {exc}"[:500], None
    if response.status_code >= 500:
        return f"GET {url} {params!r}: {response.status_code}", response
    return None, response


def probe_query_strings(client, visits: list[Visit], values=SITE_VALUES) -> list[str]:
    failures = []
    for visit in visits:
        path, _sep, query = visit.url.partition("?")
        base = dict(parse_qsl(query))
        for key in sorted(visit.reads):
            for value in values:
                failure, _response = _get(client, path, {**base, key: value})
                if failure:
                    failures.append(failure)
                    break  # one failure per parameter says enough
    return failures


def probe_forms(client, visits: list[Visit], values=SITE_VALUES, *, login=None) -> list[str]:
    """Each field of each form, one hostile value at a time, the others as the page gave
    them. Every post is rolled back, so probes never depend on each other."""
    failures, seen = [], set()
    for visit in visits:
        for form in visit.forms:
            # one form per kind: ids in its action (archive notification 7, 8…) do not count
            key = (re.sub(r"\d+", "N", urlsplit(form.action).path), tuple(sorted(form.fields)))
            if key in seen:
                continue
            seen.add(key)
            if login is not None:
                login()
            names = sorted(form.fields)
            if len(names) > MAX_FIELDS:  # a matrix of 75 switches: a spread of them says enough
                names = names[:: -(-len(names) // MAX_FIELDS)]
            for name in names:
                if name == "csrfmiddlewaretoken":
                    continue
                for value in values:
                    failure = _post(client, form, {**form.fields, name: value})
                    if failure:
                        failures.append(f"{failure} (form on {visit.url}, field {name!r})")
                        break
    return failures


def _post(client, form: Form, data: dict) -> str | None:
    try:
        with transaction.atomic():
            if form.multipart:
                response = client.post(form.action, data)
            else:
                response = client.post(
                    form.action, urlencode(data), content_type="application/x-www-form-urlencoded"
                )
            transaction.set_rollback(True)
    except Exception as exc:  # noqa: BLE001
        return f"POST {form.action}: raised {type(exc).__name__}: {exc}"[:500]
    if response.status_code >= 500:
        return f"POST {form.action}: {response.status_code}"
    return None
