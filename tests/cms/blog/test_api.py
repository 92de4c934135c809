"""The blog in the content API (/api/v2/) and the comments endpoint: fields, filters and
query budgets that do not grow with the number of items."""

import itertools

import pytest
from wagtail.models import Locale

from cms.blog.factories import blog_category, blog_post
from cms.blog.services import comment_create, comment_moderate
from community.accounts.roles import Role
from tests.query_budget import assert_constant_queries

pytestmark = pytest.mark.django_db
FIELDS = "author,publication_date,excerpt,reading_time,tags,categories,featured_image,featured_image_thumbnail,featured_image_alt,body,related_posts"


def _listing(client, **params):
    response = client.get("/api/v2/pages/", {"type": "blog.BlogPostPage", **params})
    assert response.status_code == 200, response.content
    return response.json()


def test_post_fields_in_the_content_api(client, blog, make_user, image):
    es = Locale.objects.get(language_code="es")
    author = make_user(Role.MEMBER, first_name="Laura", last_name="Mejía")
    author.profile.handle = "lauram"
    author.profile.save()
    category = blog_category(es, "Tutoriales")
    post = blog_post(blog["es"], title="RAG", author=author, tags=["rag", "llms"],
                     categories=[category], image=image, words=450)  # fmt: skip
    related = blog_post(blog["es"], title="Vecina", tags=["rag"])
    data = client.get(f"/api/v2/pages/{post.pk}/").json()
    assert data["author"] == {
        "name": "Laura Mejía",
        "handle": "lauram",
        "url": f"http://testserver/es/members/{author.pk}/",
        "avatar": None,
    }
    assert author.email not in str(data)
    assert sorted(data["tags"]) == ["llms", "rag"]
    assert data["categories"] == [{"id": category.pk, "name": "Tutoriales", "slug": "tutoriales"}]
    assert data["featured_image"]["url"].endswith(".webp")
    assert data["featured_image"]["width"] and data["featured_image_thumbnail"]["url"]
    assert data["featured_image_alt"] == "Una imagen"
    assert data["reading_time"] == 3
    assert data["publication_date"] and data["excerpt"]
    assert data["body"][0]["type"] == "paragraph"
    assert data["related_posts"] == [{"id": related.pk, "title": "Vecina", "url": related.url}]
    assert data["meta"]["locale"] == "es"


def test_listing_filters_by_tag_locale_and_category(client, blog):
    es = Locale.objects.get(language_code="es")
    research = blog_category(es, "Investigación", "investigacion")
    tagged = blog_post(blog["es"], tags=["rag", "llms"])
    only_rag = blog_post(blog["es"], tags=["rag"], categories=[research])
    blog_post(blog["es"], tags=["agro"])
    english = blog_post(blog["en"], tags=["rag"])
    ids = lambda data: {item["id"] for item in data["items"]}  # noqa: E731
    assert ids(_listing(client, tags="rag")) == {tagged.pk, only_rag.pk, english.pk}
    assert ids(_listing(client, tags="rag,llms")) == {tagged.pk}
    assert ids(_listing(client, tags="rag", locale="es")) == {tagged.pk, only_rag.pk}
    assert ids(_listing(client, categories=research.pk)) == {only_rag.pk}
    newest_first = _listing(client, order="-publication_date", locale="es")["items"]
    assert newest_first[0]["id"] == only_rag.pk or newest_first[0]["id"] > tagged.pk
    for bad in ("abc", "-1", "9" * 30, "1,2"):
        response = client.get("/api/v2/pages/", {"type": "blog.BlogPostPage", "categories": bad})
        assert response.status_code in (200, 400), (bad, response.status_code)


def test_related_posts_only_on_the_detail_endpoint(client, blog):
    blog_post(blog["es"], tags=["rag"])
    blog_post(blog["es"], tags=["rag"])
    items = _listing(client, fields="related_posts")["items"]
    assert all(item["related_posts"] is None for item in items)


def test_api_listing_query_count_does_not_grow(client, blog, make_user, image):
    es = Locale.objects.get(language_code="es")
    category = blog_category(es, "Tutoriales")
    authors = itertools.cycle([make_user(Role.MEMBER), make_user(Role.MEMBER)])

    def add():
        blog_post(blog["es"], author=next(authors), tags=["rag", "llms"], categories=[category],
                  image=image)  # fmt: skip

    assert_constant_queries(lambda: _listing(client, fields=FIELDS, limit=50), add, budget=14)
    assert_constant_queries(
        lambda: _listing(client, tags="rag", fields="*", limit=50), add, budget=14
    )


def test_comments_endpoint_query_count_does_not_grow(api_client, post, make_user, settings):
    moderator = make_user("moderator")
    settings.BLOG_COMMENTS_PER_MINUTE = 1000

    def add():
        comment = comment_create(author=make_user(Role.MEMBER), post=post, body="Hola")
        comment_moderate(moderator=moderator, comment=comment, action="approve")
        comment_create(author=make_user(Role.MEMBER), post=post, body="Pendiente")

    url = f"/api/v1/blog/posts/{post.pk}/comments/"
    assert_constant_queries(lambda: api_client.get(url).json(), add, budget=6)


def test_blog_pages_query_counts_do_not_grow(client, post, blog, make_user, image, settings):
    es = Locale.objects.get(language_code="es")
    category = blog_category(es, "Tutoriales")
    moderator = make_user("moderator")
    settings.BLOG_COMMENTS_PER_MINUTE = 1000

    def add_post():
        blog_post(blog["es"], author=make_user(Role.MEMBER), tags=["rag"],
                  categories=[category], image=image)  # fmt: skip
        client.get("/es/")  # publishing drops the cached menu: rebuild it outside the count

    assert_constant_queries(lambda: client.get("/es/blog/"), add_post, budget=26)
    assert_constant_queries(lambda: client.get("/es/blog/tag/rag/"), add_post, budget=26)

    def add_comment():
        comment = comment_create(author=make_user(Role.MEMBER), post=post, body="Hola")
        comment_moderate(moderator=moderator, comment=comment, action="approve")
        reply = comment_create(author=make_user(Role.MEMBER), post=post, body="Re",
                               parent_id=comment.pk)  # fmt: skip
        comment_moderate(moderator=moderator, comment=reply, action="approve")
        client.get(post.url)  # an approval may drop the cached menu: rebuild it outside the count

    assert_constant_queries(lambda: client.get(post.url), add_comment, budget=36)
    client.force_login(make_user(Role.MEMBER))
    assert_constant_queries(lambda: client.get(post.url), add_comment, budget=44)
