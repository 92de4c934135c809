"""RSS 2.0 and Atom feeds, one per language, valid XML with the posts newest first."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.blog.factories import blog_post

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_is_valid_rss_2_with_the_language_posts(client, blog, make_user):
    author = make_user(first_name="Laura", last_name="Mejía")
    blog_post(blog["es"], title="Vieja", author=author,
              publication_date=timezone.now() - timedelta(days=3))  # fmt: skip
    blog_post(blog["es"], title="Nueva & <mejor>", tags=["rag"])
    blog_post(blog["en"], title="English")
    blog_post(blog["es"], title="Borrador", publish=False)
    response = client.get("/es/blog/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("language") == "es"
    assert channel.findtext("link") == "http://testserver/es/blog/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Nueva & <mejor>", "Vieja"]
    assert items[0].findtext("link").startswith("http://testserver/es/blog/")
    assert items[0].findtext("pubDate")
    assert "rag" in [c.text for c in items[0].findall("category")]


def test_atom_feed_is_valid_atom_per_language(client, blog):
    blog_post(blog["en"], title="English post")
    blog_post(blog["es"], title="Entrada")
    response = client.get("/en/blog/feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["English post"]
    entry = entries[0]
    assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/en/blog/")


def test_feed_links_are_in_the_head_of_the_index(client, blog):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/en/blog/").content, "html.parser")
    links = {link["type"]: link["href"] for link in soup.head.find_all("link", rel="alternate")
             if link.get("type")}  # fmt: skip
    assert links == {
        "application/rss+xml": "/en/blog/feed/",
        "application/atom+xml": "/en/blog/feed/atom/",
    }


def test_feed_query_count_does_not_grow(client, blog):
    from tests.query_budget import assert_constant_queries

    assert_constant_queries(
        lambda: client.get("/es/blog/feed/"), lambda: blog_post(blog["es"], tags=["a"]), budget=14
    )
