"""API conventions: OpenAPI document, error format, auth, pagination; Wagtail's content API."""

import pytest
import yaml
from drf_spectacular.validation import validate_schema

from community.accounts.models import RoleChange
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _error(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_schema_is_a_valid_openapi_3_document_of_our_api(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)  # raises on an invalid OpenAPI 3 document
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/me/",
        "/api/v1/role-changes/",
        "/api/v1/users/{user_id}/role/",
    }
    # Wagtail's and wagtail-localize's internal views are not part of it
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "sessionToken" in schema["components"]["securitySchemes"]
    assert "Error" in schema["components"]["schemas"]


def test_schema_generation_has_no_warnings(tmp_path):
    from django.core.management import call_command

    call_command(
        "spectacular",
        "--urlconf",
        "config.api.schema_urls",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )


def test_interactive_docs_are_served_without_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn.jsdelivr" not in html


def test_anonymous_gets_401_in_the_error_format(api_client):
    error = _error(api_client.get("/api/v1/me/"), 401, "not_authenticated")
    assert error["fields"] == {}


def test_me_returns_account_role_and_profile(api_client, member):
    api_client.force_authenticate(member)
    body = api_client.get("/api/v1/me/").json()
    assert body["email"] == member.email
    assert body["role"] == "member"
    assert body["profile"]["contact_preferences"] == {
        "email": True,
        "phone": False,
        "whatsapp": False,
    }


def test_me_update_changes_only_given_fields(api_client, member):
    api_client.force_authenticate(member)
    response = api_client.patch(
        "/api/v1/me/",
        {"first_name": "Valen", "ai_interests": ["NLP", "RAG"], "experience_level": "advanced"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["first_name"] == "Valen"
    assert body["profile"]["ai_interests"] == ["NLP", "RAG"]
    assert body["profile"]["experience_level"] == "advanced"
    assert body["profile"]["signup_completed"] is True
    member.profile.refresh_from_db()
    assert member.profile.ai_interests == ["NLP", "RAG"]


def test_bad_input_is_a_400_naming_each_field(api_client, member):
    api_client.force_authenticate(member)
    response = api_client.patch(
        "/api/v1/me/",
        {
            "experience_level": "wizard",
            "ai_interests": "not-a-list",
            "linkedin_url": "javascript:x",
        },
        format="json",
    )
    error = _error(response, 400, "invalid")
    assert set(error["fields"]) == {"experience_level", "ai_interests", "linkedin_url"}
    member.profile.refresh_from_db()
    assert member.profile.experience_level == ""  # nothing half-written


@pytest.mark.parametrize(
    "body", ["{not json", "[" * 3000, '{"a": ' * 2000], ids=["broken", "deep list", "deep object"]
)
def test_malformed_json_is_a_400(api_client, member, body):
    # too deep for Python's recursion limit: a 400 too (DRF's parser let it become a 500)
    response = api_client.post("/api/v1/holds/", body, content_type="application/json")
    _error(response, 400, "malformed_request")
    api_client.force_authenticate(member)
    response = api_client.patch("/api/v1/me/", body, content_type="application/json")
    _error(response, 400, "malformed_request")
    # allauth's headless API reads its JSON itself
    response = api_client.post("/_allauth/browser/v1/auth/login", body,
                               content_type="application/json")  # fmt: skip
    assert response.status_code == 400


@pytest.mark.parametrize("role", [Role.ATTENDEE, Role.MEMBER, Role.ORGANIZER])
def test_non_admins_cannot_change_roles_through_the_api(api_client, make_user, member, role):
    api_client.force_authenticate(make_user(role))
    response = api_client.put(f"/api/v1/users/{member.pk}/role/", {"role": "admin"}, format="json")
    _error(response, 403, "permission_denied")
    _error(api_client.get("/api/v1/role-changes/"), 403, "permission_denied")
    member.refresh_from_db()
    assert not member.is_superuser


def test_admin_changes_a_role_through_the_api(api_client, admin_user, member):
    api_client.force_authenticate(admin_user)
    response = api_client.put(
        f"/api/v1/users/{member.pk}/role/", {"role": "organizer", "reason": "API"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["changed_by"] == admin_user.email
    assert RoleChange.objects.filter(
        user=member, new_role="organizer", changed_by=admin_user
    ).exists()
    again = api_client.put(f"/api/v1/users/{member.pk}/role/", {"role": "organizer"}, format="json")
    assert again.status_code == 200
    assert again.json() == {"changed": False, "role": "organizer"}


def test_role_api_errors(api_client, admin_user, member):
    api_client.force_authenticate(admin_user)
    _error(
        api_client.put("/api/v1/users/999999/role/", {"role": "member"}, format="json"),
        404,
        "not_found",
    )
    error = _error(
        api_client.put(f"/api/v1/users/{member.pk}/role/", {"role": "king"}, format="json"),
        400,
        "invalid",
    )
    assert "role" in error["fields"]
    _error(
        api_client.put(f"/api/v1/users/{admin_user.pk}/role/", {"role": "member"}, format="json"),
        400,
        "cannot_demote_self",
    )


def test_role_history_is_paginated_filtered_and_bounded_in_queries(
    api_client, admin_user, make_user, django_assert_max_num_queries
):
    users = [make_user(Role.MEMBER) for _ in range(25)]
    api_client.force_authenticate(admin_user)
    with django_assert_max_num_queries(6):
        body = api_client.get("/api/v1/role-changes/").json()
    assert body["count"] == 26  # 25 members + the admin
    assert len(body["results"]) == 20
    assert body["next"].endswith("page=2")
    only = api_client.get("/api/v1/role-changes/", {"user": users[0].pk}).json()
    assert [r["user"] for r in only["results"]] == [users[0].email]
    _error(api_client.get("/api/v1/role-changes/", {"page": 99}), 404, "not_found")
    _error(api_client.get("/api/v1/role-changes/", {"new_role": "king"}), 400, "invalid")


def test_wagtail_content_api_lists_demo_pages_in_both_locales(api_client, demo_site):
    es = api_client.get("/api/v2/pages/", {"locale": "es", "fields": "title"}).json()
    en = api_client.get("/api/v2/pages/", {"locale": "en", "fields": "title"}).json()
    es_titles = {item["title"] for item in es["items"]}
    en_titles = {item["title"] for item in en["items"]}
    assert {"Inicio", "Acerca de Medellín AI", "Código de conducta"} <= es_titles
    assert {"Home", "About Medellín AI", "Code of conduct"} <= en_titles
    # each listing keeps to its language (the library's resources may share a name)
    assert es_titles.isdisjoint({"Home", "About Medellín AI", "Code of conduct"})
    assert en_titles.isdisjoint({"Inicio", "Acerca de Medellín AI", "Código de conducta"})
    home_en = api_client.get(
        "/api/v2/pages/", {"locale": "en", "type": "home.HomePage", "fields": "hero_title"}
    ).json()
    assert home_en["items"][0]["hero_title"] == "Medellín's artificial intelligence community"


def test_wagtail_content_api_serves_images_and_documents(api_client, db):
    assert api_client.get("/api/v2/images/").status_code == 200
    assert api_client.get("/api/v2/documents/").status_code == 200


def test_unknown_api_paths_are_json_404s(api_client):
    _error(api_client.get("/api/v1/nothing-here/"), 404, "not_found")
    _error(api_client.post("/api/v1/notifications/-1/archive/"), 404, "not_found")


def test_an_api_404_is_final_without_flatpage_or_redirect_lookups(
    api_client, db, django_assert_num_queries
):
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site
    from wagtail.contrib.redirects.models import Redirect

    # even an editor's redirect or a flatpage at that path does not turn the API's 404
    Redirect.objects.create(old_path="/api/v1/nothing-here", redirect_link="https://example.org/")
    page = FlatPage.objects.create(url="/api/v1/nothing-here/", title="x", content="x")
    page.sites.add(Site.objects.get_current())
    with django_assert_num_queries(0):
        _error(api_client.get("/api/v1/nothing-here/"), 404, "not_found")
    # the site's paths still fall back to editors' redirects
    Redirect.objects.create(old_path="/viejo", redirect_link="https://example.org/")
    response = api_client.get("/viejo")
    assert response.status_code in (301, 302) and response["Location"] == "https://example.org/"


def test_a_missing_trailing_slash_is_redirected_keeping_the_method(api_client):
    response = api_client.get("/api/v1/me?x=1")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/me/?x=1"


def test_a_views_rate_limit_counters_are_counted_together_and_expire_with_their_window():
    import uuid

    from django.core.cache import cache

    from config.api.throttling import _count

    run = uuid.uuid4().hex
    windows = [(f"throttle-{run}-minute", 60), (f"throttle-{run}-hour", 3600)]
    assert _count(cache, windows) == [1, 1]
    assert _count(cache, windows) == [2, 2]
    assert _count(cache, windows[1:]) == [3]
    if hasattr(cache, "ttl"):  # Redis (CI): each counter lives as long as its window
        assert 0 < cache.ttl(windows[0][0]) <= 60
        assert 60 < cache.ttl(windows[1][0]) <= 3600
