"""pytest: SQLite in memory unless DATABASE_URL says otherwise (CI sets PostgreSQL)."""

import os

# django-q2 reads its configuration when it is first imported: force synchronous tasks
# before anything imports it.
os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from config.caches import cache_settings  # noqa: E402
from config.env import env  # noqa: E402

from .base import *  # noqa: E402, F403
from .base import Q_CLUSTER  # noqa: E402

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = ["*"]
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILAPI_BASE_URL = SITE_URL

if "DATABASE_URL" not in os.environ:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

# Tasks run inline in tests; Q_SYNC=0 lets a test start a real worker process.
Q_CLUSTER = {**Q_CLUSTER, "sync": env.bool("Q_SYNC", default=True)}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SERVE_MEDIA = True  # the in-memory storage, for pages the browser tests load
PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on themselves
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Production's layout of caches (config/caches.py); Redis when CI provides it. Each test
# starts clean: the per-test fixture empties the default cache (with Redis, every alias:
# they share its key prefix), and the security table rolls back with the test. Without
# Redis the API's counters share the default cache's memory so that the fixture empties
# them too (tests/config/test_security_store.py attacks production's separate store).
REDIS_URL = env("REDIS_URL", default="")
CACHES = cache_settings(REDIS_URL, key_prefix=f"test-{os.getpid()}")
if not REDIS_URL:
    CACHES["throttles"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# Production's session engine with either cache, so query budgets count the same requests
# with and without Redis (one test process, so the local cache cannot serve a stale session).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
STRIPE_API_BASE = "http://127.0.0.1:8420"
STRIPE_SECRET_KEY = "sk_test_localstripe"
STRIPE_WEBHOOK_SECRET = "whsec_test"
STRIPE_TEST_CARDS = True
STRIPE_MAX_NETWORK_RETRIES = 0
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
