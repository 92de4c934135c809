"""Sign-up by email, email verification, login by emailed code, throttling, headless tokens."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from community.accounts.models import Profile, RoleChange
from community.accounts.roles import Role
from community.accounts.selectors import user_get_role

pytestmark = pytest.mark.django_db
User = get_user_model()


def _signup(client, email="nueva@example.org", password="una-clave-larga-2026"):
    return client.post(
        "/es/auth/register/", {"email": email, "password1": password, "password2": password}
    )


def test_prd_auth_urls_are_the_canonical_ones(client):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        assert reverse("account_login") == "/en/auth/login/"
        assert reverse("account_signup") == "/en/auth/register/"
        assert reverse("account_reset_password") == "/en/auth/reset-password/"
        assert (
            reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "abc-def"})
            == "/en/auth/reset-password/1-abc-def/"
        )
    assert client.get("/es/auth/").url == "/es/auth/login/"


def test_signup_by_email_creates_a_member_with_a_profile(client):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="nueva@example.org")
    assert user_get_role(user) == Role.MEMBER
    assert Profile.objects.filter(user=user, signup_completed=False).exists()
    change = RoleChange.objects.get(user=user)
    assert (change.old_role, change.new_role, change.changed_by) == ("", Role.MEMBER, None)
    assert change.reason == "sign-up"


def test_signup_requires_email_verification_before_login(client, password):
    _signup(client, password=password)
    assert not client.session.get("_auth_user_id")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/auth/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nueva@example.org").verified
    assert client.session.get("_auth_user_id")  # logged in on confirmation


def test_signup_with_a_taken_email_reveals_nothing_and_warns_the_owner(client, member):
    """No account enumeration: the page looks like success; the owner gets an email."""
    response = _signup(client, email=member.email)
    assert response.status_code == 302
    assert User.objects.filter(email=member.email).count() == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "/auth/reset-password/" in mail.outbox[0].body


def test_login_with_password(client, member, password):
    response = client.post("/es/auth/login/", {"login": member.email, "password": password})
    assert response.status_code == 302
    assert response.url == "/es/dashboard/"
    assert int(client.session["_auth_user_id"]) == member.pk


def test_login_by_emailed_code(client, member):
    response = client.post("/es/auth/login/code/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", mail.outbox[0].body, re.M).group(1)
    response = client.post(response.url, {"code": code})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk


def test_login_by_code_rejects_a_wrong_code(client, member):
    response = client.post("/es/auth/login/code/", {"email": member.email})
    response = client.post(response.url, {"code": "ZZZZZZ"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_lock_the_account_out(client, member, password):
    for _ in range(5):
        response = client.post("/es/auth/login/", {"login": member.email, "password": "wrong"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # Even the right password is refused while locked out, with a message saying why.
    response = client.post("/es/auth/login/", {"login": member.email, "password": password})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Demasiados intentos" in response.content.decode()


def test_headless_app_login_gives_a_token_that_the_api_accepts(api_client, member, password):
    response = api_client.post(
        "/_allauth/app/v1/auth/login",
        {"email": member.email, "password": password},
        format="json",
    )
    assert response.status_code == 200, response.content
    token = response.json()["meta"]["session_token"]
    api_client.credentials(HTTP_X_SESSION_TOKEN=token)
    me = api_client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["email"] == member.email
    assert me.json()["role"] == "member"


def test_headless_signup_creates_a_member(api_client):
    response = api_client.post(
        "/_allauth/browser/v1/auth/signup",
        {"email": "headless@example.org", "password": "una-clave-larga-2026"},
        format="json",
    )
    # 401: signed up, email verification pending (allauth's headless protocol)
    assert response.status_code == 401
    assert any(f["id"] == "verify_email" for f in response.json()["data"]["flows"])
    user = User.objects.get(email="headless@example.org")
    assert user_get_role(user) == Role.MEMBER
    assert hasattr(user, "profile")


def test_password_reset_sends_a_link_to_the_prd_url(client, member):
    response = client.post("/es/auth/reset-password/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert re.search(r"/es/auth/reset-password/\w+-\S+/", mail.outbox[0].body)
