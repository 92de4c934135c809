"""Sold-out answers before the request stack.

In a rush for the last seats most hold requests end in "sold out". Each of those would cost
a full API request (sessions, rate limits, DRF, the counters' query and the run-out holds'
query), and together they would queue everyone's answer behind them.

So the hold service, when it has just found a public ticket type sold out (exactly, from
committed counters and run-out holds), notes that in its process for
`TICKETING_SOLD_OUT_SECONDS` (default 1), and `SoldOutMiddleware`, near the top of the stack,
answers further hold requests for that type with the API's own 409 `sold_out`: no session, no
rate-limit round trip, no query. docs/performance.md has the measurements that keep it.

The note only ever refuses; it never grants a seat, so it cannot oversell. It can be stale in
one direction only, and briefly: whatever frees seats or changes capacity in this process
(`inventory_recount`, a ticket type's save, an event's capacity change) clears the event's
notes at once and again after the commit, and notes in the other server processes (or one
written by a request that read the counters just before that commit) run out within
`TICKETING_SOLD_OUT_SECONDS`. The notes live in the process, not in the shared cache: a cache
round trip on every hold request would cost more than the rare extra slow "sold out" each
process answers itself.

One Django internal: the answer carries Django's own marker for a response already logged
(`_has_been_logged`, read by `django.utils.log.log_response`), so a rush does not log a
warning per buyer; tests/commerce/ticketing/test_soldout.py fails if Django stops reading it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

LARGEST_BODY = 4096  # a hold request is a few dozen bytes; anything else goes the long way

# ticket type id → (monotonic deadline, inventory id); dict operations are atomic
_notes: dict[int, tuple[float, int]] = {}


def seconds() -> float:
    return getattr(settings, "TICKETING_SOLD_OUT_SECONDS", 1)


def remember(ticket_type) -> None:
    """`ticket_type` has no seat left for anyone (hidden types are never noted: the answer
    would tell a stranger the type exists)."""
    from .models import TicketVisibility

    if seconds() > 0 and ticket_type.visibility == TicketVisibility.PUBLIC:
        _notes[ticket_type.pk] = (time.monotonic() + seconds(), ticket_type.inventory_id)


def noted(ticket_type_id: int) -> bool:
    note = _notes.get(ticket_type_id)
    if note is None:
        return False
    if note[0] <= time.monotonic():
        _notes.pop(ticket_type_id, None)
        return False
    return True


def forget(ticket_type_ids: Iterable[int]) -> None:
    for pk in ticket_type_ids:
        _notes.pop(pk, None)


def forget_events(inventory_ids: Iterable[int]) -> None:
    """Seats of these events may be free once the caller's transaction commits: clear their
    notes now, and again after the commit (a request in between may have read the counters
    from before it)."""
    inventory_ids = set(inventory_ids)

    def clear() -> None:
        forget([pk for pk, (_deadline, inventory) in list(_notes.items())
                if inventory in inventory_ids])  # fmt: skip

    clear()
    transaction.on_commit(clear)


def forget_all() -> None:
    _notes.clear()


def _requested_type(request) -> int | None:
    """The ticket type a JSON hold request names, or None (the view judges the rest)."""
    if request.content_type != "application/json":
        return None
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > LARGEST_BODY:
            return None
        data = json.loads(request.body)
    except (ValueError, RecursionError):  # the view (or RejectTooDeepJSON…) answers 400
        return None
    value = data.get("ticket_type") if isinstance(data, dict) else None
    if isinstance(value, str) and value.isdecimal():
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def sold_out_response(request) -> HttpResponse:
    """The API's own answer (config.api.errors shape) in the caller's language."""
    from rest_framework.renderers import JSONRenderer

    from config.api.errors import error_body

    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = JSONRenderer().render(error_body("sold_out", _("Sold out.")))
    response = HttpResponse(body, status=409, content_type="application/json")
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language, Cookie"
    # CommonMiddleware, which would set it, comes later in the stack; without it the
    # server sends the body chunked
    response["Content-Length"] = str(len(body))
    # an expected answer, not a fault: Django would log a warning for each buyer of a rush
    # (its own marker for a response already logged)
    response._has_been_logged = True
    return response


class SoldOutMiddleware:
    """Answers a hold request for a type noted sold out without the rest of the stack
    (sessions, rate limits, DRF, the database): see the module's docstring. Other requests
    pay a string comparison (and hold requests a small JSON parse)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if request.method == "POST":
            if self.path is None:
                self.path = reverse("v1:holds")
            if request.path_info == self.path:
                type_id = _requested_type(request)
                if type_id is not None and noted(type_id):
                    return sold_out_response(request)
        return self.get_response(request)
