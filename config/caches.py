"""The platform's caches: what may be forgotten, and what must not be.

- "default": rendered pages, content-API answers, menus, sessions' copies: anything that can
  be built again. Evicting it costs time, never safety.
- "security": allauth's rate limits (failed logins per account and per address, sign-ups,
  password resets, login codes) and the marks of OAuth tokens already used. An attacker
  gains by having these forgotten, so they never share a store with what anonymous
  requests can fill.
- "throttles": the API's request counters (config/api/throttling.py).

With Redis, the security state and the counters live in SECURITY_REDIS_URL (REDIS_URL when
unset). That server must not evict them: `maxmemory 0` or `maxmemory-policy noeviction`.
Every key there carries an expiry, so `volatile-*` policies evict them too; a Redis that
also holds the page cache and runs `allkeys-lru` is fine for "default" only (the platform
warns at start-up otherwise: config/security.py).

Without Redis, the security state lives in the database (a table that only expires, never
culls: shared by every process, untouched by the page cache), and the counters in each
process's memory, in a store that likewise drops only expired windows. Counting in the
database would make every API request a write (on SQLite one at a time), so without Redis
each process counts its own clients: a limit holds per process.

Kept free of Django imports: settings modules call it.
"""

from __future__ import annotations

# Rows in the security table past which a write first deletes the expired ones; live rows
# are never deleted, however many there are.
SECURITY_SWEEP_ROWS = 10_000
# Likewise for the in-process counters.
THROTTLE_SWEEP_ENTRIES = 100_000


def _redis(url: str, key_prefix: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
    }


def cache_settings(redis_url: str, *, key_prefix: str, security_redis_url: str = "") -> dict:
    """CACHES for Redis at `redis_url`, or for no Redis when it is empty."""
    if redis_url:
        security = _redis(security_redis_url or redis_url, key_prefix)
        return {
            "default": _redis(redis_url, key_prefix),
            "security": security,
            "throttles": dict(security),
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "security": {
            "BACKEND": "config.security.SecurityDatabaseCache",
            "LOCATION": "security_cache",  # config.models.SecurityCacheEntry
            "OPTIONS": {"MAX_ENTRIES": SECURITY_SWEEP_ROWS},
        },
        "throttles": {
            "BACKEND": "config.security.ProcessCounterCache",
            "LOCATION": "throttles",
            "OPTIONS": {"MAX_ENTRIES": THROTTLE_SWEEP_ENTRIES},
        },
    }
