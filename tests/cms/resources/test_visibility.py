"""Members-only resources: anonymous visitors are sent to log in, signed-in accounts without
the member role get a 403, members get through — on the page, the download route,
Wagtail's document URL and the content API (pages and documents)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Locale

from cms.resources.models import ResourceAccess, ResourcePage

pytestmark = pytest.mark.django_db


def _page(slug, lang="es"):
    return ResourcePage.objects.get(slug=slug, locale=Locale.objects.get(language_code=lang))


@pytest.mark.parametrize("suffix", ["", "download/"])
def test_anonymous_visitors_are_sent_to_log_in(client, library, suffix):
    page = _page("kit-ponentes")
    response = client.get(page.url + suffix)
    assert response.status_code == 302
    assert response["Location"].startswith("/es/auth/login/?next=")
    assert ResourceAccess.objects.count() == 0
    page.refresh_from_db()
    assert page.download_count == 0


@pytest.mark.parametrize("suffix", ["", "download/"])
def test_accounts_without_the_member_role_get_a_clear_403(client, library, attendee, suffix):
    client.force_login(attendee)
    response = client.get(_page("kit-ponentes").url + suffix)
    assert response.status_code == 403
    assert "miembros" in response.content.decode()


@pytest.mark.parametrize("role", ["member", "organizer", "admin"])
def test_members_open_and_download_members_only_resources(client, library, make_user, role):
    client.force_login(make_user(role))
    page = _page("kit-ponentes")
    assert client.get(page.url).status_code == 200
    response = client.get(page.url + "download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"Kit para ponentes")


def test_public_resources_are_open_to_everyone(client, library):
    page = _page("guia-rapida")
    assert client.get(page.url).status_code == 200
    assert client.get(page.url + "download/").status_code == 200


def test_wagtail_document_urls_of_members_only_files_are_guarded(
    client, disk_storage, library, attendee, member
):
    restricted = _page("kit-ponentes").document
    public = _page("guia-rapida").document
    for document in (restricted, public):  # the library's files, put where Wagtail serves them
        document.file.storage.save(document.file.name, ContentFile(b"demo"))
    assert client.get(public.url).status_code == 200
    response = client.get(restricted.url)
    assert response.status_code == 302 and "/auth/login/" in response["Location"]
    client.force_login(attendee)
    assert client.get(restricted.url).status_code == 403
    client.force_login(member)
    assert client.get(restricted.url).status_code == 200


def test_content_api_hides_members_only_resources_from_non_members(
    client, library, attendee, member
):
    page = _page("kit-ponentes", "en")
    params = {"type": "resources.ResourcePage", "limit": 100}
    for who in (None, attendee):
        if who:
            client.force_login(who)
        items = client.get("/api/v2/pages/", params).json()["items"]
        assert len(items) == 32  # 40 resources in two languages, 8 of them members-only
        assert page.pk not in {item["id"] for item in items}
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        untyped = client.get("/api/v2/pages/", {"limit": 100, "locale": "en"}).json()["items"]
        assert page.pk not in {item["id"] for item in untyped}
        found = client.get("/api/v2/pages/find/", {"html_path": "/en/resources/kit-ponentes/"})
        assert found.status_code == 404
        documents = client.get("/api/v2/documents/").json()["items"]
        assert [d["title"] for d in documents] == ["Guía rápida de la comunidad"]
    client.force_login(member)
    assert len(client.get("/api/v2/pages/", params).json()["items"]) == 40
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert detail["visibility"] == "members"
    assert detail["document"]["filename"] == "kit-ponentes-medellin-ai.txt"
    assert detail["download_url"] == "/en/resources/kit-ponentes/download/"
    assert len(client.get("/api/v2/documents/").json()["items"]) == 2


def test_listing_shows_members_only_resources_to_anonymous_visitors_as_teasers(client, library):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/en/resources/?q=speaker").content, "html.parser")
    card = soup.select_one(".resource-card")
    assert card.select_one(".badge-members") is not None
    assert card.select_one(".resource-teaser-note a")["href"].startswith("/en/auth/login/?next=")
    assert card.select_one(".resource-tags") is None  # the teaser shows title and summary only


def test_sitemap_leaves_out_members_only_resources(client, library):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/es/recursos/intro-ml/" in xml and "/en/resources/intro-ml/" in xml
    assert "kit-ponentes" not in xml
