"""Blog pages: reading time, publication date, listing and filters, post page, related
posts, JSON-LD, sitemap, and the latest-posts block of the home page."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms.blog.factories import blog_category, blog_post
from cms.blog.models import WORDS_PER_MINUTE, BlogPostPage
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_reading_time_is_computed_from_the_body_on_save(blog):
    short = blog_post(blog["es"], words=10)
    long = blog_post(blog["es"], words=WORDS_PER_MINUTE * 4 + 1)
    assert short.reading_time == 1
    assert long.reading_time == 5
    long.body = [("paragraph", "<p>" + "palabra " * (WORDS_PER_MINUTE * 2 - 3) + "</p>")]
    long.save_revision().publish()
    long.refresh_from_db()
    assert long.reading_time == 2


def test_reading_time_counts_words_of_every_block_but_not_markup(blog):
    post = blog_post(
        blog["es"],
        body=[
            ("heading", "uno dos"),
            ("paragraph", '<p><a href="https://example.com/aaaa/bbbb">tres</a> cuatro</p>'),
        ],
    )
    assert post.body_text().split() == ["uno", "dos", "tres", "cuatro"]


def test_publication_date_defaults_to_first_publication(blog):
    post = blog_post(blog["es"])
    assert post.publication_date is not None
    assert post.publication_date == post.first_published_at
    chosen = timezone.now() - timedelta(days=30)
    other = blog_post(blog["es"], publication_date=chosen)
    assert other.publication_date == chosen
    draft = blog_post(blog["es"], publish=False)
    assert draft.publication_date is None


def test_index_lists_posts_newest_first_and_paginates(client, blog):
    now = timezone.now()
    for days in range(12):
        blog_post(
            blog["es"], title=f"Hace {days} días", publication_date=now - timedelta(days=days)
        )
    blog_post(blog["es"], title="Borrador", publish=False)
    soup = _soup(client.get("/es/blog/"))
    titles = [h.get_text(strip=True) for h in soup.select(".blog-list h2")]
    assert titles[:2] == ["Hace 0 días", "Hace 1 días"] and len(titles) == 10
    assert "Borrador" not in soup.get_text()
    second = _soup(client.get("/es/blog/?page=2"))
    assert [h.get_text(strip=True) for h in second.select(".blog-list h2")] == [
        "Hace 10 días",
        "Hace 11 días",
    ]
    assert client.get("/es/blog/?page=9").status_code == 404
    assert client.get("/es/blog/?page=abc").status_code == 404


def test_index_filters_by_tag_and_category(client, blog):
    from wagtail.models import Locale

    es = Locale.objects.get(language_code="es")
    research = blog_category(es, "Investigación", "investigacion")
    blog_post(blog["es"], title="Con etiqueta", tags=["computer vision"])
    blog_post(blog["es"], title="Con categoría", categories=[research])
    blog_post(blog["es"], title="Sin nada")
    tagged = _soup(client.get("/es/blog/tag/computer-vision/"))
    assert [h.get_text(strip=True) for h in tagged.select(".blog-list h2")] == ["Con etiqueta"]
    in_category = _soup(client.get("/es/blog/category/investigacion/"))
    assert [h.get_text(strip=True) for h in in_category.select(".blog-list h2")] == [
        "Con categoría"
    ]
    assert client.get("/es/blog/tag/no-existe/").status_code == 404
    assert client.get("/es/blog/category/no-existe/").status_code == 404
    # a category belongs to one language's blog
    assert client.get("/en/blog/category/investigacion/").status_code == 404


def test_post_page_shows_author_tags_categories_and_feed_links(client, blog, make_user, image):
    from wagtail.models import Locale

    author = make_user(Role.MEMBER, first_name="Laura", last_name="Mejía")
    category = blog_category(Locale.objects.get(language_code="es"), "Tutoriales")
    post = blog_post(
        blog["es"], title="RAG en español", author=author, tags=["rag"], categories=[category],
        image=image,
    )  # fmt: skip
    soup = _soup(client.get(post.url))
    assert soup.h1.get_text(strip=True) == "RAG en español"
    author_link = soup.find("a", rel="author")
    assert author_link.get_text(strip=True) == "Laura Mejía"
    assert author_link["href"] == f"/es/members/{author.pk}/"
    assert soup.find("a", href="/es/blog/tag/rag/")
    assert soup.find("a", href="/es/blog/category/tutoriales/")
    feeds = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")
             if link.get("type")}  # fmt: skip
    assert feeds == {
        "application/rss+xml": "/es/blog/feed/",
        "application/atom+xml": "/es/blog/feed/atom/",
    }
    img = soup.select_one("figure img")
    assert img["alt"] == "Una imagen" and ".webp" in img["src"]
    assert "min" in soup.select_one(".post-meta").get_text()


def test_author_without_a_listed_profile_has_no_link(client, blog, make_user):
    author = make_user(Role.MEMBER, first_name="Oculta", last_name="Persona")
    author.profile.directory_visible = False
    author.profile.save()
    post = blog_post(blog["es"], author=author)
    soup = _soup(client.get(post.url))
    assert soup.find("a", rel="author") is None
    assert "Oculta Persona" in soup.select_one(".post-meta").get_text()


def test_both_languages_render_and_link_as_translations(client, blog):
    from wagtail.models import Locale

    post = blog_post(blog["es"], title="Hola")
    english = post.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Hello"
    english.save_revision().publish()
    english = BlogPostPage.objects.get(pk=english.pk)
    soup = _soup(client.get(english.url))
    assert soup.h1.get_text(strip=True) == "Hello"
    hreflangs = {link["hreflang"] for link in soup.find_all("link", hreflang=True)}
    assert hreflangs == {"es", "en", "x-default"}
    assert _soup(client.get("/en/blog/")).select(".blog-list h2")[0].get_text(strip=True) == "Hello"


def test_related_posts_share_tags_or_categories_in_the_same_language(blog):
    from wagtail.models import Locale

    es = Locale.objects.get(language_code="es")
    research = blog_category(es, "Investigación", "investigacion")
    post = blog_post(blog["es"], tags=["rag", "llms"], categories=[research])
    both = blog_post(blog["es"], title="Dos en común", tags=["rag", "llms"])
    one = blog_post(blog["es"], title="Una en común", categories=[research])
    blog_post(blog["es"], title="Nada en común", tags=["agro"])
    blog_post(blog["en"], title="Otro idioma", tags=["rag", "llms"])
    blog_post(blog["es"], title="Borrador", tags=["rag"], publish=False)
    related = post.related_posts()
    assert [p.pk for p in related] == [both.pk, one.pk]
    assert blog_post(blog["es"], title="Sola").related_posts() == []


def test_related_posts_are_bounded(blog, django_assert_max_num_queries):
    post = blog_post(blog["es"], tags=["rag"])
    for _ in range(8):
        blog_post(blog["es"], tags=["rag"])
    post = BlogPostPage.objects.with_card_data().get(pk=post.pk)
    with django_assert_max_num_queries(5):  # restrictions, posts, their tags and categories
        assert len(post.related_posts(limit=3)) == 3


def test_json_ld_is_a_blog_posting(client, blog, make_user, image):
    author = make_user(Role.MEMBER, first_name="Laura", last_name="Mejía")
    post = blog_post(blog["es"], title="RAG", author=author, image=image, tags=["rag"])
    soup = _soup(client.get(post.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "BlogPosting"
    assert data["author"]["name"] == "Laura Mejía"
    assert data["inLanguage"] == "es"
    assert {"headline", "datePublished", "dateModified", "image", "url"} <= set(data)
    assert data["image"].startswith("http://testserver/")
    assert soup.find("meta", property="og:type")["content"] == "article"


def test_sitemap_lists_blog_pages_with_priority_0_8(client, blog):
    post = blog_post(blog["es"], title="En el mapa")
    body = client.get("/sitemap.xml").content.decode()
    for url in ("http://testserver/es/blog/", "http://testserver/en/blog/",
                f"http://testserver{post.url}"):  # fmt: skip
        start = body.index(f"<loc>{url}</loc>")
        entry = body[start : body.index("</url>", start)]
        assert "<priority>0.8</priority>" in entry, entry


def test_latest_posts_block_is_a_live_query_in_the_page_language(client, blog):
    home = blog["es"].get_parent().specific
    home.body = [("latest_blog_posts", {"heading": "Del blog", "count": 2, "category": None})]
    home.save_revision().publish()
    blog_post(blog["es"], title="Vieja", publication_date=timezone.now() - timedelta(days=5))
    blog_post(blog["es"], title="Nueva")
    blog_post(blog["en"], title="English one")
    soup = _soup(client.get("/es/"))
    section = soup.select_one(".latest-blog-posts")
    assert [h.get_text(strip=True) for h in section.select("h3")] == ["Nueva", "Vieja"]
    blog_post(blog["es"], title="Recién publicada")  # appears without editing the home page
    section = _soup(client.get("/es/")).select_one(".latest-blog-posts")
    assert [h.get_text(strip=True) for h in section.select("h3")] == ["Recién publicada", "Nueva"]


def test_latest_posts_block_filters_by_category_and_in_the_api(client, blog):
    from wagtail.models import Locale

    es = Locale.objects.get(language_code="es")
    research = blog_category(es, "Investigación", "investigacion")
    home = blog["es"].get_parent().specific
    home.body = [("latest_blog_posts", {"heading": "", "count": 5, "category": research})]
    home.save_revision().publish()
    blog_post(blog["es"], title="De investigación", categories=[research])
    blog_post(blog["es"], title="De otra cosa")
    data = client.get(f"/api/v2/pages/{home.pk}/").json()
    block = next(b for b in data["body"] if b["type"] == "latest_blog_posts")
    assert [p["title"] for p in block["value"]["posts"]] == ["De investigación"]
    assert block["value"]["category"]["slug"] == "investigacion"
