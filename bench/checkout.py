# ruff: noqa: S603, S607  (a local benchmark runs our own commands)
"""Benchmark of registration through the API on a production-like server: a race for the
last seats, hold throughput on one hot ticket type, and the cost of an uncontested order.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_checkout \\
        .venv/bin/python bench/checkout.py [--buyers 500] [--seats 50] [--workers 4] [--threads 4]

It migrates the database, creates an event with three free ticket types (the race's K seats,
a hot type with room for every hold, an uncontested type), starts the production server
(uWSGI with uwsgi.ini: 2 processes × 4 threads on 2 cores unless --workers/--threads say
otherwise) with bench.settings (DEBUG off, throttles off), warms every worker up with a few
orders of another type (as a server that has been up when tickets go on sale), then reports:
- race: N buyers, each POST /api/v1/holds/ then POST /api/v1/holds/<token>/order/, all at
  once; seats sold (must equal K), answers by status, p50/p95 of each buyer's whole flow
  and of the hold request alone, the race's server and client CPU; --races times (3), each
  for a ticket type of its own, with the median p95;
- holds: committed holds per second and p95 at 16 concurrent buyers on one ticket type;
- orders: orders per second, server CPU ms and SQL queries per order (hold → order);
- paid: the same for paid orders (hold → order with its PaymentIntent from localstripe →
  Stripe's signed payment_intent.succeeded webhook), localstripe started on --stripe-port.
Server CPU is the server's worker processes' user+system time (/proc), PostgreSQL's that of
its processes; queries come from the X-Query-Count header. Loopback only; each client thread
keeps its connection open while the server keeps it (uWSGI answers and closes; gunicorn
keeps it alive).
--server gunicorn or granian runs the same on another server for comparison (see
bench.content.server_command); BENCH_SERVER_ARGS adds arguments to its command line.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.content import PY, ROOT, SERVERS, _cpu_seconds, _workers, server_command  # noqa: E402

SETUP = """
from django.utils import translation
from django.urls import reverse
from cms.home.demo import home_pages, locales
from cms.events.factories import event_indexes, make_event
from commerce.ticketing.services.ticket_types import ticket_type_save
from commerce.ticketing.models import TicketType
from django.contrib.auth import get_user_model
locales()
with translation.override("es"):
    homes = home_pages(reverse("account_signup"))
admin = get_user_model().objects.filter(is_superuser=True).first() or \\
    get_user_model().objects.create_superuser("bench@example.org", "bench-pass-123")
index = event_indexes(homes)["es"]
event = make_event(index, title="Benchmark", slug="benchmark-%(stamp)s", capacity=None, days=30)
ids = []
races = [(f"race {n}", %(seats)d, 0) for n in range(1, %(races)d + 1)]
for name, capacity, price in (*races, ("hot", 1000000, 0),
                              ("plain", 1000000, 0), ("paid", 1000000, 50000)):
    ids.append(ticket_type_save(event=event, user=admin,
        data={"name_es": name, "price": price, "capacity": capacity, "max_per_order": 10}).pk)
print(",".join(map(str, ids)))
"""


_local = threading.local()


def _postgres() -> list[int]:
    """PostgreSQL's processes on this machine (its backends serve the server's connections,
    which persist: they are all there once the workers have warmed up)."""
    out = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def _connection(base: str) -> http.client.HTTPConnection:
    """One keep-alive connection per client thread, as an API client or browser keeps."""
    if getattr(_local, "connection", None) is None:
        host, port = base.removeprefix("http://").split(":")
        _local.connection = http.client.HTTPConnection(host, int(port), timeout=60)
    return _local.connection


def _post(base: str, path: str, body: dict) -> tuple[int, dict, int, float]:
    started = time.perf_counter()
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    for attempt in (1, 2):
        connection = _connection(base)
        try:
            connection.request("POST", path, body=json.dumps(body).encode(), headers=headers)
            response = connection.getresponse()
            raw = response.read()
            break
        except (http.client.HTTPException, OSError):  # the server closed an idle connection
            connection.close()
            _local.connection = None
            if attempt == 2:
                raise
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
        _local.connection = None
    payload = json.loads(raw or b"{}")
    queries = int(response.getheader("X-Query-Count", "-1"))
    return response.status, payload, queries, (time.perf_counter() - started) * 1000


def buy(base: str, ticket_type: int, number: int) -> dict:
    started = time.perf_counter()
    status, hold, q1, hold_ms = _post(
        base, "/api/v1/holds/", {"ticket_type": ticket_type, "quantity": 1}
    )
    if status != 201:
        return {"status": f"hold {status} {hold.get('error', {}).get('code', '')}",
                "ms": (time.perf_counter() - started) * 1000, "queries": q1,
                "hold_ms": hold_ms}  # fmt: skip
    person = {"name": f"Buyer {number}", "email": f"buyer{number}@example.org"}
    status, order, q2, _ms = _post(
        base,
        f"/api/v1/holds/{hold['token']}/order/",
        {"email": person["email"], "attendees": [person]},
    )
    label = (
        "sold"
        if status in (200, 201)
        else f"order {status} {order.get('error', {}).get('code', '')}"
    )
    return {"status": label, "ms": (time.perf_counter() - started) * 1000, "queries": q1 + q2,
            "hold_ms": hold_ms}  # fmt: skip


def _quantiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    q = statistics.quantiles(values, n=100)
    return q[49], q[94]


def race(base: str, ticket_type: int, buyers: int, seats: int, workers: list[int]) -> tuple:
    """One race; returns (sold exactly `seats`, p95 per buyer in ms)."""
    database = _postgres()
    cpu_before, client_before = _cpu_seconds(workers), time.process_time()
    database_before = _cpu_seconds(database)
    started = time.perf_counter()
    with ThreadPoolExecutor(buyers) as pool:
        results = list(pool.map(lambda n: buy(base, ticket_type, n), range(buyers)))
    elapsed = time.perf_counter() - started
    cpu, client = _cpu_seconds(workers) - cpu_before, time.process_time() - client_before
    database_cpu = _cpu_seconds(database) - database_before
    answers = Counter(r["status"] for r in results)
    p50, p95 = _quantiles([r["ms"] for r in results])
    verdict = "OK" if answers["sold"] == seats else "OVERSOLD OR UNDERSOLD"
    print(f"race: {buyers} buyers for {seats} seats → {answers['sold']} sold ({verdict}); "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms per buyer")  # fmt: skip
    hold_p50, hold_p95 = _quantiles([r["hold_ms"] for r in results])
    print(f"    the hold request alone (the answer every buyer waits for first): "
          f"p50 {hold_p50:.0f} ms, p95 {hold_p95:.0f} ms")  # fmt: skip
    for status, count in sorted(answers.items()):
        print(f"    {status:<40} {count}")
    early = sum(1 for r in results if r["status"].endswith("sold_out") and r["queries"] == 0)
    print(f"    sold out answered before the request stack (soldout.py): {early}")
    print(f"    all done in {elapsed * 1000:.0f} ms; CPU: server {cpu * 1000:.0f} ms, "
          f"PostgreSQL {database_cpu * 1000:.0f} ms, this client's {buyers} threads "
          f"{client * 1000:.0f} ms")  # fmt: skip
    return answers["sold"] == seats, p95


def races(base: str, ticket_types: list[int], buyers: int, seats: int, workers: list[int]):
    """A race is over in about a second, and one second of a shared machine is noisy: run
    several, one after the other, each for a type of its own, and report them all."""
    outcomes = [race(base, pk, buyers, seats, workers) for pk in ticket_types]
    exact = sum(1 for ok, _p95 in outcomes if ok)
    p95s = [p95 for _ok, p95 in outcomes]
    print(f"races: exactly {seats} sold in {exact} of {len(outcomes)}; p95 per buyer "
          f"{', '.join(f'{p:.0f}' for p in p95s)} ms (median "
          f"{statistics.median(p95s):.0f} ms)\n")  # fmt: skip


def holds(base: str, ticket_type: int, concurrency: int, total: int, workers: list[int]) -> None:
    body = {"ticket_type": ticket_type, "quantity": 1}
    database = _postgres()
    cpu_before, database_before = _cpu_seconds(workers), _cpu_seconds(database)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _n: _post(base, "/api/v1/holds/", body), range(total)))
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds(workers) - cpu_before
    database_cpu = _cpu_seconds(database) - database_before
    ok = [r for r in results if r[0] == 201]
    p50, p95 = _quantiles([r[3] for r in results])
    print(f"holds: {len(ok)}/{total} committed at {concurrency} concurrent buyers on one type: "
          f"{len(ok) / elapsed:.0f} holds/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"{cpu * 1000 / total:.1f} ms CPU (+ {database_cpu * 1000 / total:.1f} ms PostgreSQL) "
          f"and {statistics.median(r[2] for r in results):.0f} queries per hold")  # fmt: skip


def orders(base: str, ticket_type: int, concurrency: int, total: int, workers: list[int]) -> None:
    database = _postgres()
    cpu_before, database_before = _cpu_seconds(workers), _cpu_seconds(database)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda n: buy(base, ticket_type, 10_000 + n), range(total)))
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds(workers) - cpu_before
    database_cpu = _cpu_seconds(database) - database_before
    sold = sum(1 for r in results if r["status"] == "sold")
    p50, p95 = _quantiles([r["ms"] for r in results])
    print(f"orders: {sold}/{total} placed (hold → order), {sold / elapsed:.0f} orders/s at "
          f"concurrency {concurrency}; {cpu * 1000 / total:.1f} ms server CPU "
          f"(+ {database_cpu * 1000 / total:.1f} ms PostgreSQL) and "
          f"{statistics.median(r['queries'] for r in results):.0f} SQL queries per order; "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms")  # fmt: skip


WEBHOOK_SECRET = "whsec_bench"  # noqa: S105 (a local benchmark's own secret)


def _webhook(base: str, intent_id: str, number: int) -> tuple[int, int, float]:
    import hashlib
    import hmac

    body = json.dumps({
        "id": f"evt_bench_{number}_{intent_id}", "object": "event",
        "type": "payment_intent.succeeded", "created": int(time.time()),
        "data": {"object": {"id": intent_id, "object": "payment_intent", "status": "succeeded"}},
    }).encode()  # fmt: skip
    stamp = int(time.time())
    digest = hmac.new(WEBHOOK_SECRET.encode(), f"{stamp}.".encode() + body, hashlib.sha256)
    request = urllib.request.Request(
        base + "/payments/stripe/webhook/", data=body, method="POST",
        headers={"Content-Type": "application/json",
                 "Stripe-Signature": f"t={stamp},v1={digest.hexdigest()}"},
    )  # fmt: skip
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        response.read()
        return (
            response.status,
            int(response.headers.get("X-Query-Count", "-1")),
            (time.perf_counter() - started) * 1000,
        )


def buy_paid(base: str, ticket_type: int, number: int) -> dict:
    started = time.perf_counter()
    status, hold, q1, _ms = _post(base, "/api/v1/holds/", {"ticket_type": ticket_type,
                                                            "quantity": 1})  # fmt: skip
    person = {"name": f"Payer {number}", "email": f"payer{number}@example.org"}
    status, order, q2, _ms = _post(base, f"/api/v1/holds/{hold['token']}/order/",
                                   {"email": person["email"], "attendees": [person]})  # fmt: skip
    if status != 201 or not order.get("payment"):
        return {"status": f"order {status}", "ms": 0, "queries": q1 + q2, "stripe_ms": 0}
    stripe_ms = _ms
    status, q3, _ms = _webhook(base, order["payment"]["intent_id"], number)
    return {"status": "paid" if status == 200 else f"webhook {status}", "queries": q1 + q2 + q3,
            "ms": (time.perf_counter() - started) * 1000, "stripe_ms": stripe_ms}  # fmt: skip


def paid(base: str, ticket_type: int, concurrency: int, total: int, workers: list[int]) -> None:
    database = _postgres()
    cpu_before, database_before = _cpu_seconds(workers), _cpu_seconds(database)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda n: buy_paid(base, ticket_type, n), range(total)))
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds(workers) - cpu_before
    database_cpu = _cpu_seconds(database) - database_before
    done = sum(1 for r in results if r["status"] == "paid")
    p50, p95 = _quantiles([r["ms"] for r in results])
    print(f"paid: {done}/{total} paid by webhook (hold → order + PaymentIntent → webhook), "
          f"{done / elapsed:.0f} orders/s at concurrency {concurrency}; {cpu * 1000 / total:.1f} "
          f"ms server CPU (+ {database_cpu * 1000 / total:.1f} ms PostgreSQL) and "
          f"{statistics.median(r['queries'] for r in results):.0f} SQL queries "
          f"per order (all three requests); p50 {p50:.0f} ms, p95 {p95:.0f} ms, of which the "
          f"order request with its Stripe call p50 "
          f"{statistics.median(r['stripe_ms'] for r in results):.0f} ms")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--buyers", type=int, default=500)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--races", type=int, default=3)
    parser.add_argument("--holds", type=int, default=2000)
    parser.add_argument("--orders", type=int, default=400)
    # uwsgi.ini's on 2 cores: one process per core, four threads each
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--server", choices=SERVERS, default="uwsgi")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--stripe-port", type=int, default=8421)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL database (production-like).", file=sys.stderr)
        return 2
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "STRIPE_API_BASE": f"http://127.0.0.1:{args.stripe_port}",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    localstripe = subprocess.Popen(
        [str(Path(PY).with_name("localstripe")), "--from-scratch", "--port",
         str(args.stripe_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    code = SETUP % {"seats": args.seats, "races": args.races, "stamp": int(time.time())}
    out = subprocess.run([PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    ids = [int(x) for x in out.strip().splitlines()[-1].split(",")]
    race_types, (hot_type, plain_type, paid_type) = ids[: args.races], ids[args.races :]
    command, server_env = server_command(args.server, args.workers, args.threads, args.port)
    server = subprocess.Popen(command, cwd=ROOT, env={**env, **server_env})
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/bare/", timeout=5).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        workers = _workers(server.pid)
        print(f"{args.server}: {args.workers} workers × {args.threads} threads, PostgreSQL\n")
        # a server that has been up: every worker has compiled its statements and loaded
        # its translations before tickets go on sale (not counted in any figure below)
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(lambda n: buy(base, plain_type, 90_000 + n), range(16 * args.workers)))
        races(base, race_types, args.buyers, args.seats, workers)
        holds(base, hot_type, 16, args.holds, workers)
        orders(base, plain_type, 4, args.orders, workers)
        paid(base, paid_type, 4, args.orders // 2, workers)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        localstripe.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
