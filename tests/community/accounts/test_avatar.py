"""Avatar upload: validated, cropped square, resized to 512 px WebP; site and API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

pytestmark = pytest.mark.django_db


def _image(size=(1200, 800), fmt="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, fmt)
    return SimpleUploadedFile(
        f"me.{fmt.lower()}", buffer.getvalue(), content_type=f"image/{fmt.lower()}"
    )


def test_api_upload_is_cropped_square_and_resized(api_client, member):
    api_client.force_authenticate(member)
    response = api_client.put("/api/v1/me/avatar/", {"avatar": _image()}, format="multipart")
    assert response.status_code == 200, response.content
    member.profile.refresh_from_db()
    with member.profile.avatar.open("rb") as stored:
        image = Image.open(stored)
        assert (image.format, image.size) == ("WEBP", (512, 512))
    assert response.json()["profile"]["avatar"].endswith(".webp")
    assert api_client.delete("/api/v1/me/avatar/").json()["profile"]["avatar"] is None


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(api_client, member):
    """9,500 x 9,500 pixels compress to a few KB as PNG, and take about 530 MB to process."""
    buffer = io.BytesIO()
    Image.new("1", (9500, 9500)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    bomb = SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")
    api_client.force_authenticate(member)
    response = api_client.put("/api/v1/me/avatar/", {"avatar": bomb}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "avatar_too_many_pixels"
    member.profile.refresh_from_db()
    assert not member.profile.avatar


def test_not_an_image_is_a_clear_400(api_client, member):
    api_client.force_authenticate(member)
    fake = SimpleUploadedFile("x.png", b"<?php echo 1; ?>", content_type="image/png")
    response = api_client.put("/api/v1/me/avatar/", {"avatar": fake}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "avatar_not_an_image"
    member.profile.refresh_from_db()
    assert not member.profile.avatar


def test_too_large_is_refused(api_client, member):
    api_client.force_authenticate(member)
    big = SimpleUploadedFile("big.png", b"0" * (5 * 1024 * 1024 + 1), content_type="image/png")
    response = api_client.put("/api/v1/me/avatar/", {"avatar": big}, format="multipart")
    assert response.json()["error"]["code"] == "avatar_too_large"


def test_upload_from_the_profile_page_shows_in_the_directory(client, member, make_user):
    client.force_login(member)
    response = client.post(
        "/es/dashboard/profile/",
        {"first_name": "Vale", "profile_type": "personal", "preferred_language": "es",
         "directory_visible": "on", "avatar_upload": _image(fmt="JPEG")},
    )  # fmt: skip
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.avatar.name.endswith(".webp")
    client.force_login(make_user())
    assert member.profile.avatar.url in client.get(f"/es/members/{member.pk}/").content.decode()
