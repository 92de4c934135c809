"""The API's rate limits, counted in fixed windows: one cache increment per limit and
request.

DRF's throttles keep each client's request times in a cached list that is read and written
back whole on every request: two cache round trips per limit, and a list as long as the rate.
These keep one counter per client and window instead (`incr`; `add` only for a window's
first request). The price is the usual one of fixed windows: a client can send up to twice
the rate across a window's edge."""

from __future__ import annotations

from rest_framework import throttling


class FixedWindowRateThrottle(throttling.SimpleRateThrottle):
    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = int(self.timer())
        window = now - now % self.duration
        key = f"{self.key}:{window}"
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request (or its counter was evicted)
            count = 1 if self.cache.add(key, 1, self.duration) else self.cache.incr(key)
        self.retry_in = window + self.duration - now
        return count <= self.num_requests

    def wait(self) -> float:
        return max(1, getattr(self, "retry_in", self.duration))


# DRF's classes first: their scope and key rules, then the counting above
class AnonRateThrottle(throttling.AnonRateThrottle, FixedWindowRateThrottle):
    pass


class UserRateThrottle(throttling.UserRateThrottle, FixedWindowRateThrottle):
    pass


class ScopedRateThrottle(throttling.ScopedRateThrottle, FixedWindowRateThrottle):
    pass
