"""The production server as configured (uwsgi.ini, strict: a bad option stops it): it serves
the app over HTTP with the processes the environment asks for, reads request bodies, and a
SIGTERM lets it finish and exit."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UWSGI = Path(sys.executable).with_name("uwsgi")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ask(url: str, body: bytes | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(  # noqa: S310  (loopback)
        url, data=body, headers={"Content-Type": "application/json", "Accept-Language": "en"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as error:  # an answer all the same
        return error.code, json.loads(error.read()), error.headers


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:  # the parent's pid
            found.append(int(stat.parent.name))
    return found


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite3'}",
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "WEB_THREADS": "2",
    }
    env.pop("REDIS_URL", None)
    log = tmp_path / "uwsgi.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603  (our own venv's uWSGI)
            [str(UWSGI), "--ini", "uwsgi.ini"], cwd=ROOT, env=env, stdout=output, stderr=output
        )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"uWSGI stopped: {log.read_text()[-3000:]}")
        try:
            _ask(base + "/health/")
            break
        except (OSError, ValueError):  # not listening yet, or not our app's answer yet
            time.sleep(0.2)
    process.log = log
    yield base, process
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def test_the_production_server_serves_the_app_and_stops_gracefully(server):
    base, process = server
    status, health, headers = _ask(base + "/health/")
    # Django answered (this database has no tables, so the check itself may fail)
    assert status in (200, 503) and set(health["checks"]) == {"database", "cache", "queue"}
    assert headers["Connection"] == "close"  # one request per connection, said so
    assert len(_children(process.pid)) == 2, process.log.read_text()[-3000:]  # WEB_CONCURRENCY
    # a request body reaches the API (read in full by the server first)
    status, answer, _headers = _ask(base + "/api/v1/holds/", b'{"ticket_type": "x", "quantity": 1}')
    assert status == 400 and answer["error"]["code"] == "invalid"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0, process.log.read_text()[-3000:]
    assert "graceful shutdown" in process.log.read_text()


def test_importing_the_app_opens_no_connection_the_workers_would_share():
    """uwsgi.ini imports the app in the master before forking the workers: a database
    connection or socket opened then would be shared by every worker."""
    script = (
        "import os; from config.wsgi import application; from django.db import connections;"
        "links = [];"
        "[links.append(os.readlink(f'/proc/self/fd/{fd}')) for fd in os.listdir('/proc/self/fd')"
        " if os.path.exists(f'/proc/self/fd/{fd}')];"
        "print([a for a in connections if connections[a].connection is not None],"
        " [link for link in links if link.startswith('socket:')])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    assert out.strip().splitlines()[-1] == "[] []"
