"""Ordinary hostile input gets a 4xx a person can act on, never a 500 or an off-site hop:
search syntax in listing boxes, ids too large for a column, bodies too deep or too large in
any content type, and `next` pointing elsewhere."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from community.accounts.roles import Role

pytestmark = pytest.mark.django_db

HUGE_ID = "9" * 40
OFF_SITE = ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example/",
            "javascript:alert(1)", "-1", "admin:index"]  # fmt: skip


@pytest.fixture
def listings(demo_site, library):
    from cms.events.factories import event_indexes, make_event

    indexes = event_indexes(demo_site["homes"])
    make_event(indexes["es"], title="Taller de agentes")
    return demo_site


@pytest.mark.parametrize("path", ["/es/eventos/", "/en/events/", "/es/recursos/", "/en/resources/"])
@pytest.mark.parametrize("query", ['"', '"agentes', "agentes AND", "(*", "NEAR(a b)", "^title:x"])
def test_search_syntax_in_a_listing_box_is_read_as_words(client, listings, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200


def test_a_listing_search_still_finds_by_the_words_around_the_quotes(client, listings):
    page = client.get("/es/eventos/", {"q": '"agentes"'}).content.decode()
    assert "Taller de agentes" in page


# ---- ids read from forms ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [HUGE_ID, str(2**63), "-1", "0", "²", "1e3", "abc", ""])
def test_notification_ids_that_no_column_holds_are_a_message_not_a_500(client, member, value):
    from community.notifications.models import Notification

    note = Notification.objects.create(recipient=member, type_code="system", title="Hola")
    client.force_login(member)
    response = client.post("/es/dashboard/notifications/read/", {"id": [value]})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is None  # one bad id refuses the whole request
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Esa notificación no existe."]


def test_moderation_forms_ignore_ids_that_no_column_holds(client, make_user):
    moderator = make_user(Role.ADMIN)
    client.force_login(moderator)
    response = client.post("/admin/blog/comments/bulk/", {"action": "approve", "comment": HUGE_ID})
    assert response.status_code == 302
    response = client.post(reverse("forums_moderation:ban"), {"user": HUGE_ID, "days": "7"})
    assert response.status_code == 404
    target = make_user(Role.MEMBER)
    response = client.post(reverse("forums_moderation:ban"), {"user": target.pk, "days": HUGE_ID})
    assert response.status_code == 302


# ---- `next` ----------------------------------------------------------------------------------


@pytest.mark.parametrize("target", OFF_SITE)
def test_notifications_never_redirect_off_site(client, member, target):
    client.force_login(member)
    response = client.post("/es/dashboard/notifications/read/", {"next": target})
    assert response.status_code == 302
    assert response.url == "/es/dashboard/notifications/"


def test_notifications_return_to_a_page_of_this_site(client, member):
    client.force_login(member)
    response = client.post("/es/dashboard/notifications/read/", {"next": "/es/forums/"})
    assert response.url == "/es/forums/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_moderation_and_organizer_forms_never_redirect_off_site(client, make_user, target):
    client.force_login(make_user(Role.ADMIN))
    response = client.post("/admin/blog/comments/bulk/", {"action": "approve", "next": target})
    assert response.url == reverse("blog_moderation:queue")
    client.force_login(make_user(Role.ORGANIZER))
    page = client.get("/es/dashboard/events/venues/new/", {"next": target}).content.decode()
    kept = BeautifulSoup(page, "html.parser").select('input[name="next"]')
    assert all(not field.get("value") for field in kept)


# ---- bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "application/x-www-form-urlencoded", ""]
)
def test_a_body_nested_too_deeply_is_a_400_in_any_content_type(client, content_type):
    body = "[" * 50_000 + "]" * 50_000
    response = client.generic(
        "POST", "/_allauth/app/v1/auth/login", body, content_type=content_type
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_the_api_answers_a_body_too_large_with_its_own_413(api_client, member):
    api_client.force_authenticate(member)
    body = json.dumps({"profile": {"bio": "x" * (11 * 1024 * 1024)}})
    response = api_client.generic("PATCH", "/api/v1/me/", body, content_type="application/json")
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "request_too_large" and "10 MB" in error["message"]


def test_allauth_answers_a_body_too_large_as_json(client):
    body = json.dumps({"email": "a@example.org", "password": "x" * (11 * 1024 * 1024)})
    response = client.post("/_allauth/app/v1/auth/login", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")


def test_a_site_form_too_large_is_a_413(client, member):
    client.force_login(member)
    response = client.post(
        "/es/dashboard/notifications/read/",
        "next=" + "x" * (11 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
