"""Portfolio items: owner-only services with a limit, safe links, ordering, privacy, the
dashboard (no JavaScript), the public member page, the API and the Wagtail admin inline."""

import pytest

from community.accounts.models import MAX_PORTFOLIO_ITEMS, PortfolioItem
from community.accounts.roles import Role
from community.accounts.selectors import portfolio_list
from community.accounts.services import (
    portfolio_item_create,
    portfolio_item_delete,
    portfolio_item_move,
    portfolio_item_update,
    portfolio_reorder,
)
from config.errors import NotPermitted, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(make_user):
    return make_user(Role.MEMBER, first_name="Ana", last_name="Restrepo")


def _add(user, title, url="https://example.com/work", description=""):
    return portfolio_item_create(
        profile=user.profile,
        actor=user,
        data={"title": title, "url": url, "description": description},
    )


def _titles(user):
    return [item.title for item in portfolio_list(profile=user.profile)]


def test_create_update_delete_and_order(ana):
    first = _add(ana, "Asistente en español")
    second = _add(ana, "Charla de LLMs", url="")
    third = _add(ana, "Paper")
    assert _titles(ana) == ["Asistente en español", "Charla de LLMs", "Paper"]
    assert [first.sort_order, second.sort_order, third.sort_order] == [0, 1, 2]
    portfolio_item_update(item=second, actor=ana, data={"title": "Charla: LLMs paisas"})
    portfolio_reorder(profile=ana.profile, actor=ana, item_ids=[third.pk, first.pk, second.pk])
    assert _titles(ana) == ["Paper", "Asistente en español", "Charla: LLMs paisas"]
    portfolio_item_move(item=first, actor=ana, offset=-1)
    assert _titles(ana) == ["Asistente en español", "Paper", "Charla: LLMs paisas"]
    portfolio_item_move(item=first, actor=ana, offset=-1)  # already first: stays
    assert _titles(ana)[0] == "Asistente en español"
    portfolio_item_delete(item=third, actor=ana)
    assert _titles(ana) == ["Asistente en español", "Charla: LLMs paisas"]


def test_only_the_owner_changes_a_portfolio(ana, make_user):
    other = make_user(Role.MEMBER)
    item = _add(ana, "Mine")
    with pytest.raises(NotPermitted):
        portfolio_item_create(profile=ana.profile, actor=other, data={"title": "Not mine"})
    with pytest.raises(NotPermitted):
        portfolio_item_update(item=item, actor=other, data={"title": "Hacked"})
    with pytest.raises(NotPermitted):
        portfolio_item_delete(item=item, actor=other)
    with pytest.raises(NotPermitted):
        portfolio_reorder(profile=ana.profile, actor=other, item_ids=[item.pk])
    item.refresh_from_db()
    assert item.title == "Mine"


def test_a_portfolio_holds_at_most_the_limit(ana):
    for number in range(MAX_PORTFOLIO_ITEMS):
        _add(ana, f"Work {number}")
    with pytest.raises(ValidationFailed) as excinfo:
        _add(ana, "One too many")
    assert excinfo.value.code == "portfolio_full"
    assert PortfolioItem.objects.filter(profile=ana.profile).count() == MAX_PORTFOLIO_ITEMS


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/file",
        "example.com/no-scheme",
        "https://",
    ],
)
def test_only_http_and_https_links(ana, url):
    with pytest.raises(ValidationFailed) as excinfo:
        _add(ana, "Work", url=url)
    assert "url" in excinfo.value.fields
    assert not PortfolioItem.objects.exists()


def test_title_is_required_and_reorder_must_name_every_item_once(ana, make_user):
    with pytest.raises(ValidationFailed) as excinfo:
        _add(ana, "   ")
    assert "title" in excinfo.value.fields
    a, b = _add(ana, "A"), _add(ana, "B")
    foreign = _add(make_user(Role.MEMBER), "Foreign")
    for ids in ([a.pk], [a.pk, a.pk], [a.pk, b.pk, foreign.pk]):
        with pytest.raises(ValidationFailed):
            portfolio_reorder(profile=ana.profile, actor=ana, item_ids=ids)
    assert _titles(ana) == ["A", "B"]


class TestPrivacy:
    def test_public_member_page_and_api_show_the_portfolio(self, client, api_client, ana, member):
        _add(ana, "Asistente en español", description="RAG sobre normativa")
        client.force_login(member)
        page = client.get(f"/es/members/{ana.pk}/").content.decode()
        assert "Asistente en español" in page and "RAG sobre normativa" in page
        assert 'href="https://example.com/work"' in page
        api_client.force_authenticate(member)
        body = api_client.get(f"/api/v1/members/{ana.pk}/").json()
        assert [item["title"] for item in body["portfolio"]] == ["Asistente en español"]

    def test_a_private_portfolio_is_shown_only_to_its_owner(self, client, api_client, ana, member):
        _add(ana, "Secret project")
        ana.profile.private_fields = ["portfolio"]
        ana.profile.save()
        client.force_login(member)
        assert "Secret project" not in client.get(f"/es/members/{ana.pk}/").content.decode()
        api_client.force_authenticate(member)
        assert "portfolio" not in api_client.get(f"/api/v1/members/{ana.pk}/").json()
        client.force_login(ana)
        assert "Secret project" in client.get(f"/es/members/{ana.pk}/").content.decode()
        api_client.force_authenticate(ana)
        assert api_client.get(f"/api/v1/members/{ana.pk}/").json()["portfolio"]

    def test_portfolio_can_be_made_private_from_the_profile_form_and_api(
        self, client, api_client, ana
    ):
        client.force_login(ana)
        response = client.post(
            "/es/dashboard/profile/",
            {
                "profile_type": "personal",
                "preferred_language": "es",
                "private_fields": ["portfolio", "location"],
            },
        )
        assert response.status_code == 302
        ana.profile.refresh_from_db()
        assert set(ana.profile.private_fields) == {"portfolio", "location"}
        api_client.force_authenticate(ana)
        response = api_client.patch("/api/v1/me/", {"private_fields": []}, format="json")
        assert response.status_code == 200
        assert response.json()["profile"]["private_fields"] == []


class TestDashboard:
    def test_add_edit_move_and_remove_without_javascript(self, client, ana):
        client.force_login(ana)
        response = client.post(
            "/es/dashboard/profile/portfolio/",
            {
                "new-title": "Detección de roya",
                "new-url": "example.com/roya",
                "new-description": "",
            },
        )
        assert response.status_code == 302 and response.url.endswith("#portfolio")
        item = PortfolioItem.objects.get()
        assert item.url == "https://example.com/roya"  # a bare domain gets https://
        client.post(
            "/es/dashboard/profile/portfolio/",
            {"new-title": "Charla", "new-url": "", "new-description": "x"},
        )
        page = client.get("/es/dashboard/profile/").content.decode()
        assert "Detección de roya" in page and "Charla" in page
        response = client.post(
            f"/es/dashboard/profile/portfolio/{item.pk}/",
            {f"item-{item.pk}-title": "Detección de roya en café", f"item-{item.pk}-url": ""},
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert (item.title, item.url) == ("Detección de roya en café", "")
        client.post(f"/es/dashboard/profile/portfolio/{item.pk}/move/", {"direction": "down"})
        assert _titles(ana) == ["Charla", "Detección de roya en café"]
        client.post(f"/es/dashboard/profile/portfolio/{item.pk}/delete/")
        assert _titles(ana) == ["Charla"]

    def test_bad_input_is_shown_on_the_form(self, client, ana):
        client.force_login(ana)
        response = client.post(
            "/es/dashboard/profile/portfolio/",
            {"new-title": "", "new-url": "javascript:alert(1)"},
        )
        assert response.status_code == 200  # the page again, with the errors
        assert not PortfolioItem.objects.exists()
        assert 'class="errorlist' in response.content.decode()

    def test_a_full_portfolio_offers_no_add_form(self, client, ana):
        for number in range(MAX_PORTFOLIO_ITEMS):
            _add(ana, f"Work {number}")
        client.force_login(ana)
        page = client.get("/es/dashboard/profile/").content.decode()
        assert 'action="/es/dashboard/profile/portfolio/"' not in page
        response = client.post(
            "/es/dashboard/profile/portfolio/", {"new-title": "More"}, follow=True
        )
        assert "como máximo 20 trabajos" in response.content.decode()
        assert PortfolioItem.objects.count() == MAX_PORTFOLIO_ITEMS

    def test_someone_elses_item_is_404(self, client, ana, member):
        item = _add(ana, "Mine")
        client.force_login(member)
        assert client.get(f"/es/dashboard/profile/portfolio/{item.pk}/").status_code == 404
        for action in ("delete", "move"):
            response = client.post(
                f"/es/dashboard/profile/portfolio/{item.pk}/{action}/", {"direction": "up"}
            )
            assert response.status_code == 404
        assert PortfolioItem.objects.filter(pk=item.pk).exists()


class TestAPI:
    def test_list_create_update_reorder_delete(self, api_client, ana):
        api_client.force_authenticate(ana)
        created = api_client.post(
            "/api/v1/me/portfolio/",
            {"title": "Bot de cooperativa", "url": "https://example.com/bot"},
            format="json",
        )
        assert created.status_code == 201, created.content
        first = created.json()
        assert first["sort_order"] == 0 and first["description"] == ""
        second = api_client.post("/api/v1/me/portfolio/", {"title": "Paper"}, format="json").json()
        listing = api_client.get("/api/v1/me/portfolio/").json()
        assert [item["title"] for item in listing["results"]] == ["Bot de cooperativa", "Paper"]
        changed = api_client.patch(
            f"/api/v1/me/portfolio/{first['id']}/", {"description": "Con RAG"}, format="json"
        )
        assert changed.status_code == 200 and changed.json()["description"] == "Con RAG"
        assert changed.json()["title"] == "Bot de cooperativa"
        ordered = api_client.post(
            "/api/v1/me/portfolio/order/", {"ids": [second["id"], first["id"]]}, format="json"
        )
        assert [item["title"] for item in ordered.json()] == ["Paper", "Bot de cooperativa"]
        assert api_client.delete(f"/api/v1/me/portfolio/{second['id']}/").status_code == 204
        assert api_client.get("/api/v1/me/portfolio/").json()["count"] == 1

    def test_script_urls_are_a_400_naming_the_field(self, api_client, ana):
        api_client.force_authenticate(ana)
        response = api_client.post(
            "/api/v1/me/portfolio/",
            {"title": "x", "url": "javascript:alert('XSS')"},
            format="json",
        )
        assert response.status_code == 400
        assert set(response.json()["error"]["fields"]) == {"url"}
        item = _add(ana, "Fine")
        response = api_client.patch(
            f"/api/v1/me/portfolio/{item.pk}/", {"url": "javascript:alert(1)"}, format="json"
        )
        assert response.status_code == 400
        item.refresh_from_db()
        assert item.url == "https://example.com/work"

    def test_the_limit_is_a_400(self, api_client, ana):
        for number in range(MAX_PORTFOLIO_ITEMS):
            _add(ana, f"Work {number}")
        api_client.force_authenticate(ana)
        response = api_client.post("/api/v1/me/portfolio/", {"title": "More"}, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "portfolio_full"

    def test_someone_elses_item_is_404(self, api_client, ana, member):
        item = _add(ana, "Mine")
        api_client.force_authenticate(member)
        url = f"/api/v1/me/portfolio/{item.pk}/"
        assert api_client.patch(url, {"title": "x"}, format="json").status_code == 404
        assert api_client.delete(url).status_code == 404
        response = api_client.post("/api/v1/me/portfolio/order/", {"ids": [item.pk]}, format="json")
        assert response.status_code == 400  # not one of theirs
        assert api_client.get("/api/v1/me/portfolio/").json()["count"] == 0


def test_admins_see_and_edit_the_portfolio_inline(client, admin_user, ana):
    item = _add(ana, "Asistente en español")
    client.force_login(admin_user)
    page = client.get(f"/admin/profiles/edit/{ana.profile.pk}/").content.decode()
    assert "portfolio_items-TOTAL_FORMS" in page
    assert "Asistente en español" in page
    form = {
        "profile_type": "personal",
        "ai_interests": "[]",
        "skills": "[]",
        "contact_preferences": '{"email": true}',
        "preferred_language": "es",
        "portfolio_items-TOTAL_FORMS": "2",
        "portfolio_items-INITIAL_FORMS": "1",
        "portfolio_items-MIN_NUM_FORMS": "0",
        "portfolio_items-MAX_NUM_FORMS": "20",
        "portfolio_items-0-id": str(item.pk),
        "portfolio_items-0-ORDER": "2",
        "portfolio_items-0-title": "Asistente (moderado)",
        "portfolio_items-0-url": "https://example.com/a",
        "portfolio_items-0-description": "",
        "portfolio_items-1-id": "",
        "portfolio_items-1-ORDER": "1",
        "portfolio_items-1-title": "Nuevo",
        "portfolio_items-1-url": "javascript:alert(1)",
        "portfolio_items-1-description": "",
    }
    response = client.post(f"/admin/profiles/edit/{ana.profile.pk}/", form)
    assert response.status_code == 200  # the script link is refused here too
    assert _titles(ana) == ["Asistente en español"]
    form["portfolio_items-1-url"] = "https://example.com/nuevo"
    response = client.post(f"/admin/profiles/edit/{ana.profile.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _titles(ana) == ["Nuevo", "Asistente (moderado)"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_limit_holds_under_concurrent_additions(make_user):
    """Five simultaneous additions to a portfolio one short of full: the profile's row lock
    lets exactly one through."""
    import threading

    from django.db import connection

    owner = make_user(Role.MEMBER)
    for number in range(MAX_PORTFOLIO_ITEMS - 1):
        _add(owner, f"Work {number}")
    barrier = threading.Barrier(5)
    outcomes: list[str] = []

    def add(number):
        try:
            barrier.wait(timeout=10)
            _add(owner, f"Concurrent {number}")
            outcomes.append("added")
        except ValidationFailed as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["added"] + ["portfolio_full"] * 4
    assert PortfolioItem.objects.filter(profile=owner.profile).count() == MAX_PORTFOLIO_ITEMS
    orders = list(
        PortfolioItem.objects.filter(profile=owner.profile).values_list("sort_order", flat=True)
    )
    assert len(set(orders)) == MAX_PORTFOLIO_ITEMS  # no two works share a place
