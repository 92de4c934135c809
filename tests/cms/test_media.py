"""/media/ in development and tests (cms/media.py): uploads that are not Wagtail images or
documents are served as they are; a file under Wagtail's folders is served only when its
image or document is one the caller may see (tests/cms/test_media_privacy.py), so a file no
image or document owns is not served at all."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db


def test_other_uploads_are_served_as_they_are(client):
    name = default_storage.save("avatars/2026/01/ana.webp", ContentFile(b"RIFF"))
    response = client.get(f"/media/{name}")
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content) == b"RIFF"


@pytest.mark.parametrize(
    "name", ["original_images/huerfana.png", "images/huerfana.fill-8x8.png", "documents/x.txt"]
)
def test_files_in_wagtails_folders_that_nothing_owns_are_not_served(client, name):
    default_storage.save(name, ContentFile(b"x"))
    assert client.get(f"/media/{name}").status_code == 404


@pytest.mark.parametrize("path", ["avatars/none.webp", "../settings.py", "images/../../x"])
def test_missing_files_and_tricks_are_404(client, path):
    assert client.get(f"/media/{path}").status_code == 404
