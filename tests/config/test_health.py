import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_reports_each_dependency(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["queue"]["broker"] == "ORM"
    assert response["Cache-Control"].startswith("max-age=0")


def _health_in_subprocess(**env) -> tuple[int, dict]:
    """Ask /health/ in a fresh process whose dependencies point at a closed port."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/health/');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    completed = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    return result["status"], result["body"]


def test_health_is_503_when_the_database_is_unreachable():
    status, body = _health_in_subprocess(DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing")
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    assert "OperationalError" in body["checks"]["database"]["error"]


def test_health_is_503_when_the_cache_is_unreachable():
    status, body = _health_in_subprocess(REDIS_URL="redis://127.0.0.1:9/0")
    assert status == 503
    assert body["checks"]["cache"]["ok"] is False
