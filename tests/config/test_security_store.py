"""Issue #19: login lockouts and API throttles hold, whatever anonymous clients request.

An anonymous flood of invented URLs used to fill the one local-memory cache (300 entries, a
third culled when full) with cached API answers, evicting the failed-login history and the
API's counters with them. Security state now lives apart (config/caches.py), and the
page/API caches keep only what invented URLs cannot multiply (cms/cache.py)."""

import os
import random
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from config.caches import cache_settings

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs Redis (set REDIS_URL)")


def _flood(client, requests=400, seed=19):
    """Anonymous GETs with invented query strings, each from its own address."""
    rng = random.Random(seed)
    for i in range(requests):
        token = f"{rng.getrandbits(48):x}"
        url = rng.choice(
            [
                f"/api/v2/pages/?search={token}",
                f"/api/v2/pages/?offset={rng.randrange(1000, 10**6)}",
                f"/api/v2/pages/?order=random&limit={rng.randrange(1, 50)}",
                f"/api/v2/pages/?type=home.StandardPage&title={token}",
                f"/api/v2/pages/?limit=0{rng.randrange(1, 50)}",
                f"/api/v2/pages/?{token}=1",
                f"/es/?{token}=1",
            ]
        )
        client.get(url, REMOTE_ADDR=f"10.{i // 250 % 250}.{i % 250}.7")


def _login(client, email, password):
    return client.post("/es/auth/login/", {"login": email, "password": password})


def test_a_locked_account_stays_locked_through_a_flood_of_anonymous_requests(
    client, settings, member, password
):
    settings.PAGE_CACHE_SECONDS = 300  # the API caches anonymous answers, as in production
    for _ in range(5):
        assert "_auth_user_id" not in _login(client, member.email, "wrong").wsgi_request.session
    assert "Demasiados intentos" in _login(client, member.email, password).content.decode()

    _flood(client)

    response = _login(client, member.email, password)
    assert "_auth_user_id" not in client.session
    assert "Demasiados intentos" in response.content.decode()


def _keys(alias):
    store = caches[alias]
    if hasattr(store, "keys"):  # Redis
        return list(store.keys("*"))
    if alias == "security" and not REDIS_URL:
        from config.models import SecurityCacheEntry

        return list(SecurityCacheEntry.objects.values_list("cache_key", flat=True))
    return list(store._cache)


def test_allauth_keeps_its_rate_limits_in_the_security_store(client, member):
    _login(client, member.email, "wrong")
    assert any("login_failed" in key for key in _keys("security"))
    if not REDIS_URL:  # with Redis, both aliases list the same server
        assert not any("allauth" in key for key in _keys("default"))


@pytest.fixture(params=["no-redis", pytest.param("redis", marks=needs_redis)])
def production_caches(request):
    """The caches production builds, with or without Redis (test settings share the
    default cache's memory with the counters so that each test starts empty)."""
    prefix = f"test-store-{uuid.uuid4().hex[:8]}"
    layout = cache_settings(REDIS_URL if request.param == "redis" else "", key_prefix=prefix)
    with override_settings(CACHES=layout):
        if request.param == "no-redis":
            caches["throttles"].clear()
        yield request.param
        if request.param == "redis":
            caches["default"].delete_pattern("*")
        else:
            caches["throttles"].clear()


def test_api_throttle_counters_survive_a_flood_of_invented_urls(
    client, settings, monkeypatch, production_caches
):
    from rest_framework.throttling import SimpleRateThrottle

    settings.PAGE_CACHE_SECONDS = 300
    # a day's window, so that no window turns while the test runs
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "5/day", "user": "1000/day"})
    statuses = [client.get("/api/v2/pages/", REMOTE_ADDR="192.0.2.9").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]

    _flood(client)

    assert client.get("/api/v2/pages/", REMOTE_ADDR="192.0.2.9").status_code == 429


def test_a_forwarded_for_header_does_not_make_a_new_client(client, settings, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/day", "user": "9/day"})
    statuses = [
        client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]

    # behind our proxy (BEHIND_PROXY): the address it appended counts, not the client's own
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    statuses = [
        client.get(
            "/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.5"
        ).status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


# --- what anonymous requests can put in the page and content-API caches ---------------------


def _copies():
    if hasattr(cache, "keys"):  # Redis: keys without their prefix
        return {key for key in cache.keys("*") if key.startswith(("page:", "api:"))}
    return {key for key in cache._cache if ":page:" in key or ":api:" in key}


def test_invented_query_strings_and_hosts_add_nothing_to_the_cache(client, settings, demo_site):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/api/v2/pages/?limit=5&type=home.StandardPage")["X-Page-Cache"] == "miss"
    assert client.get("/es/")["X-Page-Cache"] == "miss"
    before = _copies()

    _flood(client, requests=150)
    for port in range(8000, 8030):  # a Host header's port is the client's to choose
        client.get("/es/", HTTP_HOST=f"testserver:{port}")

    assert _copies() == before
    # the same question with its parameters in another order is the same copy
    assert client.get("/api/v2/pages/?type=home.StandardPage&limit=5")["X-Page-Cache"] == "hit"


def test_no_more_than_the_allowance_of_new_copies_per_window(client, settings, demo_site):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_NEW = 2
    first = [client.get("/api/v2/pages/", {"limit": n}) for n in (1, 2, 3)]
    assert [r.get("X-Page-Cache") for r in first] == ["miss", "miss", None]
    assert client.get("/api/v2/pages/", {"limit": 1})["X-Page-Cache"] == "hit"
    assert client.get("/api/v2/pages/", {"limit": 3}).get("X-Page-Cache") is None
    assert client.get("/es/").get("X-Page-Cache") is None  # pages share the allowance


def test_a_lost_generation_never_brings_back_an_older_copy(client, settings, demo_site):
    from cms.cache import VERSION_KEY
    from cms.home.models import StandardPage

    settings.PAGE_CACHE_SECONDS = 300
    about = StandardPage.objects.get(slug="acerca", locale__language_code="es")
    cache.delete(VERSION_KEY)  # a fresh cache: its first generation
    assert client.get(about.url)["X-Page-Cache"] == "miss"
    about.title = "Acerca de nosotros, de nuevo"
    about.save_revision().publish()  # a new generation
    cache.delete(VERSION_KEY)  # … which the cache then loses (evicted, restarted)

    response = client.get(about.url)
    assert response.get("X-Page-Cache") != "hit"
    assert "Acerca de nosotros, de nuevo" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "kept_as"),
    [
        ("limit=5&type=home.StandardPage", "type=home.StandardPage&limit=5"),
        ("limit=5&offset=0", "offset=0&limit=5"),
        ("search=ia", None),  # free text: every query a new copy
        ("search_operator=and&limit=2", None),
        ("order=random", None),
        ("order=-random", None),
        ("limit=05", None),  # the same number under another key
        ("limit=+5", None),
        ("limit=%205", None),
        ("limit=%D9%A5", None),  # Arabic-Indic five
        ("limit=5&limit=6", None),
    ],
)
def test_api_answers_are_filed_under_their_parameters_sorted(rf, query, kept_as):
    from cms.cache import api_cache_query

    key = api_cache_query(rf.get(f"/api/v2/pages/?{query}"))
    assert key == (kept_as and api_cache_query(rf.get(f"/api/v2/pages/?{kept_as}")))
    assert key is None or len(key) == 64


# --- the stores themselves ---------------------------------------------------------------


def test_the_database_store_sweeps_expired_rows_and_never_a_live_one():
    from datetime import timedelta

    from django.utils import timezone

    from config.models import SecurityCacheEntry
    from config.security import SecurityDatabaseCache

    store = SecurityDatabaseCache("security_cache", {"OPTIONS": {"MAX_ENTRIES": 3}})
    past = timezone.now() - timedelta(minutes=1)
    SecurityCacheEntry.objects.create(cache_key=":1:old", value="", expires=past)
    for n in range(8):
        store.set(f"live-{n}", n, 600)
    assert [store.get(f"live-{n}") for n in range(8)] == list(range(8))
    assert not SecurityCacheEntry.objects.filter(cache_key=":1:old").exists()


def test_the_process_counters_drop_expired_windows_and_never_a_live_one():
    from config.security import ProcessCounterCache

    store = ProcessCounterCache(f"counters-{uuid.uuid4().hex}", {"OPTIONS": {"MAX_ENTRIES": 3}})
    store.set("old", 1, -1)  # a window that has ended
    for n in range(8):
        store.add(f"live-{n}", n, 600)
    assert [store.get(f"live-{n}") for n in range(8)] == list(range(8))
    assert "old" not in {key.rsplit(":", 1)[-1] for key in store._cache}


def test_a_security_redis_that_evicts_is_warned_about(monkeypatch):
    from config import security

    layout = cache_settings("redis://127.0.0.1:6379/5", key_prefix="x")
    configs = {"maxmemory": "0", "maxmemory-policy": "allkeys-lru"}

    class FakeRedis:
        def config_get(self, pattern):
            return configs

        def close(self):
            pass

    monkeypatch.setattr("redis.Redis.from_url", lambda *args, **kwargs: FakeRedis())
    with override_settings(CACHES=layout):
        assert security.check_security_redis() == []  # no memory limit: nothing is evicted
        configs["maxmemory"] = str(2**30)
        (warning,) = security.check_security_redis()
        assert warning.id == "platform.W001" and "allkeys-lru" in warning.msg
        configs["maxmemory-policy"] = "volatile-lru"  # every security key has an expiry
        assert [m.id for m in security.check_security_redis()] == ["platform.W001"]
        configs["maxmemory-policy"] = "noeviction"
        assert security.check_security_redis() == []


@needs_redis
def test_the_eviction_check_reads_a_real_redis():
    from config.security import eviction_problem

    assert eviction_problem(REDIS_URL) in (None, *(f"maxmemory-policy is {p}" for p in POLICIES))


POLICIES = ("allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu",
            "volatile-random", "volatile-ttl")  # fmt: skip
