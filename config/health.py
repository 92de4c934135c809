"""/health/: is this instance able to serve? 200 when the database, the cache and the task
broker answer; 503 (with the failing part named) otherwise. Cheap enough for a load balancer."""

import time
import uuid

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check() or {}
    except Exception as exc:  # any failure of a dependency is reported, never raised
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **detail}


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache() -> dict:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    if cache.get(key) != "ok":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)
    return {"backend": caches["default"].__class__.__name__}


def _queue() -> dict:
    from django_q.brokers import get_broker
    from django_q.conf import Conf
    from django_q.status import Stat

    broker = get_broker()
    if not broker.ping():
        raise RuntimeError("task broker did not answer")
    detail = {"broker": broker.__class__.__name__, "sync": bool(Conf.SYNC)}
    detail["queued"] = broker.queue_size()
    if isinstance(caches["default"], LocMemCache):
        # Workers publish their heartbeat in the cache; a per-process cache cannot show it.
        detail["clusters"] = None
    else:
        detail["clusters"] = len(Stat.get_all(broker=broker))
    return detail


@never_cache
@require_GET
def health(request):
    checks = {"database": _timed(_database), "cache": _timed(_cache), "queue": _timed(_queue)}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
