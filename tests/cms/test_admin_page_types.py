"""Every page type an editor can add is created through the admin form, published, and
renders, in Spanish and in English (blog posts and resources have their own admin tests)."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.events.factories import event_indexes
from cms.events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


def _add(client, app_model: str, parent, fields: dict):
    data = nested_form_data({"comments": inline_formset([]), "action-publish": "publish", **fields})
    url = f"/admin/pages/add/{app_model}/{parent.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, (response.status_code, response.content.decode()[:3000])


@pytest.mark.parametrize("lang", ["es", "en"])
def test_standard_docs_and_blog_index_pages(client, admin_user, demo_site, lang):
    from cms.blog.models import BlogIndexPage
    from cms.docs.models import DocPage, DocsIndexPage
    from cms.home.models import StandardPage
    from cms.resources.models import ResourceIndexPage

    client.force_login(admin_user)
    home = demo_site["homes"][lang]
    body = streamfield([("paragraph", rich_text(f"<p>Texto {lang}</p>"))])
    _add(client, "home/standardpage", home,
         {"title": f"Patrocinios {lang}", "slug": f"patrocinios-{lang}", "introduction": "",
          "body": body})  # fmt: skip
    _add(client, "docs/docsindexpage", home,
         {"title": f"Docs {lang}", "slug": f"docs-{lang}", "introduction": "", "body": body})  # fmt: skip
    docs = DocsIndexPage.objects.get(slug=f"docs-{lang}")
    _add(client, "docs/docpage", docs,
         {"title": f"Primeros pasos {lang}", "slug": f"primeros-{lang}", "summary": "",
          "body": streamfield([("heading", "Instalar"), ("paragraph", rich_text("<p>pip</p>"))])})  # fmt: skip
    _add(client, "blog/blogindexpage", home,
         {"title": f"Blog {lang}", "slug": f"blog-{lang}", "introduction": ""})  # fmt: skip
    _add(client, "resources/resourceindexpage", home,
         {"title": f"Recursos {lang}", "slug": f"recursos-{lang}", "introduction": "",
          "per_page": "12"})  # fmt: skip
    for model, slug in [(StandardPage, f"patrocinios-{lang}"), (DocsIndexPage, f"docs-{lang}"),
                        (DocPage, f"primeros-{lang}"), (BlogIndexPage, f"blog-{lang}"),
                        (ResourceIndexPage, f"recursos-{lang}")]:  # fmt: skip
        page = model.objects.get(slug=slug)
        assert page.live and page.locale.language_code == lang
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f'<html lang="{lang}"' in response.content.decode()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_event_index_and_event_pages(client, admin_user, demo_site, lang):
    from cms.events.factories import make_venue

    client.force_login(admin_user)
    home = demo_site["homes"][lang]
    _add(client, "events/eventindexpage", home,
         {"title": f"Eventos {lang}", "slug": f"eventos-{lang}", "introduction": ""})  # fmt: skip
    index = EventIndexPage.objects.get(slug=f"eventos-{lang}")
    venue = make_venue()
    _add(client, "events/eventpage", index, {
        "title": f"Taller {lang}", "slug": f"taller-{lang}", "summary": "Un taller.",
        "start": "2030-03-05 18:00", "end": "2030-03-05 21:00", "time_zone": "America/Bogota",
        "event_format": "hybrid", "venue": venue.pk, "online_url": "https://meet.example.org/t",
        "body": streamfield([]), "tags": "pytorch", "status": "published", "language": "es",
        "sessions": inline_formset([{"start": "2030-03-05 18:00", "end": "2030-03-05 19:00",
                                     "title": "Bienvenida", "description": "", "room": "",
                                     "track": ""}]),
        "requirements": inline_formset([]),
    })  # fmt: skip
    event = EventPage.objects.get(slug=f"taller-{lang}")
    assert event.live and event.local_start.hour == 18 and event.sessions.count() == 1
    response = client.get(event.url)
    assert response.status_code == 200 and "Bienvenida" in response.content.decode()


def test_event_page_refuses_an_in_person_event_without_venue(client, admin_user, demo_site):
    client.force_login(admin_user)
    index = event_indexes(demo_site["homes"])["es"]
    data = nested_form_data({
        "title": "Sin sede", "slug": "sin-sede", "summary": "x", "start": "2030-03-05 18:00",
        "end": "2030-03-05 21:00", "time_zone": "America/Bogota", "event_format": "in_person",
        "body": streamfield([]), "status": "draft", "language": "es",
        "sessions": inline_formset([]), "requirements": inline_formset([]),
        "comments": inline_formset([]), "action-publish": "publish",
    })  # fmt: skip
    response = client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", data)
    assert response.status_code == 200
    assert "venue" in response.context["form"].errors
    assert not EventPage.objects.filter(slug="sin-sede").exists()
