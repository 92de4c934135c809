import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from cms.docs import toc
from cms.docs.models import DocPage, DocsIndexPage
from tests.query_budget import assert_constant_queries

pytestmark = pytest.mark.django_db

EN_ORDER = [
    "Getting started", "Create your account", "Complete your profile", "Organizing events",
    "Propose an event", "Publishing with the API", "Selling tickets", "Community guidelines",
    "Forum moderation",
]  # fmt: skip


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [("/es/documentacion/primeros-pasos/", "es", "Primeros pasos"),
     ("/en/docs/getting-started/", "en", "Getting started")],
)  # fmt: skip
def test_doc_pages_render_in_both_languages_and_link_translations(client, docs, path, lang, title):
    soup = _soup(client.get(path))
    assert soup.html["lang"] == lang and soup.h1.get_text(strip=True) == title
    alternates = {link["hreflang"] for link in soup.select('link[rel="alternate"]')}
    assert {"es", "en"} <= alternates
    assert soup.select_one(".docs-updated time")["datetime"]


def test_toc_lists_headings_nested_and_rendered_headings_carry_the_anchors(client, docs):
    soup = _soup(client.get("/en/docs/getting-started/"))
    top = soup.select(".docs-toc > ol > li")
    assert [li.a.get_text() for li in top] == ["What Medellín AI is", "Your first week"]
    nested = [a.get_text() for a in top[1].find("ol").find_all("a")]
    assert nested == ["Find an event", "Introduce yourself in the forums"]
    for link in soup.select(".docs-toc a"):
        target = soup.find(id=link["href"][1:])
        assert target is not None and target.name in ("h2", "h3"), link["href"]
        assert target.get_text(strip=True) == link.get_text(strip=True)


def test_anchors_are_stable_unique_and_follow_levels():
    from cms.docs.blocks import DocsBodyBlock

    raw = [
        ("paragraph", '<h3 data-block-key="a">Orphan</h3>'),
        ("heading", "Instalación"),
        (
            "paragraph",
            '<p>x</p><h3 data-block-key="b" id="evil">Paso <b>uno</b></h3><h4>Detalle</h4>',
        ),
        ("heading", "Instalación"),
        ("heading", "¿?"),
    ]
    body = DocsBodyBlock().to_python([{"type": t, "value": v} for t, v in raw])
    tree = [h.as_dict() for h in toc.table_of_contents(body)]
    assert [h["anchor"] for h in tree] == ["orphan", "instalacion", "instalacion-2", "section"]
    assert tree[1]["children"][0]["text"] == "Paso uno"
    assert tree[1]["children"][0]["children"][0]["anchor"] == "detalle"
    _headings, html = toc.render_with_anchors(body, {})
    assert 'id="paso-uno"' in html and 'id="evil"' not in html
    assert html.count('id="instalacion') == 2


def test_previous_and_next_follow_the_tree_depth_first(client, docs):
    en = Locale.objects.get(language_code="en")
    titles, path = [], "/en/docs/getting-started/"
    while path:
        soup = _soup(client.get(path))
        titles.append(soup.h1.get_text(strip=True))
        following = soup.select_one('.docs-pager a[rel="next"]')
        path = following["href"] if following else None
    assert titles == EN_ORDER
    last = DocPage.objects.get(locale=en, slug="forum-moderation")
    assert last.next_page_id is None
    assert DocPage.objects.get(pk=last.previous_page_id).title == "Community guidelines"


def test_sidebar_tree_and_breadcrumbs_show_the_hierarchy(client, docs):
    soup = _soup(client.get("/en/docs/organizing-events/propose-an-event/publishing-with-the-api/"))
    crumbs = [a.get_text(strip=True) for a in soup.select(".breadcrumbs a")]
    assert crumbs == ["Home", "Documentation", "Organizing events", "Propose an event",
                      "Publishing with the API"]  # fmt: skip
    current = soup.select_one('.docs-sidebar a[aria-current="page"]')
    assert current.get_text() == "Publishing with the API"
    nested = soup.select(".docs-sidebar > ul > li")[1].find("ul").find("ul").find_all("a")
    assert [a.get_text() for a in nested] == ["Publishing with the API"]
    index = _soup(client.get("/en/docs/"))
    assert len(index.select(".docs-contents a")) == len(EN_ORDER)
    assert index.select_one(".docs-contents a").get_text() == "Getting started"


def test_page_types_enforce_the_hierarchy(docs):
    assert DocPage.can_create_at(docs["es"]) and not DocsIndexPage.can_create_at(docs["es"])
    page = DocPage.objects.filter(locale=docs["es"].locale).first()
    assert DocPage.can_create_at(page)
    assert not DocPage.can_create_at(docs["es"].get_parent())


def test_unpublished_pages_leave_the_tree_and_the_pager(client, docs):
    en = Locale.objects.get(language_code="en")
    DocPage.objects.get(locale=en, slug="create-your-account").unpublish()
    soup = _soup(client.get("/en/docs/getting-started/"))
    assert (
        soup.select_one('.docs-pager a[rel="next"]')
        .get_text(" ", strip=True)
        .endswith("Complete your profile")
    )
    assert "Create your account" not in soup.select_one(".docs-sidebar").get_text()


def test_api_exposes_toc_neighbours_and_last_update(client, docs):
    data = client.get(
        "/api/v2/pages/",
        {"type": "docs.DocPage", "locale": "en", "fields": "toc,previous_page_id,next_page_id,last_updated"},
    ).json()  # fmt: skip
    items = data["items"]
    assert [item["title"] for item in items] == EN_ORDER
    assert items[0]["previous_page_id"] is None and items[0]["next_page_id"] == items[1]["id"]
    assert items[0]["toc"][1]["children"][0] == {
        "level": 3, "text": "Find an event", "anchor": "find-an-event", "children": []
    }  # fmt: skip
    assert items[0]["last_updated"]


def test_editor_text_in_headings_and_code_is_escaped(client, docs):
    en = Locale.objects.get(language_code="en")
    page = DocPage.objects.get(locale=en, slug="selling-tickets")
    page.body = [
        ("heading", "<script>alert('XSS-docs')</script>"),
        (
            "code",
            {"language": "html", "code": "<img src=x onerror=alert(1)>", "caption": "<b>c</b>"},
        ),
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    from tests.quality.security import executable_injections

    assert executable_injections(html) == []
    assert "&lt;script&gt;alert(&#x27;XSS-docs&#x27;)&lt;/script&gt;" in html


def test_doc_page_and_api_queries_do_not_grow_with_the_tree(client, docs):
    en = Locale.objects.get(language_code="en")
    parent = DocPage.objects.get(locale=en, slug="community-guidelines")
    counter = iter(range(1000))

    def add():
        page = DocPage(title=f"Extra {next(counter)}", locale=en, body=[("heading", "Uno")])
        parent.add_child(instance=page)
        page.save_revision().publish()

    from django.core.cache import cache

    def forget():
        """This worker's keys only: Redis's clear() is FLUSHDB, the other workers' too."""
        cache.delete_pattern("*") if hasattr(cache, "delete_pattern") else cache.clear()

    # each fetch starts from an empty cache: the tree is read (one query) every time
    assert_constant_queries(
        lambda: (forget(), client.get("/en/docs/getting-started/")), add, budget=30
    )
    assert_constant_queries(
        lambda: (
            forget()
            or client.get(
                "/api/v2/pages/",
                {
                    "type": "docs.DocPage",
                    "fields": "toc,previous_page_id,next_page_id",
                    "limit": 50,
                },
            ).json()
        ),
        add,
        budget=16,
    )
