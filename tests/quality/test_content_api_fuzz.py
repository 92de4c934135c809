"""Gate 1b: Wagtail's content API (/api/v2/, not in our OpenAPI document) under hostile
listing parameters: an explicit table, then hypothesis. Every answer is a success or a 4xx
with a message; never a 500."""

import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.conftest import own_address

from .hostile import HOSTILE_VALUES
from .probing import probe_listing

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v2/pages/", "/api/v2/page_preview/", "/api/v2/images/", "/api/v2/documents/"]
PARAMS = ["limit", "offset", "type", "fields", "order", "search", "locale", "child_of",
          "descendant_of", "translation_of", "search_operator", "id", "title", "slug"]  # fmt: skip


@pytest.fixture
def client():
    """Each test calls from an address of its own (tests/conftest.py: `own_address`): the
    hostile table sends past the anonymous rate."""
    return Client(REMOTE_ADDR=own_address())


@pytest.fixture
def content(demo_site):
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "green").save(buffer, "PNG")
    Image.objects.create(title="Logo", file=ContentFile(buffer.getvalue(), name="logo.png"))
    Document.objects.create(title="Guía", file=ContentFile(b"hola", name="guia.txt"))
    return demo_site


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_values_table(client, content, endpoint):
    failures = [
        failure
        for param in PARAMS
        for value in HOSTILE_VALUES
        if (failure := probe_listing(client, endpoint, {param: value}))
    ]
    assert failures == [], "\n".join(failures)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    params=st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=300), max_size=4),
)
def test_generated_parameter_combinations(client, content, endpoint, params):
    assert probe_listing(client, endpoint, params) is None


def test_huge_offset_is_a_clear_400(client, content):
    response = client.get("/api/v2/pages/", {"offset": str(2**63)})
    assert response.status_code == 400
    assert response.json() == {"message": "offset must be at most 1000000"}


def test_nul_characters_are_refused_at_the_door(client, content):
    response = client.get("/api/v2/pages/", {"search": "a\x00b"})
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]
    page = client.get("/es/search/", {"q": "\x00"})
    assert page.status_code == 400


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if "preview" not in e])
def test_a_blank_search_lists_as_if_none_was_given(client, content, endpoint):
    response = client.get(endpoint)
    assert response.status_code == 200, (response.status_code, response.content[:500])
    plain = response.json()["meta"]["total_count"]
    for blank in (" ", "\t \n"):
        response = client.get(endpoint, {"search": blank})
        assert response.status_code == 200, response.content
        assert response.json()["meta"]["total_count"] == plain


def test_event_discovery_filters_under_hostile_values(content):
    """The listing's filters on `type=events.EventPage` (docs/api.md): every value a 200 or
    a 400 with a message. One address per parameter, so no probe meets the rate limit."""
    from cms.events.models import EventPage

    names = sorted(EventPage.api_filter_parameters | {"event_format", "language", "featured"})
    failures = []
    for name in names:
        client = Client(REMOTE_ADDR=own_address())
        for value in HOSTILE_VALUES:
            params = {"type": "events.EventPage", "fields": "*", name: value}
            if failure := probe_listing(client, "/api/v2/pages/", params):
                failures.append(failure)
    assert failures == [], "\n".join(failures)
