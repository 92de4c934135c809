"""The library listing: filters by type, category (with subcategories), tag and text,
featured first, pagination, bad input, query budget."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from cms.resources.models import ResourceCategory, ResourcePage

pytestmark = pytest.mark.django_db


def _titles(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content[:500]
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".resource-title a")]


def test_library_renders_in_both_languages_featured_first(client, library):
    es = _titles(client, "/es/recursos/", page=1)
    assert es[:4] == ["Attention Is All You Need", "Curso de aprendizaje automático",
                      "Datos abiertos de Colombia", "Guía rápida de la comunidad"]  # fmt: skip
    assert len(es) == 12  # per_page
    assert len(_titles(client, "/es/recursos/", page=2)) == 8
    assert _titles(client, "/en/resources/")[0] == "Attention Is All You Need"


def test_filters_by_type_tag_and_text(client, library):
    assert _titles(client, "/en/resources/", type="dataset") == [
        "Annotated Spanish corpus", "Colombia open data", "MeData: Medellín's data"
    ]  # fmt: skip
    assert _titles(client, "/en/resources/", type="dataset", featured_first="on")[0] == (
        "Colombia open data"
    )
    assert set(_titles(client, "/en/resources/", tag="transformers")) == {
        "Attention Is All You Need", "Transformers library"
    }  # fmt: skip
    assert _titles(client, "/en/resources/", q="diffusion") == ["Diffusion models"]
    assert _titles(client, "/en/resources/", type="tool", tag="python") == [
        "OpenCV", "Transformers library", "scikit-learn"
    ]  # fmt: skip


def test_category_filter_includes_subcategories(client, library):
    en = Locale.objects.get(language_code="en")
    ml = ResourceCategory.objects.get(locale=en, slug="ml")
    vision = ResourceCategory.objects.get(locale=en, slug="vision")
    under_ml = _titles(client, "/en/resources/", category=ml.pk)
    only_vision = _titles(client, "/en/resources/", category=vision.pk)
    assert "OpenCV" in under_ml and "Attention Is All You Need" in under_ml  # vision, language
    assert set(only_vision) < set(under_ml)
    assert "Attention Is All You Need" not in only_vision


def test_invalid_filters_answer_400_with_a_message(client, library):
    response = client.get("/en/resources/", {"type": "spaceship", "category": "x"})
    assert response.status_code == 400
    assert "Some filters could not be understood" in response.content.decode()
    assert client.get("/en/resources/", {"page": "999"}).status_code == 200


def test_editor_and_tag_text_is_escaped(client, library):
    from tests.quality.security import XSS_PAYLOADS, executable_injections

    page = ResourcePage.objects.get(slug="intro-ml", locale__language_code="en")
    payload = XSS_PAYLOADS[0]
    page.title = f"T {payload}"[:255]
    page.summary = payload[:500]
    page.tags.add(payload[:100])
    page.save_revision().publish()
    category = page.categories.first()
    category.name = payload[:80]
    category.save()
    import re

    for path in ["/en/resources/", page.url]:
        html = client.get(path).content.decode()
        # JSON-LD is data, not script: its text is JSON with <, > and & escaped
        json_ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert all("<" not in block for block in json_ld)
        html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
        assert executable_injections(html) == [], path


def test_active_filters_show_as_chips_each_removable(client, library):
    response = client.get("/en/resources/", {"type": "tool", "tag": "python"})
    soup = BeautifulSoup(response.content, "html.parser")
    chips = soup.select('.chip-list[aria-label="Active filters"] .chip')
    assert [c.get_text(" ", strip=True).rstrip(" ×") for c in chips] == ["Tool", "#python"]
    removes = [a["href"] for a in soup.select(".chip-remove")]
    assert removes == ["/en/resources/?tag=python", "/en/resources/?type=tool"]
    assert soup.select_one("details.filters summary .badge").get_text() == "2"
