"""Gate 7: every listing answers in a constant number of queries, whatever its length."""

import re

import pytest
from django.contrib.auth import get_user_model
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


def test_portfolio_listing(api_client, client, make_user):
    """The member's own list (API), and the portfolio on their pages (API, site, dashboard);
    each check fills a fresh member's portfolio up to the limit of 20."""
    from community.accounts.services import portfolio_item_create

    def adder(owner):
        counter = iter(range(1000))
        return lambda: portfolio_item_create(
            profile=owner.profile,
            actor=owner,
            data={"title": f"Obra {next(counter)}", "url": "https://example.com/obra"},
        )

    viewer = make_user(Role.MEMBER)
    owner = make_user(Role.MEMBER)
    api_client.force_authenticate(owner)
    fetch = lambda: api_client.get("/api/v1/me/portfolio/").json()  # noqa: E731
    assert_constant_queries(fetch, adder(owner), budget=4)
    owner = make_user(Role.MEMBER)
    api_client.force_authenticate(viewer)
    fetch = lambda: api_client.get(f"/api/v1/members/{owner.pk}/").json()  # noqa: E731
    assert_constant_queries(fetch, adder(owner), budget=8)
    owner = make_user(Role.MEMBER)
    client.force_login(viewer)
    assert_constant_queries(lambda: client.get(f"/es/members/{owner.pk}/"), adder(owner), budget=22)
    owner = make_user(Role.MEMBER)
    client.force_login(owner)
    assert_constant_queries(lambda: client.get("/es/dashboard/profile/"), adder(owner), budget=20)


def test_member_history_listing(client, member, make_user):
    from community.connections.services import connection_accept, connection_request

    def add():
        other = make_user(Role.MEMBER)
        connection_accept(
            user=other, connection_id=connection_request(sender=member, recipient=other).pk
        )

    client.force_login(member)
    assert_constant_queries(lambda: client.get("/es/dashboard/profile/"), add, budget=20)


LISTING_TESTS = {
    ("GET", "/api/v1/me/portfolio/"): test_portfolio_listing,
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
