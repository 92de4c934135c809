"""Query budgets: a listing costs the same number of SQL queries for 1 item as for 20."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], object]) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        fetch()
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def assert_constant_queries(
    fetch: Callable[[], object], make_item: Callable[[], object], *, budget: int
) -> int:
    """Call `fetch` (one request) with 1 item and with 20; both must cost the same number
    of queries, at most `budget`. Returns that number."""
    make_item()
    fetch()  # warm per-process caches (site, locale, content types)
    one, _ = count_queries(fetch)
    for _ in range(19):
        make_item()
    twenty, sql = count_queries(fetch)
    assert one == twenty, (
        f"{one} queries for 1 item but {twenty} for 20: an N+1 in the listing.\n" + "\n".join(sql)
    )
    assert twenty <= budget, f"{twenty} queries, over the budget of {budget}:\n" + "\n".join(sql)
    return twenty
