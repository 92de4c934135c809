"""Downloads are counted atomically and every access is logged with a hashed IP."""

import hashlib
import hmac

import pytest
from wagtail.models import Locale

from cms.resources.models import ResourceAccess, ResourcePage
from cms.resources.services import hash_ip

pytestmark = pytest.mark.django_db


def _page(slug, lang="es"):
    return ResourcePage.objects.get(slug=slug, locale=Locale.objects.get(language_code=lang))


def test_download_redirects_counts_and_logs_with_a_hashed_ip(client, library, member, settings):
    settings.RESOURCE_ACCESS_IP_SALT = "pepper"
    page = _page("intro-ml")
    client.force_login(member)
    response = client.get(
        page.url + "download/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="x" * 400
    )
    assert response.status_code == 302
    assert response["Location"] == "https://www.coursera.org/learn/machine-learning"
    assert response["Cache-Control"] == "private, no-store"
    client.get(page.url + "download/", REMOTE_ADDR="203.0.113.9")
    page.refresh_from_db()
    assert page.download_count == 2
    access = ResourceAccess.objects.filter(access_type="download").first()
    assert access.user == member and access.resource_id == page.pk
    expected = hmac.new(b"pepper", b"203.0.113.9", hashlib.sha256).hexdigest()
    assert access.ip_hash == expected and "203.0.113.9" not in access.ip_hash
    assert len(access.user_agent) == 255
    assert not ResourceAccess.objects.filter(ip_hash__contains="203.0").exists()


def test_page_views_are_logged_for_anonymous_visitors_without_a_user(client, library):
    page = _page("intro-ml")
    client.get(page.url, REMOTE_ADDR="198.51.100.7")
    access = ResourceAccess.objects.get()
    assert access.access_type == "view" and access.user is None
    assert access.ip_hash == hash_ip("198.51.100.7")
    page.refresh_from_db()
    assert page.download_count == 0


def test_the_salt_changes_the_hash(settings):
    settings.RESOURCE_ACCESS_IP_SALT = "one"
    first = hash_ip("192.0.2.1")
    settings.RESOURCE_ACCESS_IP_SALT = "two"
    assert hash_ip("192.0.2.1") != first
    assert hash_ip("") == ""


def test_publishing_a_revision_keeps_the_download_count(client, library):
    page = _page("intro-ml")
    for _ in range(3):
        client.get(page.url + "download/")
    page = ResourcePage.objects.get(pk=page.pk)
    revision = page.save_revision()  # an editor's revision, saved with the old count…
    ResourcePage.objects.filter(pk=page.pk).update(download_count=10)  # …downloads go on
    type(revision).objects.get(pk=revision.pk).publish()  # as the admin does: from the database
    page.refresh_from_db()
    assert page.download_count == 10
    copy = page.copy(to=page.get_parent(), update_attrs={"slug": "copia", "title": "Copia"})
    assert copy.download_count == 0


def test_admin_report_shows_downloads_per_resource_and_a_chart(client, library, admin_user, member):
    page = _page("intro-ml")
    client.get(page.url + "download/")
    client.force_login(member)
    assert client.get("/admin/resources/downloads/").status_code in (302, 403)
    client.force_login(admin_user)
    response = client.get("/admin/resources/downloads/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Curso de aprendizaje automático" in html and "<svg" in html
    assert response.context["total"] == 1 and len(response.context["bars"]) == 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_downloads_are_all_counted(library):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection
    from django.test import RequestFactory

    from cms.resources.services import AccessType, resource_record_access

    page = _page("intro-ml")

    def download(_):
        request = RequestFactory().get("/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        try:
            resource_record_access(resource=page, request=request, access_type=AccessType.DOWNLOAD)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(download, range(20)))
    page.refresh_from_db()
    assert page.download_count == 20
