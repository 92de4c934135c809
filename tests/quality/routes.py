"""Enumerate our API's routes and methods from its URLconf (what the matrix must cover)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

IGNORED_METHODS = {"options", "head", "trace"}


def api_routes(urlconf: str = "config.api.schema_urls") -> set[tuple[str, str]]:
    """{(METHOD, "/api/v1/…/")} for every view method reachable in `urlconf`."""
    found: set[tuple[str, str]] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None) or getattr(
                    pattern.callback, "view_class", None
                )
                methods = getattr(view, "http_method_names", [])
                for method in methods:
                    if method not in IGNORED_METHODS and hasattr(view, method):
                        found.add((method.upper(), "/" + route))

    walk(get_resolver(urlconf).url_patterns, "")
    return found
