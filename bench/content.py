# ruff: noqa: S603, S607  (a local benchmark runs our own commands)
"""Benchmark of the content endpoints and page types on a production-like server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/content.py [--requests 400] [--concurrency 4] [--workers 2]

It prepares the database (migrate, seed_demo), starts the production server (uWSGI with
uwsgi.ini; --server gunicorn or granian to compare) with bench.settings (production settings,
DEBUG off), warms every path, then measures per path: latency p50/p95/p99 in ms, requests per
second, server CPU ms per request (user+system time of the server's worker processes, from
/proc) and SQL queries per request (X-Query-Count). The bare Django
JSON view is the reference for throughput. Loopback only.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLK_TCK = os.sysconf(os.sysconf_names["SC_CLK_TCK"])
SERVERS = ("uwsgi", "gunicorn", "granian")


def server_command(server: str, workers: int, threads: int, port: int) -> tuple[list, dict]:
    """The command and environment that serve the app: production's uWSGI with uwsgi.ini
    (the environment sets its address, processes and threads), or for comparison gunicorn
    (gthread, keep-alive 5 s) or granian (`pip install granian`) with the same processes ×
    threads. BENCH_SERVER_ARGS adds arguments to the command line."""
    extra = os.environ.get("BENCH_SERVER_ARGS", "").split()
    if server == "gunicorn":
        return [PY, "-m", "gunicorn", "config.wsgi", "--worker-class", "gthread",
                "--workers", str(workers), "--threads", str(threads), "--keep-alive", "5",
                "--bind", f"127.0.0.1:{port}", "--log-level", "warning", *extra], {}  # fmt: skip
    if server == "granian":
        return [str(Path(PY).with_name("granian")), "--interface", "wsgi", "--host",
                "127.0.0.1", "--port", str(port), "--workers", str(workers),
                "--blocking-threads", str(threads), "--backlog", "1024", "--no-ws",
                "--log-level", "warning", *extra, "config.wsgi:application"], {}  # fmt: skip
    environment = {"WEB_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers),
                   "WEB_THREADS": str(threads)}  # fmt: skip
    return [str(Path(PY).with_name("uwsgi")), "--ini", "uwsgi.ini", *extra], environment


PATHS = [
    ("bare Django JSON view", "/bench/bare/"),
    ("API: pages, 20 items", "/api/v2/pages/?limit=20"),
    ("API: one page, all fields", "/api/v2/pages/3/"),
    ("API: blog posts, all fields", "/api/v2/pages/?type=blog.BlogPostPage&fields=*&limit=20"),
    ("API: resources, all fields", "/api/v2/pages/?type=resources.ResourcePage&fields=*&limit=20"),
    ("API: events, all fields", "/api/v2/pages/?type=events.EventPage&fields=*&limit=20"),
    ("home page (es)", "/es/"),
    ("standard page (en)", "/en/about/"),
    ("blog index (es)", "/es/blog/"),
    ("blog post (en)", "/en/blog/spanish-rag-with-public-documents/"),
    ("event index (es)", "/es/eventos/"),
    ("event index, filtered (es)", "/es/eventos/?area=centro"),
    ("event page (en)", "/en/events/monthly-meetup-ai-agents/"),
    ("docs page (es)", "/es/documentacion/primeros-pasos/"),
    ("resource library (es)", "/es/recursos/"),
    ("forum index (es)", "/es/forums/"),
]


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLK_TCK


def _workers(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def _get(url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        response.read()
        queries = int(response.headers.get("X-Query-Count", "-1"))
        status = response.status
    return (time.perf_counter() - started) * 1000, status, queries


def measure(base: str, path: str, requests: int, concurrency: int, workers: list[int]) -> dict:
    url = base + path
    for _ in range(10):  # warm: caches, renditions, connections
        _get(url)
    cpu_before = _cpu_seconds(workers)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _i: _get(url), range(requests)))
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds(workers) - cpu_before
    latencies = sorted(r[0] for r in results)
    q = statistics.quantiles(latencies, n=100)
    return {
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "rps": requests / elapsed,
        "cpu_ms": cpu * 1000 / requests,
        "queries": statistics.median(r[2] for r in results),
        "errors": sum(1 for r in results if r[1] != 200),
    }


def _report_static(base: str) -> None:
    """Static files: hashed names from the manifest and a year-long immutable cache."""
    with urllib.request.urlopen(base + "/es/", timeout=30) as response:  # noqa: S310
        html = response.read().decode()
    asset = re.search(r'/static/[^"]+\.[0-9a-f]{12}\.(?:css|js)', html)
    if asset is None:
        print("\nstatic: no hashed asset found on /es/ (is the manifest storage on?)")
        return
    request = urllib.request.Request(base + asset.group(0), headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        print(f"\nstatic {asset.group(0)}: Cache-Control: {response.headers['Cache-Control']}; "
              f"Content-Encoding: {response.headers.get('Content-Encoding', 'none')}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--server", choices=SERVERS, default="uwsgi")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-setup", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL database (production-like).", file=sys.stderr)
        return 2
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    if not args.skip_setup:
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run([PY, "manage.py", "seed_demo", "--force"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    command, server_env = server_command(args.server, args.workers, args.threads, args.port)
    server = subprocess.Popen(command, cwd=ROOT, env={**env, **server_env})
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/bench/bare/")
                break
            except OSError:
                time.sleep(0.2)
        workers = _workers(server.pid)
        print(f"{args.requests} requests per path, concurrency {args.concurrency}, "
              f"{args.server}: {args.workers} processes × {args.threads} threads\n")  # fmt: skip
        header = (
            f"{'path':<34} {'p50':>7} {'p95':>7} {'p99':>7} {'req/s':>8} {'CPU ms':>7} {'SQL':>4}"
        )
        print(header)
        print("-" * len(header))
        bare_rps = None
        for label, path in PATHS:
            try:
                r = measure(base, path, args.requests, args.concurrency, workers)
            except Exception as exc:  # noqa: BLE001 - a missing page type is reported, not fatal
                print(f"{label:<34} skipped: {exc}")
                continue
            bare_rps = bare_rps or r["rps"]
            print(f"{label:<34} {r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} {r['rps']:8.0f} "
                  f"{r['cpu_ms']:7.2f} {r['queries']:4.0f}"
                  + (f"  ({r['rps'] / bare_rps:.0%} of bare)" if path != "/bench/bare/" else "")
                  + (f"  {r['errors']} errors" if r["errors"] else ""))  # fmt: skip
        _report_static(base)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
