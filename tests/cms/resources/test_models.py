import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from cms.resources.models import ResourceCategory, ResourcePage

pytestmark = pytest.mark.django_db


def test_a_resource_needs_exactly_one_of_address_and_file(library):
    page = ResourcePage.objects.get(slug="guia-rapida", locale__language_code="es")
    page.external_url = "https://example.org/"
    with translation.override("en"):  # the messages are lazy: read them in English too
        with pytest.raises(ValidationError) as both:
            page.full_clean()
        assert "not both" in str(both.value)
        page.external_url, page.document = "", None
        with pytest.raises(ValidationError) as neither:
            page.full_clean()
        assert "needs one of them" in str(neither.value)
    page.external_url = "https://example.org/"
    page.full_clean()


def test_categories_cannot_loop_or_mix_languages(library):
    es, en = (Locale.objects.get(language_code=code) for code in ("es", "en"))
    ml = ResourceCategory.objects.get(locale=es, slug="ml")
    vision = ResourceCategory.objects.get(locale=es, slug="vision")
    ml.parent = vision
    with pytest.raises(ValidationError):
        ml.clean()
    vision.parent = ResourceCategory.objects.get(locale=en, slug="ml")
    with pytest.raises(ValidationError):
        vision.clean()


def test_categories_are_translations_of_each_other(library):
    es = ResourceCategory.objects.get(locale__language_code="es", slug="vision")
    en = es.get_translation(Locale.objects.get(language_code="en"))
    assert en.name == "Computer vision" and en.parent.name == "Machine learning"
    assert str(en) == "Machine learning › Computer vision"


def test_demo_library_has_every_type_members_only_and_files(library):
    pages = ResourcePage.objects.filter(locale__language_code="es")
    assert pages.count() == 20
    assert set(pages.values_list("resource_type", flat=True)) == {
        "article", "video", "course", "dataset", "paper", "tool", "file"
    }  # fmt: skip
    assert pages.filter(visibility="members").count() == 4
    assert pages.filter(document__isnull=False).count() == 2


def test_resource_pages_can_be_created_in_the_admin(client, library, admin_user):
    from wagtail.documents.models import Document

    index = ResourcePage.objects.filter(locale__language_code="es").first().get_parent()
    client.force_login(admin_user)
    url = f"/admin/pages/add/resources/resourcepage/{index.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    offered = set(response.context["form"].fields["categories"].queryset)
    assert offered == set(ResourceCategory.objects.filter(locale=index.locale))
    data = {
        "title": "Nuevo", "slug": "nuevo", "resource_type": "tool", "summary": "Resumen",
        "external_url": "https://example.org/", "visibility": "public", "tags": "uno, dos",
        "body-count": "0", "action-publish": "publish",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = ResourcePage.objects.get(slug="nuevo")
    assert page.live and sorted(t.name for t in page.tags.all()) == ["dos", "uno"]
    data.update(slug="otro", document=Document.objects.first().pk)
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the message
    assert {"external_url", "document"} <= set(response.context["form"].errors)
