"""Issue #19: sign-up never tells whether an email already has an account, in any settings.

allauth hides it only while email verification is mandatory: with it optional (as dev.py,
which `make run` uses, had it), a sign-up for a known address failed with "email_taken"
on the site and in the headless API alike."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]
CLEARED = ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "REDIS_URL")
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "medellin.ai",
    "SITE_URL": "https://medellin.ai",
    "DATABASE_URL": "sqlite:////tmp/medellin-enumeration.sqlite3",
}


def _signup_settings(module: str, **env: str) -> str:
    """What allauth reads under a settings module: (verification, enumeration prevention)."""
    base_env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    done = subprocess.run(  # noqa: S603 - fixed interpreter, our own manage.py
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from allauth.account import app_settings as a; "
            "print((str(a.EMAIL_VERIFICATION.value), a.PREVENT_ENUMERATION))",
        ],
        cwd=ROOT,
        env={**base_env, "DJANGO_SETTINGS_MODULE": f"config.settings.{module}", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("module", "env"),
    [
        ("dev", {}),
        ("test", {}),
        ("production", PRODUCTION_ENV),
        # not even by the environment: the variable that used to relax it is no longer read
        ("dev", {"ACCOUNT_EMAIL_VERIFICATION": "optional"}),
        ("production", {**PRODUCTION_ENV, "ACCOUNT_EMAIL_VERIFICATION": "none"}),
    ],
)
def test_every_settings_module_hides_which_emails_have_accounts(module, env):
    assert _signup_settings(module, **env) == "('mandatory', True)"


@pytest.fixture
def dev_signup():
    """Sign-up configured as dev.py (`make run`) configures it."""
    dev = importlib.import_module("config.settings.dev")
    with override_settings(
        ACCOUNT_EMAIL_VERIFICATION=dev.ACCOUNT_EMAIL_VERIFICATION,
        ACCOUNT_PREVENT_ENUMERATION=getattr(dev, "ACCOUNT_PREVENT_ENUMERATION", True),
    ):
        yield


PASSWORD = "una-clave-larga-2026"


@pytest.mark.django_db
def test_site_sign_up_answers_a_known_email_like_a_new_one(client, member, dev_signup):
    def signup(email):
        response = client.post(
            "/es/auth/register/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        )
        client.logout()
        return response.status_code, response.get("Location")

    assert signup(member.email) == signup("nadie-aun@example.org")
    # the owner hears about it; the one who tried learns nothing
    assert member.email in [address for message in mail.outbox for address in message.to]


def _shape(response):
    body = response.json()
    return (
        response.status_code,
        sorted(body),
        sorted(body.get("meta", {})),
        sorted((flow["id"], flow.get("is_pending", False)) for flow in body["data"]["flows"])
        if "flows" in body.get("data", {})
        else body.get("errors"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("client_kind", ["browser", "app"])
def test_headless_sign_up_answers_a_known_email_like_a_new_one(
    api_client, member, dev_signup, client_kind
):
    def signup(email):
        api_client.logout()
        return api_client.post(
            f"/_allauth/{client_kind}/v1/auth/signup",
            {"email": email, "password": PASSWORD},
            format="json",
        )

    known, new = signup(member.email), signup(f"nueva-{client_kind}@example.org")
    assert "email_taken" not in known.content.decode()
    assert _shape(known) == _shape(new)
