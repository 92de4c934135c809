"""gunicorn's settings for production, read from the project root (`gunicorn config.wsgi`);
each can be overridden on the command line or by the environment variables below.

Two processes per core, four threads each. Threads of one process share one interpreter
lock: with eight threads a request that holds a row lock (a seat hold) waits longer for its
turn to run, and everyone queued on that row waits with it. On our 2-core machine 4 × 4
committed 228 seat holds/s at 5.4 ms of CPU each, against 155/s and 7.0 ms with 2 × 8
(docs/performance.md)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5  # API clients and browsers reuse their connection
timeout = 30
graceful_timeout = 30
# recycle workers now and then (a slow leak in any dependency stays bounded)
max_requests = 5000
max_requests_jitter = 500
