"""The member directory and public profiles: privacy, blocks, filters, API."""

import pytest

from community.accounts.roles import Role
from community.connections.services import user_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    ana = make_user(Role.MEMBER, first_name="Ana", last_name="Restrepo")
    ana.profile.ai_interests, ana.profile.bio = ["NLP", "RAG"], "Trabajo en PLN secreto"
    ana.profile.experience_level = "advanced"
    ana.profile.private_fields = ["bio"]
    ana.profile.save()
    beto = make_user(Role.MEMBER, first_name="Beto", last_name="Gómez")
    beto.profile.ai_interests = ["Vision"]
    beto.profile.private_fields = ["ai_interests"]
    beto.profile.save()
    hidden = make_user(Role.MEMBER, first_name="Oculta", last_name="X")
    hidden.profile.directory_visible = False
    hidden.profile.save()
    org = make_user(Role.MEMBER, first_name="", last_name="")
    org.profile.profile_type, org.profile.organization_name = "organization", "Ruta N"
    org.profile.save()
    return {"ana": ana, "beto": beto, "hidden": hidden, "org": org}


def _names(client, **params):
    response = client.get("/es/members/", params)
    assert response.status_code == 200
    return {
        card.split("</a>")[0].split(">")[-1]
        for card in response.content.decode().split('class="card"')[1:]
    }


def test_directory_needs_sign_in(client, people):
    assert client.get("/es/members/").status_code == 302


def test_directory_lists_visible_members_and_filters(client, member, people):
    client.force_login(member)
    names = _names(client)
    assert {"Ana Restrepo", "Beto Gómez", "Ruta N"} <= names and "Oculta X" not in names
    assert _names(client, interest="nlp") == {"Ana Restrepo"}
    assert _names(client, profile_type="organization") == {"Ruta N"}
    assert _names(client, experience_level="advanced") == {"Ana Restrepo"}
    assert _names(client, query="ruta") == {"Ruta N"}


def test_private_fields_are_neither_shown_nor_searchable(client, api_client, member, people):
    client.force_login(member)
    assert _names(client, query="secreto") == set()  # bio is private
    assert _names(client, interest="vision") == set()  # Beto hid his interests
    page = client.get(f"/es/members/{people['ana'].pk}/").content.decode()
    assert "NLP" in page and "secreto" not in page
    api_client.force_authenticate(member)
    body = api_client.get(f"/api/v1/members/{people['ana'].pk}/").json()
    assert "bio" not in body and body["ai_interests"] == ["NLP", "RAG"]
    assert (
        body["experience_level_label"] == "Advanced" or body["experience_level_label"] == "Avanzado"
    )
    # the owner sees everything of their own
    api_client.force_authenticate(people["ana"])
    assert (
        api_client.get(f"/api/v1/members/{people['ana'].pk}/").json()["bio"]
        == "Trabajo en PLN secreto"
    )


def test_blocking_hides_members_from_each_other(client, api_client, member, people):
    user_block(user=people["ana"], other=member)
    client.force_login(member)
    assert "Ana Restrepo" not in _names(client)
    assert client.get(f"/es/members/{people['ana'].pk}/").status_code == 404
    api_client.force_authenticate(member)
    assert api_client.get(f"/api/v1/members/{people['ana'].pk}/").status_code == 404
    ids = [m["id"] for m in api_client.get("/api/v1/members/").json()["results"]]
    assert people["ana"].pk not in ids
    assert api_client.get(f"/api/v1/members/{people['hidden'].pk}/").status_code == 404


def test_api_directory_filters_and_bad_input(api_client, member, people):
    api_client.force_authenticate(member)
    body = api_client.get("/api/v1/members/", {"interest": "rag"}).json()
    assert [m["display_name"] for m in body["results"]] == ["Ana Restrepo"]
    bad = api_client.get("/api/v1/members/", {"experience_level": "wizard"})
    assert bad.status_code == 400 and "experience_level" in bad.json()["error"]["fields"]


def test_members_choose_privacy_in_their_profile(api_client, member):
    api_client.force_authenticate(member)
    response = api_client.patch(
        "/api/v1/me/", {"private_fields": ["skills"], "directory_visible": False}, format="json"
    )
    assert response.status_code == 200
    member.profile.refresh_from_db()
    assert member.profile.private_fields == ["skills"] and member.profile.directory_visible is False
    assert (
        api_client.patch("/api/v1/me/", {"private_fields": ["email"]}, format="json").status_code
        == 400
    )


def test_clear_filters_shows_only_for_a_real_filter(client, member, people):
    """`page` (or a field sent empty) is no filter: "Clear filters" would clear nothing."""
    client.force_login(member)

    def clears(**params):
        return 'href="?"' in client.get("/es/members/", params).content.decode()

    assert not clears()
    assert not clears(page=1)
    assert not clears(query="", interest="", page=1)
    assert clears(interest="nlp")
    assert clears(query="ruta", page=1)


def test_the_account_menu_shows_the_members_initials(client, people, make_user):
    from bs4 import BeautifulSoup

    def menu_avatar(user):
        client.force_login(user)
        soup = BeautifulSoup(client.get("/es/members/").content, "html.parser")
        return soup.select_one(".user-dropdown summary .avatar").get_text(strip=True)

    assert menu_avatar(people["ana"]) == "AR"  # from the name, not the address
    nameless = make_user(Role.MEMBER, first_name="", last_name="", email="zoe.uribe@x.co")
    assert menu_avatar(nameless) == "ZU"  # no name: the address
