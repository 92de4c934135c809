"""Alt text is required: an image cannot be added or edited in the admin without one, while
the multiple uploader's file-only first step still works."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


def _png(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#3366cc").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_single_upload_requires_alt_text(editor_client):
    demo_images = set(Image.objects.values_list("pk", flat=True))
    response = editor_client.post(
        "/admin/images/add/", {"title": "Meetup", "file": _png(), "description": ""}
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert set(Image.objects.values_list("pk", flat=True)) == demo_images

    response = editor_client.post(
        "/admin/images/add/",
        {"title": "Meetup", "file": _png(), "description": "Forty people around a laptop"},
    )
    assert response.status_code == 302
    assert Image.objects.exclude(pk__in=demo_images).get().default_alt_text == (
        "Forty people around a laptop"
    )


def test_multiple_upload_asks_alt_text_in_the_details_step(editor_client):
    demo_images = list(Image.objects.values_list("pk", flat=True))
    response = editor_client.post("/admin/images/multiple/add/", {"files[]": _png()})
    assert response.json()["success"] is True
    image = Image.objects.exclude(pk__in=demo_images).get()

    url = f"/admin/images/multiple/{image.pk}/"
    prefix = f"image-{image.pk}"
    missing = editor_client.post(url, {f"{prefix}-title": "Meetup", f"{prefix}-description": ""})
    assert missing.json()["success"] is False
    image.refresh_from_db()
    assert image.description == ""

    done = editor_client.post(
        url, {f"{prefix}-title": "Meetup", f"{prefix}-description": "A talk at Ruta N"}
    )
    assert done.json()["success"] is True
    image.refresh_from_db()
    assert image.description == "A talk at Ruta N"
