"""Shared probe: send hostile query parameters to a listing; collect every 5xx or crash."""

from __future__ import annotations

from django.db import transaction


def probe_listing(client, url: str, params: dict[str, str]) -> str | None:
    """None if the response is a success or a 4xx with a message; else what went wrong."""
    try:
        with transaction.atomic():  # a failed query must not poison the next probe
            response = client.get(url, params)
    except Exception as exc:  # noqa: BLE001 - a crash is exactly what we are looking for
        return f"{url} {params!r}: raised {type(exc).__name__}: {exc}"[:500]
    if response.status_code >= 500:
        return f"{url} {params!r}: {response.status_code}"
    if 400 <= response.status_code < 500:
        body = response.json() if response["Content-Type"].startswith("application/json") else {}
        message = body.get("message") or body.get("error", {}).get("message")
        if not message:
            return f"{url} {params!r}: {response.status_code} without a message"
    return None
