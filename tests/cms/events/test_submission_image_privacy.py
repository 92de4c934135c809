"""The image an organizer uploads to a submission stays private (its organizer and the
moderators see it) until the event is published; then it is public (issue #19)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.models import CollectionViewRestriction

from cms.events import services
from cms.events.factories import make_venue
from cms.events.models import EventPage
from community.accounts.roles import Role
from tests.cms.events.test_submissions import _decide, complete

pytestmark = pytest.mark.django_db


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 16), "red").save(buffer, "PNG")
    return SimpleUploadedFile("cartel.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def organizer(make_user):
    return make_user(Role.ORGANIZER)


@pytest.fixture
def moderator(make_user):
    return make_user("moderator")


@pytest.fixture
def submission(organizer):
    draft = services.submission_create(user=organizer, language="es", data=complete(make_venue()))
    return services.submission_set_image(
        submission=draft, user=organizer, upload=_png(), alt_text="Un cartel rojo"
    )


def _seen(client, image, rendition) -> bool:
    # Newest first: the demo library's images fill the first page of the listing.
    items = client.get("/api/v2/images/", {"order": "-id"}).json()["items"]
    answers = {
        "listed": image.pk in {item["id"] for item in items},
        "detail": client.get(f"/api/v2/images/{image.pk}/").status_code == 200,
        "original": client.get(image.file.url).status_code == 200,
        "rendition": client.get(rendition.url).status_code == 200,
    }
    assert len(set(answers.values())) == 1, answers
    return answers["listed"]


def test_a_draft_submissions_image_is_for_its_organizer_and_the_moderators_only(
    client, submission, organizer, moderator, make_user
):
    image = submission.image
    rendition = image.get_rendition("max-480x270")  # what the organizer's review page shows
    assert CollectionViewRestriction.objects.filter(collection=image.collection).exists()
    assert not _seen(client, image, rendition)
    for who in (make_user(Role.MEMBER), make_user(Role.ORGANIZER)):
        client.force_login(who)
        assert not _seen(client, image, rendition)
    for who in (organizer, moderator, make_user(Role.ADMIN)):
        client.force_login(who)
        assert _seen(client, image, rendition)


def test_the_image_is_public_once_the_event_is_published(
    client, indexes, submission, organizer, moderator, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    image = submission.image
    rendition = image.get_rendition("max-480x270")
    with capture(execute=True):
        submission = services.submission_submit(submission=submission, user=organizer)
    assert not _seen(client, image, rendition)  # waiting for review: a draft page uses it
    page = EventPage.objects.get(pk=submission.page_id)
    _decide(page, moderator, "approve", "", capture)
    assert _seen(client, image, rendition)
    for translation in EventPage.objects.filter(translation_key=page.translation_key):
        translation.unpublish()
    assert not _seen(client, image, rendition)


def test_the_admin_chooser_offers_organizers_only_the_images_they_may_see(
    client, submission, organizer, make_user
):
    url = "/admin/images/chooser/"
    mark = f"/admin/images/chooser/chosen/{submission.image_id}/"
    client.force_login(make_user(Role.ORGANIZER))
    response = client.get(url)
    assert response.status_code == 200 and mark not in response.content.decode()
    client.force_login(organizer)
    assert mark in client.get(url).content.decode()


def test_the_migration_restricts_a_collection_made_before_it():
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Collection

    migration = import_module("cms.events.migrations.0003_restrict_submissions_collection")
    collection = Collection.get_first_root_node().add_child(name=services.SUBMISSIONS_COLLECTION)
    migration.restrict(apps, None)
    migration.restrict(apps, None)  # once only
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert [group.name for group in restriction.groups.all()] == ["Moderators"]
