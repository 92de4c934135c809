"""People you may know (issue #19): suggestions use only what the viewer may see of each
member (per-field profile privacy), and never name unlisted members or anyone on either side
of a block. Checked in the selector, the API and the dashboard page."""

import pytest

from community.accounts.roles import Role
from community.connections import selectors
from community.connections.services import connection_accept, connection_request, user_block

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/api/v1/connections/suggestions/"
PAGE = "/es/dashboard/connections/"


def _member(make_user, first, *, interests=(), skills=(), private=(), listed=True, **extra):
    user = make_user(Role.MEMBER, first_name=first, last_name="Q", **extra)
    profile = user.profile
    profile.ai_interests, profile.skills = list(interests), list(skills)
    profile.private_fields, profile.directory_visible = list(private), listed
    profile.save()
    return user


@pytest.fixture
def people(make_user):
    viewer = _member(make_user, "Ana", interests=["NLP"], skills=["Python"])
    return {
        "viewer": viewer,
        # listed, sharing a public interest: suggested, with its interests
        "beto": _member(make_user, "Beto", interests=["NLP", "Agentes"]),
        # shares a public skill; hides interests, which must not be shown
        "eva": _member(
            make_user, "Eva", interests=["NLP", "Criptozoologia"], skills=["python"],
            private=["ai_interests"],
        ),
        # unlisted: never suggested, however much is shared
        "carla": _member(make_user, "Carla", interests=["NLP"], skills=["Python"], listed=False),
        # shares only hidden fields: nothing the viewer may see matches
        "dora": _member(
            make_user, "Dora", interests=["nlp"], skills=["Python"],
            private=["ai_interests", "skills"],
        ),
        "fede": _member(make_user, "Fede", interests=["NLP"]),  # the viewer blocked
        "gabi": _member(make_user, "Gabi", interests=["NLP"]),  # blocked the viewer
        "hugo": _member(make_user, "Hugo", interests=["NLP"], is_active=False),
    }  # fmt: skip


@pytest.fixture
def blocks(people):
    user_block(user=people["viewer"], other=people["fede"])
    user_block(user=people["gabi"], other=people["viewer"])


def test_only_listed_unblocked_members_matching_on_visible_fields(people, blocks):
    suggested = selectors.people_you_may_know(people["viewer"])
    assert {user.first_name for user in suggested} == {"Beto", "Eva"}


def test_the_api_shows_only_visible_interests(api_client, people, blocks):
    api_client.force_authenticate(people["viewer"])
    response = api_client.get(SUGGESTIONS)
    assert response.status_code == 200
    by_name = {member["display_name"]: member for member in response.json()}
    assert set(by_name) == {"Beto Q", "Eva Q"}
    assert by_name["Beto Q"]["ai_interests"] == ["NLP", "Agentes"]
    assert "ai_interests" not in by_name["Eva Q"]  # hidden: absent, not blank
    assert "Criptozoologia" not in response.content.decode()


def test_the_page_shows_only_visible_interests(client, people, blocks):
    client.force_login(people["viewer"])
    page = client.get(PAGE).content.decode()
    assert "Beto Q" in page and "Agentes" in page and "Eva Q" in page
    for hidden in ("Criptozoologia", "Carla Q", "Dora Q", "Fede Q", "Gabi Q", "Hugo Q"):
        assert hidden not in page


def test_connections_do_not_see_hidden_interests_either(api_client, client, people):
    viewer, eva = people["viewer"], people["eva"]
    connection_accept(user=eva, connection_id=connection_request(sender=viewer, recipient=eva).pk)
    api_client.force_authenticate(viewer)
    listed = api_client.get("/api/v1/connections/").json()["results"]
    assert [member["display_name"] for member in listed] == ["Eva Q"]
    assert "ai_interests" not in listed[0]
    client.force_login(viewer)
    page = client.get(PAGE).content.decode()
    assert "Eva Q" in page and "Criptozoologia" not in page
