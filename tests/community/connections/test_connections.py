"""Connections: the state machine, blocking, suggestions, and the page and API around it."""

import pytest
from django.db import IntegrityError, transaction

from community.accounts.roles import Role
from community.connections import selectors
from community.connections.models import Connection
from community.connections.services import (
    connection_accept,
    connection_decline,
    connection_delete,
    connection_request,
    user_block,
    user_unblock,
)
from config.errors import Conflict, NotPermitted, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(make_user):
    return make_user(Role.MEMBER, first_name="Ana", last_name="R")


@pytest.fixture
def beto(make_user):
    return make_user(Role.MEMBER, first_name="Beto", last_name="G")


def test_request_accept_and_notify(ana, beto):
    request = connection_request(sender=ana, recipient=beto)
    assert request.status == "pending" and request.addressee_id == beto.pk
    assert beto.platform_notifications.get().title == "Ana R quiere conectar"
    connection_accept(user=beto, connection_id=request.pk)
    assert selectors.connected_user_ids(ana) == {beto.pk}
    assert ana.platform_notifications.get().type_code == "connections.accepted"


def test_only_the_addressee_answers(ana, beto):
    request = connection_request(sender=ana, recipient=beto)
    with pytest.raises(Conflict):
        connection_accept(user=ana, connection_id=request.pk)


def test_unique_per_pair_and_no_self_connection(ana, beto):
    with pytest.raises(ValidationFailed):
        connection_request(sender=ana, recipient=ana)
    connection_request(sender=ana, recipient=beto)
    with pytest.raises(Conflict) as excinfo:
        connection_request(sender=ana, recipient=beto)
    assert excinfo.value.code == "already_requested"
    low, high = sorted([ana.pk, beto.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        Connection.objects.create(user_low_id=low, user_high_id=high, requester=beto)
    with pytest.raises(IntegrityError), transaction.atomic():
        Connection.objects.create(user_low_id=ana.pk, user_high_id=ana.pk, requester=ana)


def test_asking_back_accepts(ana, beto):
    connection_request(sender=ana, recipient=beto)
    connection = connection_request(sender=beto, recipient=ana)
    assert connection.status == "accepted"
    with pytest.raises(Conflict):
        connection_request(sender=ana, recipient=beto)


def test_decline_then_ask_again_withdraw_and_remove(ana, beto):
    request = connection_request(sender=ana, recipient=beto)
    connection_decline(user=beto, connection_id=request.pk)
    again = connection_request(sender=ana, recipient=beto)
    assert again.pk == request.pk and again.status == "pending"
    connection_delete(user=ana, connection_id=again.pk)  # withdraw
    assert not Connection.objects.exists()
    request = connection_request(sender=ana, recipient=beto)
    with pytest.raises(Conflict):
        connection_delete(user=beto, connection_id=request.pk)  # cannot withdraw theirs
    connection_accept(user=beto, connection_id=request.pk)
    connection_delete(user=beto, connection_id=request.pk)  # remove
    assert selectors.connected_user_ids(ana) == set()


def test_block_ends_the_connection_and_stops_requests(ana, beto):
    request = connection_request(sender=ana, recipient=beto)
    connection_accept(user=beto, connection_id=request.pk)
    user_block(user=beto, other=ana)
    assert selectors.is_blocked(ana, beto)
    assert selectors.connected_user_ids(ana) == set()
    with pytest.raises(NotPermitted):
        connection_request(sender=ana, recipient=beto)
    with pytest.raises(Conflict):
        user_unblock(user=ana, other=beto)  # only the one who blocked can unblock
    user_unblock(user=beto, other=ana)
    assert connection_request(sender=ana, recipient=beto).status == "pending"


def test_mutual_connections_and_suggestions(ana, beto, make_user):
    carla = make_user(Role.MEMBER)
    for other in (ana, beto):
        connection_accept(
            user=carla, connection_id=connection_request(sender=other, recipient=carla).pk
        )
    assert selectors.mutual_count(ana, beto) == 1
    ana.profile.ai_interests = ["NLP", "RAG"]
    ana.profile.save()
    beto.profile.ai_interests = ["nlp"]
    beto.profile.save()
    stranger = make_user(Role.MEMBER)
    stranger.profile.ai_interests = ["Robotics"]
    stranger.profile.save()
    assert selectors.people_you_may_know(ana) == [beto]
    user_block(user=beto, other=ana)
    assert selectors.people_you_may_know(ana) == []


class TestPage:
    def test_request_accept_from_the_dashboard(self, client, ana, beto):
        ana.profile.ai_interests = ["NLP"]
        ana.profile.save()
        beto.profile.ai_interests = ["NLP"]
        beto.profile.save()
        client.force_login(ana)
        page = client.get("/es/dashboard/connections/").content.decode()
        assert "Beto G" in page  # suggested
        client.post(f"/es/dashboard/connections/request/{beto.pk}/")
        client.force_login(beto)
        request = Connection.objects.get()
        assert "Ana R" in client.get("/es/dashboard/connections/").content.decode()
        client.post(f"/es/dashboard/connections/{request.pk}/accept/")
        assert selectors.connected_user_ids(beto) == {ana.pk}

    def test_the_page_draws_each_member_as_a_row_with_buttons(self, client, ana, beto):
        from bs4 import BeautifulSoup

        request = connection_request(sender=ana, recipient=beto)
        client.force_login(beto)
        soup = BeautifulSoup(client.get("/es/dashboard/connections/").content, "html.parser")
        row = soup.select_one("#incoming-heading + .row-list > li")
        assert row.select_one(".avatar").get_text(strip=True) == "AR"
        assert row.select_one(".row-title").get_text(strip=True) == "Ana R"
        actions = {form["action"]: form.button.get_text(" ", strip=True) for form in row("form")}
        assert actions == {
            f"/es/dashboard/connections/{request.pk}/accept/": "Aceptar : Ana R",
            f"/es/dashboard/connections/{request.pk}/decline/": "Rechazar : Ana R",
        }
        assert soup.select_one("#connections-heading ~ .empty-state") is not None

    def test_strangers_cannot_act_on_a_connection(self, client, ana, beto, make_user):
        request = connection_request(sender=ana, recipient=beto)
        client.force_login(make_user(Role.MEMBER))
        assert client.post(f"/es/dashboard/connections/{request.pk}/accept/").status_code == 404
        assert client.post(f"/es/dashboard/connections/{request.pk}/shout/").status_code == 404


class TestAPI:
    def test_full_cycle(self, api_client, ana, beto):
        api_client.force_authenticate(ana)
        created = api_client.post("/api/v1/connections/", {"user_id": beto.pk}, format="json")
        assert created.status_code == 201, created.content
        assert created.json()["member"]["display_name"] == "Beto G"
        outgoing = api_client.get("/api/v1/connections/requests/").json()["outgoing"]
        assert [r["member"]["id"] for r in outgoing] == [beto.pk]
        api_client.force_authenticate(beto)
        pk = created.json()["id"]
        assert api_client.post(f"/api/v1/connections/{pk}/accept/").json()["status"] == "accepted"
        assert [m["id"] for m in api_client.get("/api/v1/connections/").json()["results"]] == [
            ana.pk
        ]
        assert api_client.delete(f"/api/v1/connections/{pk}/").status_code == 204
        assert (
            api_client.post("/api/v1/blocks/", {"user_id": ana.pk}, format="json").status_code
            == 204
        )
        api_client.force_authenticate(ana)
        # blocked: the other member is invisible
        assert (
            api_client.post("/api/v1/connections/", {"user_id": beto.pk}, format="json").status_code
            == 404
        )

    def test_errors_are_clear(self, api_client, ana):
        api_client.force_authenticate(ana)
        response = api_client.post("/api/v1/connections/", {"user_id": ana.pk}, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "self_connection"
        assert (
            api_client.post("/api/v1/connections/", {"user_id": 10**9}, format="json").status_code
            == 404
        )
        assert (
            api_client.delete(f"/api/v1/blocks/{ana.pk}/").json()["error"]["code"] == "not_blocked"
        )


def test_request_listing_costs_the_same_for_one_and_many(api_client, ana, make_user):
    from tests.query_budget import assert_constant_queries

    def add():
        other = make_user(Role.MEMBER)
        connection_request(sender=other, recipient=ana)
        connection_request(sender=ana, recipient=make_user(Role.MEMBER))

    api_client.force_authenticate(ana)
    assert_constant_queries(
        lambda: api_client.get("/api/v1/connections/requests/").json(), add, budget=6
    )
