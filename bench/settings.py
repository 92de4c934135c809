"""Production settings for a benchmark on this machine: DEBUG off, PostgreSQL and Redis from
the environment, plain HTTP on loopback, plus a header with the number of SQL queries each
request made and a bare JSON view to compare against."""

import os

os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")

from config.settings.production import *  # noqa: E402, F403
from config.settings.production import MIDDLEWARE, Q_CLUSTER, REST_FRAMEWORK  # noqa: E402

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
# One client sends thousands of requests a minute from one address, which the API's
# per-address limit exists to refuse; the benchmark measures the work behind it.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_CLASSES": [],
    # views that name their throttles (seat holds) read these rates
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(
        REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}), "1000000/min"
    ),
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False}
Q_CLUSTER = {**Q_CLUSTER, "log_level": "WARNING"}  # not a line per queued ticket email
