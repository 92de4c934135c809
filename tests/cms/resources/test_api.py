import pytest

from cms.resources.models import ResourceIndexPage, ResourcePage
from tests.query_budget import assert_constant_queries

pytestmark = pytest.mark.django_db

FIELDS = "resource_type,external_url,document,categories,tags,featured,visibility,download_url"


def test_filters_by_type_tag_and_resource_type(client, library):
    params = {"type": "resources.ResourcePage", "locale": "en", "fields": FIELDS}
    items = client.get("/api/v2/pages/", {**params, "tags": "python", "resource_type": "tool"})
    items = items.json()["items"]
    assert {i["title"] for i in items} == {"Transformers library", "OpenCV", "scikit-learn"}
    assert all(i["resource_type"] == "tool" and "python" in i["tags"] for i in items)
    assert items[0]["categories"][0]["slug"] in {"nlp", "vision", "ml"}
    featured = client.get("/api/v2/pages/", {**params, "featured": "true"}).json()["items"]
    assert featured and all(i["featured"] for i in featured)
    category = items[0]["categories"][0]["id"]
    by_category = client.get("/api/v2/pages/", {**params, "categories": category}).json()
    assert by_category["items"]


@pytest.mark.parametrize("value", ["abc", "-1", "1 OR 1=1", "9" * 40])
def test_bad_category_filter_is_a_400(client, library, value):
    response = client.get("/api/v2/pages/", {"type": "resources.ResourcePage", "categories": value})
    assert response.status_code == 400
    assert "message" in response.json()


def test_api_listing_query_count_does_not_grow(client, library, member):
    index = ResourceIndexPage.objects.get(locale__language_code="en")
    category = index.get_children().specific().first().categories.first()
    counter = iter(range(1000))

    def add():
        n = next(counter)
        page = ResourcePage(title=f"API {n}", summary="s", locale=index.locale,
                            external_url="https://e.org/")  # fmt: skip
        index.add_child(instance=page)
        page.categories = [category]
        page.tags.add("api", f"t{n}")
        page.save_revision().publish()

    def fetch():
        return client.get(
            "/api/v2/pages/",
            {"type": "resources.ResourcePage", "fields": FIELDS, "limit": 100, "tags": "api"},
        ).json()

    assert_constant_queries(fetch, add, budget=12)
    client.force_login(member)
    assert_constant_queries(fetch, add, budget=16)
    assert_constant_queries(lambda: client.get("/api/v2/documents/").json(), add, budget=6)
