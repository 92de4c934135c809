"""Latency and throughput of a running instance, per path, over loopback.

    make run                       # in one terminal (or gunicorn for production-like numbers)
    .venv/bin/python bench/http_latency.py --requests 500 --concurrency 4

Reports p50/p95/p99/max latency in milliseconds and requests per second for each path.
Only loopback addresses are accepted: this is a measurement, never load on someone else.
"""

import argparse
import ipaddress
import socket
import statistics
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

DEFAULT_PATHS = [
    "/health/",
    "/es/",
    "/en/about/",
    "/api/v2/pages/?locale=es&fields=title",
    "/api/schema/",
]


def _is_loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    try:
        return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        return False


def _one(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return (time.perf_counter() - started) * 1000, status


def measure(base: str, path: str, requests: int, concurrency: int) -> dict:
    url = base.rstrip("/") + path
    _one(url)  # warm up caches and connections
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(_one, [url] * requests))
    elapsed = time.perf_counter() - started
    latencies = sorted(ms for ms, _ in results)
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "path": path,
        "ok": sum(1 for _, status in results if status < 400),
        "p50": quantiles[49],
        "p95": quantiles[94],
        "p99": quantiles[98],
        "max": latencies[-1],
        "rps": requests / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=200, help="per path (max 5000)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    args = parser.parse_args()
    if not _is_loopback(args.base_url):
        parser.error("only loopback addresses (127.0.0.1, localhost, ::1) may be measured")
    requests = max(2, min(args.requests, 5000))
    print(f"{'path':<42} {'ok':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} {'req/s':>7}")
    for path in args.paths:
        r = measure(args.base_url, path, requests, args.concurrency)
        print(
            f"{r['path']:<42} {r['ok']:>5} {r['p50']:>7.1f} {r['p95']:>7.1f} "
            f"{r['p99']:>7.1f} {r['max']:>7.1f} {r['rps']:>7.1f}"
        )


if __name__ == "__main__":
    main()
