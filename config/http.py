"""What site views read from a request that a visitor controls: where to go next, and ids.

Every `next` and every id taken from a form or a query string goes through here, so an
off-site redirect or an id too large for the database column has one place to be refused."""

from __future__ import annotations

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

# The largest value a 64-bit signed integer column holds (BigAutoField, SQLite's INTEGER).
MAX_ID = 2**63 - 1


def safe_next(request, fallback: str = "", *, field: str = "next") -> str:
    """The request's `next` (POST first, then GET) if it is a path on this site; else
    `fallback` (a URL or a URL pattern name). Django's own check: no other host, no other
    scheme, no `//elsewhere` or `\\elsewhere` tricks. Only absolute paths: `redirect()`
    would read a bare word (`-1`) as a URL pattern name."""
    candidate = request.POST.get(field) or request.GET.get(field) or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(fallback) if fallback else ""


def parse_id(value) -> int | None:
    """A database id from untrusted text: 1 to MAX_ID in ASCII digits, else None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_ids(values) -> list[int] | None:
    """Every value a valid id, or None: a form that names one bad id is refused whole."""
    ids = [parse_id(value) for value in values]
    return None if any(i is None for i in ids) else ids
