import pytest

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
