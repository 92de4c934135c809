"""The headless content API links every page to its translations (only those the caller
may see), in listings and in detail, at a fixed query cost."""

import pytest

from cms.home.models import StandardPage

pytestmark = pytest.mark.django_db


def _about(locale):
    return StandardPage.objects.get(locale__language_code=locale, slug__in=["acerca", "about"])


def test_listing_and_detail_link_the_translations(api_client, demo_site):
    es, en = _about("es"), _about("en")
    listing = api_client.get("/api/v2/pages/", {"type": "home.StandardPage", "locale": "es"})
    item = next(i for i in listing.json()["items"] if i["id"] == es.pk)
    assert item["meta"]["translations"] == [
        {
            "id": en.pk,
            "locale": "en",
            "title": en.title,
            "detail_url": f"http://testserver/api/v2/pages/{en.pk}/",
            "html_url": "http://testserver/en/about/",
        }
    ]
    detail = api_client.get(f"/api/v2/pages/{en.pk}/").json()
    assert [(t["id"], t["locale"]) for t in detail["meta"]["translations"]] == [(es.pk, "es")]


def test_unpublished_translations_are_not_announced(api_client, demo_site):
    es, en = _about("es"), _about("en")
    en.unpublish()
    detail = api_client.get(f"/api/v2/pages/{es.pk}/").json()
    assert detail["meta"]["translations"] == []
    assert api_client.get(f"/api/v2/pages/{en.pk}/").status_code == 404


def test_translations_can_be_left_out(api_client, demo_site):
    listing = api_client.get("/api/v2/pages/", {"fields": "-translations"}).json()
    assert all("translations" not in item["meta"] for item in listing["items"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"type": "events.EventPage", "categories": "abc"}, "categories"),
        ({"type": "events.EventPage", "venue": "1 OR 1=1"}, "venue"),
        ({"type": "blog.BlogPostPage", "categories": "x"}, "categories"),
        ({"type": "blog.BlogPostPage", "categories": "9" * 40}, "categories"),
        ({"type": "events.EventPage", "venue": str(2**63)}, "venue"),
    ],
)
def test_relation_filters_take_ids_or_answer_400(api_client, demo_site, params, field):
    response = api_client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{field} must be the id of a")


def test_anonymous_reads_are_cached_until_something_is_published(
    api_client, demo_site, settings, member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 300
    params = {"type": "home.StandardPage", "fields": "introduction", "locale": "es"}
    first = api_client.get("/api/v2/pages/", params)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = api_client.get("/api/v2/pages/", params)
    assert second["X-Page-Cache"] == "hit" and second.json() == first.json()
    assert len(queries) == 0

    about = _about("es")
    about.introduction = "Nueva introducción"
    about.save_revision().publish()
    third = api_client.get("/api/v2/pages/", params)
    assert third["X-Page-Cache"] == "miss"
    assert "Nueva introducción" in [item["introduction"] for item in third.json()["items"]]

    api_client.force_authenticate(member)  # may see members-only content: never cached
    assert "X-Page-Cache" not in api_client.get("/api/v2/pages/", params)
