"""A member's history: member since, connections count (private if the member wants), and the
pluggable activity list, with the connections app's "connected with" as the first source."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from community.accounts import history
from community.accounts.history import HistoryItem, member_history, register_history_source
from community.accounts.roles import Role
from community.connections.services import connection_accept, connection_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(make_user):
    return make_user(Role.MEMBER, first_name="Ana", last_name="Restrepo")


@pytest.fixture
def beto(make_user):
    return make_user(Role.MEMBER, first_name="Beto", last_name="Gómez")


def _connect(a, b):
    return connection_accept(user=b, connection_id=connection_request(sender=a, recipient=b).pk)


@pytest.fixture
def extra_source():
    """A second source, as forums or events will register from their own apps."""
    before = dict(history._SOURCES)

    def talks_given(user, viewer):
        return [
            HistoryItem(
                when=timezone.now() - timedelta(days=days), text=f"Talk {days}", url="/es/talks/"
            )
            for days in (1, 30)
        ]

    register_history_source("events.talks", "Talks", talks_given)
    yield
    history._SOURCES.clear()
    history._SOURCES.update(before)


def test_connections_are_a_registered_source():
    assert "connections.accepted" in {source.code for source in history.history_sources()}


def test_the_member_sees_whom_they_connected_with(ana, beto, make_user):
    _connect(ana, beto)
    connection_request(sender=ana, recipient=make_user(Role.MEMBER, first_name="Pendiente"))
    with translation.override("en"):
        own = member_history(user=ana, viewer=ana)
    assert own["member_since"] == ana.date_joined
    assert own["connections_count"] == 1
    assert [(item.source, item.text, item.url) for item in own["items"]] == [
        ("connections.accepted", "Connected with Beto Gómez", f"/en/members/{beto.pk}/")
    ]


def test_others_see_the_count_but_not_the_list(ana, beto, make_user):
    _connect(ana, beto)
    seen = member_history(user=ana, viewer=make_user(Role.MEMBER))
    assert seen["connections_count"] == 1 and seen["items"] == []


def test_a_private_connections_count_is_hidden_from_others_only(ana, beto):
    _connect(ana, beto)
    ana.profile.private_fields = ["connections"]
    ana.profile.save()
    assert member_history(user=ana, viewer=beto)["connections_count"] is None
    assert member_history(user=ana, viewer=ana)["connections_count"] == 1


def test_sources_are_merged_newest_first(ana, beto, extra_source):
    _connect(ana, beto)
    with translation.override("en"):
        items = member_history(user=ana, viewer=ana)["items"]
    assert [item.text for item in items] == ["Connected with Beto Gómez", "Talk 1", "Talk 30"]
    assert [item.source for item in items][1:] == ["events.talks", "events.talks"]
    assert len(member_history(user=ana, viewer=ana, limit=2)["items"]) == 2


def test_the_pages_show_the_history(client, ana, beto):
    _connect(ana, beto)
    client.force_login(ana)
    page = client.get("/es/dashboard/profile/").content.decode()
    assert "Historial" in page and "Miembro desde" in page
    assert f'href="/es/members/{beto.pk}/">Conectado con Beto Gómez</a>' in page
    page = client.get(f"/es/members/{ana.pk}/").content.decode()
    assert "Conectado con Beto Gómez" in page and 'data-connections="1"' in page
    client.force_login(beto)
    page = client.get(f"/es/members/{ana.pk}/").content.decode()
    assert "Historial" in page and 'data-connections="1"' in page
    assert "Conectado con" not in page


def test_the_api_gives_the_history(api_client, ana, beto):
    _connect(ana, beto)
    api_client.force_authenticate(ana)
    body = api_client.get(f"/api/v1/members/{ana.pk}/").json()["history"]
    assert body["connections_count"] == 1
    assert [item["source"] for item in body["items"]] == ["connections.accepted"]
    api_client.force_authenticate(beto)
    body = api_client.get(f"/api/v1/members/{ana.pk}/").json()["history"]
    assert body["items"] == [] and body["member_since"]
