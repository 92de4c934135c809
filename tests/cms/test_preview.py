"""Preview for headless frontends: the editor's unsaved draft reaches the frontend through a
signed, expiring token and /api/v2/page_preview/; the site preview stays the default."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.home.models import StandardPage

pytestmark = pytest.mark.django_db

FRONTEND = override_settings(
    FRONTEND_URL="https://front.example",
    WAGTAIL_HEADLESS_PREVIEW={
        "CLIENT_URLS": {"default": "https://front.example"},
        "REDIRECT_ON_PREVIEW": True,
    },
)


def _preview(client, page, title):
    """What the editor does: change the title without saving, open the headless preview."""
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "introduction": page.introduction,
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    url = f"/admin/pages/{page.pk}/edit/preview/"
    assert client.post(url, data).json()["is_valid"] is True
    return client.get(url, {"mode": "headless"})


def test_without_a_frontend_only_the_site_preview_is_offered(demo_site):
    page = demo_site["pages"][0]
    assert [mode for mode, _label in page.specific.preview_modes] == [""]


@FRONTEND
def test_headless_preview_serves_the_unsaved_draft_to_the_frontend(
    demo_site, admin_user, client, api_client
):
    page = StandardPage.objects.filter(locale__language_code="es").first()
    assert "headless" in [mode for mode, _label in page.preview_modes]
    client.force_login(admin_user)

    response = _preview(client, page, "Borrador sin guardar")

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}" == "https://front.example"
    query = {key: values[0] for key, values in parse_qs(target.query).items()}
    assert query["content_type"] == "home.standardpage"

    data = api_client.get("/api/v2/page_preview/", query).json()
    assert data["title"] == "Borrador sin guardar"
    assert data["id"] == page.pk
    assert data["meta"]["type"] == "home.StandardPage"
    page.refresh_from_db()
    assert page.title != "Borrador sin guardar"  # nothing was saved or published


@FRONTEND
def test_preview_tokens_are_unforgeable_and_expire(
    demo_site, admin_user, client, api_client, monkeypatch
):
    page = StandardPage.objects.filter(locale__language_code="es").first()
    client.force_login(admin_user)
    location = _preview(client, page, "Borrador")["Location"]
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}

    forged = {**query, "token": query["token"].replace("id=", "id=1")}
    assert api_client.get("/api/v2/page_preview/", forged).status_code == 404
    wrong_type = {**query, "content_type": "home.homepage"}
    assert api_client.get("/api/v2/page_preview/", wrong_type).status_code == 404
    missing = api_client.get("/api/v2/page_preview/", {"content_type": "home.standardpage"})
    assert missing.status_code == 400
    assert "token" in missing.json()["message"]

    monkeypatch.setattr("cms.preview.TOKEN_MAX_AGE", -1)
    expired = api_client.get("/api/v2/page_preview/", query)
    assert expired.status_code == 404
    assert "expired" in expired.json()["message"]


def test_members_cannot_open_previews(demo_site, member, client):
    page = StandardPage.objects.filter(locale__language_code="es").first()
    client.force_login(member)
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/", {"mode": "headless"})
    assert response.status_code in (302, 403)
