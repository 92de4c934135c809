"""The API's rate limits, counted in fixed windows: one cache increment per limit and
request.

DRF's throttles keep each client's request times in a cached list that is read and written
back whole on every request: two cache round trips per limit, and a list as long as the rate.
These keep one counter per client and window instead, and a view's limits are counted
together: on Redis one script call for all of them (`INCR`, and `EXPIRE` on a window's first
request, per counter: one command to send and one reply to read, where a pipeline of
`SET … NX EX` + `INCR` per counter cost more client CPU), elsewhere `incr` per counter
(`add` for a window's first request). The price is the usual one of fixed windows: a client
can send up to twice the rate across a window's edge.

The counters live in the "throttles" cache, never in the default one that anonymous
requests fill with pages (config/caches.py): there, a flood of distinct URLs could evict
them and reopen a client's quota. A client is its connection's address (or, behind our
proxy, the one the proxy appended: NUM_PROXIES), never a header it wrote itself."""

from __future__ import annotations

import functools

from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from rest_framework import throttling

# KEYS: the counters; ARGV: each one's window in seconds. Atomic, so a counter never lives
# without its expiry.
COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, ARGV[i]) end
  counts[i] = count
end
return counts
"""


@functools.cache
def _script(client):
    """The counting script, registered once per Redis client (redis-py sends it by its
    SHA and loads it again if the server has forgotten it)."""
    return client.register_script(COUNT_SCRIPT)


def _count(cache, windows: list[tuple[str, int]]) -> list[int]:
    """Add one request to each (key, seconds) counter; their new values."""
    client = getattr(cache, "client", None)
    if client is not None and hasattr(client, "get_client"):  # django-redis: one round trip
        redis = client.get_client(write=True)
        keys = [cache.make_and_validate_key(key) for key, _seconds in windows]
        return [int(n) for n in _script(redis)(keys, [seconds for _key, seconds in windows])]
    counts = []
    for key, seconds in windows:
        try:
            counts.append(cache.incr(key))
        except ValueError:  # the window's first request (or its counter was evicted)
            counts.append(1 if cache.add(key, 1, seconds) else cache.incr(key))
    return counts


class FixedWindowRateThrottle(throttling.SimpleRateThrottle):
    cache = ConnectionProxy(caches, "throttles")

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = int(self.timer())
        window = now - now % self.duration
        self.retry_in = window + self.duration - now
        counts = getattr(request, "_throttle_counts", None)
        if counts is None:  # the view's first limit counts for all of them
            counts = request._throttle_counts = self._count_all(request, view, now)
        key = f"{self.key}:{window}"
        count = counts[key] if key in counts else _count(self.cache, [(key, self.duration)])[0]
        return count <= self.num_requests

    def _count_all(self, request, view, now: int) -> dict[str, int]:
        windows = [
            window
            for throttle in view.get_throttles()
            if isinstance(throttle, FixedWindowRateThrottle)
            and (window := throttle.window(request, view, now)) is not None
        ]
        counts = _count(self.cache, windows) if windows else []
        return dict(zip((key for key, _seconds in windows), counts, strict=True))

    def window(self, request, view, now: int) -> tuple[str, int] | None:
        """This limit's counter for the request: (key, seconds), or None if it has none."""
        if self.rate is None or (key := self.get_cache_key(request, view)) is None:
            return None
        return f"{key}:{now - now % self.duration}", self.duration

    def wait(self) -> float:
        return max(1, getattr(self, "retry_in", self.duration))


# DRF's classes first: their scope and key rules, then the counting above
class AnonRateThrottle(throttling.AnonRateThrottle, FixedWindowRateThrottle):
    pass


class UserRateThrottle(throttling.UserRateThrottle, FixedWindowRateThrottle):
    pass


class ScopedRateThrottle(throttling.ScopedRateThrottle, FixedWindowRateThrottle):
    def window(self, request, view, now: int) -> tuple[str, int] | None:
        # DRF reads the view's scope and its rate only in allow_request
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return None
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().window(request, view, now)
