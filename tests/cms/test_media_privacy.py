"""Images and documents attached to content a caller cannot see (a draft, a private page, a
members-only resource, a restricted collection) are neither listed by the content API nor
served from /media/ to that caller; public ones stay public and cheap (issue #19)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.events.factories import event_indexes, make_event
from community.accounts.roles import Role
from tests.query_budget import count_queries

pytestmark = pytest.mark.django_db


def _image(title="Cartel", collection=None, user=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 16), "red").save(buffer, "PNG")
    upload = SimpleUploadedFile(f"{title.lower()}.png", buffer.getvalue(), "image/png")
    fields = {"collection": collection} if collection else {}
    return get_image_model().objects.create(
        title=title, file=upload, description=title, uploaded_by_user=user, **fields
    )


def _document(title="Guía", collection=None):
    document = get_document_model()(
        title=title, **({"collection": collection} if collection else {})
    )
    document.file.save(f"{title.lower()}.txt", ContentFile(b"texto"), save=False)
    document.save()
    return document


def _listed(client, kind: str, item) -> bool:
    """Listed, and found by a search for its title — or neither."""
    items = client.get(f"/api/v2/{kind}/", {"limit": 100}).json()["items"]
    listed = item.pk in {found["id"] for found in items}
    response = client.get(f"/api/v2/{kind}/", {"search": item.title})
    assert response.status_code == 200, response.content
    assert (item.pk in {found["id"] for found in response.json()["items"]}) == listed
    return listed


def _image_seen(client, image, rendition) -> bool:
    """Listed, readable in detail, and both files served — or none of these."""
    answers = {
        "listed": _listed(client, "images", image),
        "detail": client.get(f"/api/v2/images/{image.pk}/").status_code == 200,
        "original": client.get(image.file.url).status_code == 200,
        "rendition": client.get(rendition.url).status_code == 200,
    }
    assert len(set(answers.values())) == 1, answers
    return answers["listed"]


def _document_seen(client, document) -> bool:
    answers = {
        "listed": _listed(client, "documents", document),
        "detail": client.get(f"/api/v2/documents/{document.pk}/").status_code == 200,
        "file": client.get(f"/media/{document.file.name}").status_code == 200,
    }
    assert len(set(answers.values())) == 1, answers
    return answers["listed"]


@pytest.fixture
def index(demo_site):
    return event_indexes(demo_site["homes"])["es"]


@pytest.fixture
def editor(make_user):
    user = make_user(Role.MEMBER)
    user.groups.add(Group.objects.get(name="Editors"))  # Wagtail's: images in every collection
    return user


def test_an_image_of_a_draft_page_is_hidden_until_the_page_is_published(
    client, index, make_user, editor
):
    image = _image()
    rendition = image.get_rendition("fill-8x8")
    event = make_event(index, image=image, publish=False)
    assert not _image_seen(client, image, rendition)
    client.force_login(make_user(Role.MEMBER))
    assert not _image_seen(client, image, rendition)
    client.force_login(editor)
    assert _image_seen(client, image, rendition)
    client.logout()

    event.save_revision().publish()
    assert _image_seen(client, image, rendition)
    event.refresh_from_db()
    event.unpublish()
    assert not _image_seen(client, image, rendition)


def test_an_image_used_by_a_draft_and_a_live_page_is_public(client, index):
    image = _image()
    make_event(index, image=image, publish=False)
    make_event(index, image=image)
    assert _image_seen(client, image, image.get_rendition("fill-8x8"))


def test_an_image_of_a_private_page_is_for_those_who_may_open_the_page(client, index, make_user):
    image = _image()
    event = make_event(index, image=image)
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    rendition = image.get_rendition("fill-8x8")
    assert not _image_seen(client, image, rendition)
    client.force_login(make_user(Role.ATTENDEE))
    assert _image_seen(client, image, rendition)


def test_images_of_a_restricted_collection_are_served_only_to_those_it_admits(client, make_user):
    root = Collection.get_first_root_node()
    board = root.add_child(name="Junta")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    image = _image(collection=board)
    rendition = image.get_rendition("fill-8x8")
    assert not _image_seen(client, image, rendition)  # Wagtail's API already hid it; /media/ not
    client.force_login(make_user(Role.ATTENDEE))
    assert _image_seen(client, image, rendition)


def test_library_images_nothing_uses_stay_public_and_cheap(client):
    image = _image()
    rendition = image.get_rendition("fill-8x8")
    assert _image_seen(client, image, rendition)
    client.get(image.file.url)  # warm the content types
    queries, sql = count_queries(lambda: client.get(image.file.url))
    assert queries <= 4, sql
    queries, sql = count_queries(lambda: client.get(rendition.url))
    assert queries <= 4, sql


def test_a_document_of_a_draft_or_private_page_is_hidden_from_those_who_cannot_see_it(
    client, disk_storage, demo_site, make_user, editor
):
    from cms.resources.models import ResourceIndexPage, ResourcePage

    home = demo_site["homes"]["es"]
    library = ResourceIndexPage.objects.child_of(home).get()  # the demo's (tests/conftest.py)
    draft_file, private_file = _document("Borrador"), _document("Privado")
    draft = ResourcePage(title="Borrador", slug="borrador", summary="s", locale=home.locale,
                         document=draft_file, live=False)  # fmt: skip
    library.add_child(instance=draft)
    private = ResourcePage(title="Privado", slug="privado", summary="s", locale=home.locale,
                           document=private_file)  # fmt: skip
    library.add_child(instance=private)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    for document in (draft_file, private_file):
        assert not _document_seen(client, document)
        assert client.get(document.url).status_code == 404  # Wagtail's /documents/ URL
    attendee = make_user(Role.ATTENDEE)
    client.force_login(attendee)
    assert not _document_seen(client, draft_file)
    assert _document_seen(client, private_file)
    assert client.get(private_file.url).status_code == 200
    client.force_login(editor)
    assert _document_seen(client, draft_file)

    client.logout()
    draft.save_revision().publish()
    assert _document_seen(client, draft_file)
    assert client.get(draft_file.url).status_code == 200


def test_members_only_files_are_not_served_from_media_to_non_members(client, library, make_user):
    from cms.resources.models import ResourcePage

    restricted = ResourcePage.objects.filter(slug="kit-ponentes").first().document
    public = ResourcePage.objects.filter(slug="guia-rapida").first().document
    assert _document_seen(client, public)
    assert not _document_seen(client, restricted)
    client.force_login(make_user(Role.ATTENDEE))
    assert not _document_seen(client, restricted)
    client.force_login(make_user(Role.MEMBER))
    assert _document_seen(client, restricted)


def test_documents_of_a_restricted_collection_are_not_served_from_media(client, make_user):
    root = Collection.get_first_root_node()
    board = root.add_child(name="Junta")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = _document(collection=board)
    assert not _document_seen(client, document)
    client.force_login(make_user(Role.ATTENDEE))
    assert _document_seen(client, document)
