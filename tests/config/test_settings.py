"""Each settings module loads; production insists on its secrets and passes check --deploy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "medellin.ai,www.medellin.ai",
    "SITE_URL": "https://medellin.ai",
    "DATABASE_URL": "sqlite:////tmp/medellin-check.sqlite3",
    "RESEND_API_KEY": "re_test_key",
}
CLEARED = ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE")


def _run(settings: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    base_env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return subprocess.run(  # noqa: S603 - fixed interpreter, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, "DJANGO_SETTINGS_MODULE": f"config.settings.{settings}", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _setting(settings: str, expression: str, **env: str) -> str:
    done = _run(
        settings,
        "shell",
        "-c",
        f"from django.conf import settings as s; print({expression})",
        **env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("settings", ["dev", "test"])
def test_settings_load(settings):
    assert _setting(settings, "s.LANGUAGE_CODE") == "es"


def test_dev_is_debug_and_plain_http():
    assert _setting("dev", "(s.DEBUG, s.SECURE_SSL_REDIRECT, s.STRIPE_API_BASE)") == (
        "(True, False, 'http://127.0.0.1:8420')"
    )


def test_production_refuses_to_start_without_a_secret_key():
    done = _run("production", "check", ALLOWED_HOSTS="medellin.ai")
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_production_refuses_a_short_secret_key():
    done = _run("production", "check", SECRET_KEY="short", ALLOWED_HOSTS="medellin.ai")
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_production_passes_check_deploy_without_warnings():
    done = _run("production", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_is_secure_and_sends_mail_through_resend():
    expr = (
        "(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.EMAIL_BACKEND)"
    )
    assert _setting("production", expr, **PRODUCTION_ENV) == (
        "(False, True, True, True, True, 'anymail.backends.resend.EmailBackend')"
    )


def test_redis_url_switches_cache_and_sessions_to_redis():
    expr = "(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, 'orm' in s.Q_CLUSTER)"
    assert _setting("dev", expr, REDIS_URL="redis://127.0.0.1:6379/3") == (
        "('django_redis.cache.RedisCache', 'django.contrib.sessions.backends.cached_db', True)"
    )


def test_oauth_providers_switch_on_only_when_configured():
    expr = "sorted(a for a in s.INSTALLED_APPS if '.providers.' in a)"
    assert _setting("dev", expr) == "[]"
    configured = _setting(
        "dev",
        expr,
        GOOGLE_CLIENT_ID="g",
        GOOGLE_CLIENT_SECRET="gs",
        GITHUB_CLIENT_ID="h",
        GITHUB_CLIENT_SECRET="hs",
        LINKEDIN_CLIENT_ID="l",
        LINKEDIN_CLIENT_SECRET="ls",
    )
    assert configured == (
        "['allauth.socialaccount.providers.github', 'allauth.socialaccount.providers.google',"
        " 'allauth.socialaccount.providers.openid_connect']"
    )


def test_env_example_documents_every_variable_the_settings_read():
    import re

    read = set()
    for path in [*(ROOT / "config").rglob("*.py"), *ROOT.glob("*/*/management/commands/*.py")]:
        read |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', path.read_text()))
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    assert read - documented == set(), "add these to .env.example with a comment"


def test_postgresql_prepares_statements_unless_a_pooler_forbids_them():
    expr = "s.DATABASES['default']['OPTIONS'].get('prepare_threshold')"
    url = "postgres://postgres@127.0.0.1:5432/unused"
    assert _setting("dev", expr, DATABASE_URL=url) == "5"
    assert _setting("dev", expr, DATABASE_URL=url, DB_PREPARED_STATEMENTS="False") == "None"


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_statement_run_often_on_a_connection_is_prepared_by_postgresql():
    from django.db import connection

    from commerce.ticketing.models import SeatHold

    for _ in range(6):
        list(SeatHold.objects.filter(quantity=1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("ticketing_seathold" in sql for sql in prepared), prepared
