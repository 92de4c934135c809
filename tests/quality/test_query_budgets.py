"""Gate 7: every listing answers in a constant number of queries, whatever its length."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from rest_framework.generics import ListAPIView
from wagtail.models import Locale

from cms.home.models import StandardPage
from community.accounts.roles import Role
from tests.query_budget import assert_constant_queries, count_queries

from .routes import api_routes

pytestmark = pytest.mark.django_db


def test_role_change_listing(api_client, admin_user, make_user):
    api_client.force_authenticate(admin_user)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/role-changes/").json(),
        lambda: make_user(Role.MEMBER),
        budget=6,
    )


def test_content_api_page_listing(api_client, demo_site):
    home = demo_site["homes"]["es"]
    es = Locale.objects.get(language_code="es")
    counter = iter(range(1000))

    def add_page():
        page = StandardPage(title=f"Página {next(counter)}", locale=es, introduction="…")
        home.add_child(instance=page)
        page.save_revision().publish()

    assert_constant_queries(
        lambda: api_client.get(
            "/api/v2/pages/", {"type": "home.StandardPage", "fields": "introduction", "limit": 50}
        ).json(),
        add_page,
        budget=9,
    )


def test_admin_profile_listing(client, admin_user, make_user):
    client.force_login(admin_user)
    assert_constant_queries(
        lambda: client.get("/admin/profiles/"), lambda: make_user(Role.MEMBER), budget=40
    )


def test_notification_listing(api_client, member, client):
    from community.notifications.services import notify

    def add():
        notify(recipient=member, type_code="account.role_changed", context={"role": "x"})

    api_client.force_authenticate(member)
    assert_constant_queries(lambda: api_client.get("/api/v1/notifications/").json(), add, budget=4)
    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/dashboard/notifications/"), add, budget=25)


def test_connection_listing(api_client, member, make_user):
    from community.connections.services import connection_accept, connection_request

    def add():
        other = make_user(Role.MEMBER)
        connection_accept(
            user=other, connection_id=connection_request(sender=member, recipient=other).pk
        )

    api_client.force_authenticate(member)
    assert_constant_queries(lambda: api_client.get("/api/v1/connections/").json(), add, budget=5)


def test_member_directory(api_client, client, member, make_user):
    api_client.force_authenticate(member)
    add = lambda: make_user(Role.MEMBER)  # noqa: E731
    assert_constant_queries(lambda: api_client.get("/api/v1/members/").json(), add, budget=6)
    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/members/"), add, budget=20)


def _connected_pair(make_user, member):
    from community.connections.services import connection_accept, connection_request

    other = make_user(Role.MEMBER)
    connection_accept(
        user=other, connection_id=connection_request(sender=member, recipient=other).pk
    )
    return other


@override_settings(MESSAGES_PER_MINUTE=100, MESSAGES_NEW_CONVERSATIONS_PER_DAY=100)
def test_conversation_listing(api_client, client, member, make_user):
    from community.messaging.services import message_send

    def add():  # a new conversation with a new member, unread messages both ways
        other = _connected_pair(make_user, member)
        message_send(sender=other, recipient=member, body="Hola")
        message_send(sender=member, recipient=other, body="¡Hola!")
        message_send(sender=other, recipient=member, body="¿Vienes al meetup?")

    api_client.force_authenticate(member)
    assert_constant_queries(lambda: api_client.get("/api/v1/conversations/").json(), add, budget=3)
    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/dashboard/messages/"), add, budget=20)


@override_settings(MESSAGES_PER_MINUTE=100)
def test_message_listing(api_client, client, member, make_user):
    from community.messaging.services import message_send

    other = _connected_pair(make_user, member)
    conversation_id = message_send(sender=other, recipient=member, body="Hola").conversation_id

    def add():
        message_send(sender=other, recipient=member, body="Otro mensaje")
        message_send(sender=member, recipient=other, body="Respuesta")

    api_client.force_authenticate(member)
    url = f"/api/v1/conversations/{conversation_id}/messages/"
    assert_constant_queries(lambda: api_client.get(url).json(), add, budget=4)
    assert_constant_queries(lambda: api_client.get(url, {"after": 1}).json(), add, budget=4)
    client.force_login(member)
    page = f"/es/dashboard/messages/{conversation_id}/"
    assert_constant_queries(lambda: client.get(page), add, budget=25)


@override_settings(MESSAGES_NEW_CONVERSATIONS_PER_DAY=100)
def test_message_report_listing(api_client, client, member, make_user):
    from community.messaging.services import message_report, message_send

    def add():
        other = _connected_pair(make_user, member)
        message = message_send(sender=other, recipient=member, body="Spam")
        message_report(reporter=member, message=message, reason="spam")

    moderator = make_user("moderator")
    api_client.force_authenticate(moderator)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/message-reports/").json(), add, budget=3
    )
    client.force_login(moderator)
    assert_constant_queries(lambda: client.get("/admin/message_reports/"), add, budget=25)


LISTING_TESTS = {
    ("GET", "/api/v1/conversations/"): test_conversation_listing,
    ("GET", "/api/v1/conversations/<id:pk>/messages/"): test_message_listing,
    ("GET", "/api/v1/message-reports/"): test_message_report_listing,
    ("GET", "/api/v1/members/"): test_member_directory,
    ("GET", "/api/v1/connections/"): test_connection_listing,
    ("GET", "/api/v1/role-changes/"): test_role_change_listing,
    ("GET", "/api/v1/notifications/"): test_notification_listing,
}


def test_every_api_listing_has_a_query_budget_test():
    from django.urls import resolve

    listings = set()
    for method, route in api_routes():
        view = resolve(re.sub(r"<[^>]+>", "1", route)).func
        assert view.__name__ != "api_not_found", route
        if method == "GET" and issubclass(getattr(view, "cls", object), ListAPIView):
            listings.add((method, route))
    assert listings - set(LISTING_TESTS) == set()


def test_the_budget_helper_catches_a_planted_n_plus_one(make_user):
    User = get_user_model()

    def n_plus_one():
        return [user.profile.bio for user in User.objects.all()]  # one query per user

    with pytest.raises(AssertionError, match="N\\+1"):
        assert_constant_queries(n_plus_one, lambda: make_user(Role.MEMBER), budget=100)
    fixed, _ = count_queries(lambda: list(User.objects.select_related("profile")))
    assert fixed == 1
