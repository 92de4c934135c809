"""The stores that keep security state (config/caches.py says what goes where), and the
wiring that puts allauth's state in them.

allauth keeps its rate limits and its used-token marks in `django.core.cache.cache` and has
no setting to choose another alias, so `route_allauth_state()` points the two modules that
hold them at the "security" alias. Those are allauth internals: if an upgrade moves them,
start-up fails loudly rather than letting lockouts drift back into the evictable cache
(tests/config/test_security_store.py checks that a failed login lands in the right store).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.utils.connection import ConnectionProxy

SECURITY_ALIAS = "security"
# the allauth modules whose module-level `cache` holds security state
ALLAUTH_STATE_MODULES = (
    "allauth.core.internal.ratelimit",  # rate limits and login lockouts
    "allauth.socialaccount.internal.jwtkit",  # OAuth ID tokens already used (replays)
)


class SecurityDatabaseCache(DatabaseCache):
    """Django's database cache that never forgets a live entry: past MAX_ENTRIES rows a
    write first deletes the expired rows, and only those (Django's would then delete a
    third of the live ones, in key order)."""

    def _cull(self, db, cursor, now, num):
        # the table's name is ours (settings), quoted; the only value is a parameter
        connection = connections[db]
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(self._table)} "  # noqa: S608  # nosec B608
            f"WHERE {connection.ops.quote_name('expires')} < %s",
            [connection.ops.adapt_datetimefield_value(now)],
        )


class ProcessCounterCache(LocMemCache):
    """Local memory that never forgets a live entry: past MAX_ENTRIES entries a write first
    drops the expired ones, and only those (Django's would drop a third of the others)."""

    def _cull(self):
        now = time.time()
        expired = [
            key for key, expiry in self._expire_info.items() if expiry is not None and expiry <= now
        ]
        for key in expired:
            self._delete(key)


def route_allauth_state() -> None:
    import importlib

    for name in ALLAUTH_STATE_MODULES:
        module = importlib.import_module(name)
        if not isinstance(getattr(module, "cache", None), ConnectionProxy):
            raise ImproperlyConfigured(
                f"{name} no longer keeps its state in a module-level `cache`: find where "
                "this allauth version stores rate limits and route them to the "
                f'"{SECURITY_ALIAS}" cache (config/security.py).'
            )
        module.cache = ConnectionProxy(caches, SECURITY_ALIAS)


def _redis_locations(settings) -> dict[str, str]:
    """Redis servers holding state that must not be evicted: {location: alias}."""
    found = {}
    for alias in (SECURITY_ALIAS, "throttles"):
        config = settings.CACHES.get(alias, {})
        if "redis" in config.get("BACKEND", "").lower():
            location = config["LOCATION"]
            for url in location if isinstance(location, list | tuple) else [location]:
                found.setdefault(url, alias)
    return found


def eviction_problem(url: str) -> str | None:
    """Why the Redis at `url` may evict security state, or None if it cannot."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        config = client.config_get("maxmemory*")
    finally:
        client.close()
    policy = config.get("maxmemory-policy", "noeviction")
    if int(config.get("maxmemory", 0) or 0) == 0 or policy == "noeviction":
        return None
    return f"maxmemory-policy is {policy}"


def check_security_redis(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A Redis that evicts keys when full may forget login lockouts and API counters."""
    from django.conf import settings

    messages: list[checks.CheckMessage] = []
    for url, alias in _redis_locations(settings).items():
        parts = urlsplit(url)  # named without its password
        where = f"{parts.hostname}:{parts.port or 6379}{parts.path}"
        try:
            problem = eviction_problem(url)
        except Exception as exc:  # unreachable, or CONFIG disabled (managed Redis)
            messages.append(
                checks.Info(
                    f'Could not read the eviction policy of the "{alias}" Redis ({where}): '
                    f"{type(exc).__name__}.",
                    hint="It must run with maxmemory-policy noeviction (or maxmemory 0).",
                    id="platform.I001",
                )
            )
            continue
        if problem:
            messages.append(
                checks.Warning(
                    f'The "{alias}" Redis ({where}) may evict login lockouts and rate limits: '
                    f"{problem}.",
                    hint=(
                        "Run it with maxmemory-policy noeviction, or give security state its "
                        "own Redis with SECURITY_REDIS_URL (config/caches.py)."
                    ),
                    id="platform.W001",
                )
            )
    return messages
