"""Editors build the blog in the Wagtail admin: posts are created under the index, the index
only under a home page, categories as translatable snippets."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.blog.models import BlogCategory, BlogPostPage

pytestmark = pytest.mark.django_db


def test_an_admin_creates_and_publishes_a_post_in_the_admin(client, blog, admin_user):
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "Creada en el admin",
            "slug": "creada-en-el-admin",
            "excerpt": "Un resumen.",
            "featured_image_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>uno dos tres</p>"))]),
            "tags": "rag, llms",
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/blog/blogpostpage/{blog['es'].pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    post = BlogPostPage.objects.get(slug="creada-en-el-admin")
    assert post.live and post.publication_date is not None and post.reading_time == 1
    assert sorted(post.tags.names()) == ["llms", "rag"]
    assert client.get(post.url).status_code == 200


def test_posts_only_go_under_the_index_and_one_index_per_home(blog):
    from cms.blog.models import BlogIndexPage
    from cms.home.models import HomePage

    assert BlogPostPage.allowed_parent_page_models() == [BlogIndexPage]
    assert BlogIndexPage.allowed_parent_page_models() == [HomePage]
    assert not BlogIndexPage.can_create_at(blog["es"].get_parent())  # one per home already


def test_categories_are_translatable_snippets(client, admin_user, blog):
    from wagtail.models import Locale

    client.force_login(admin_user)
    assert client.get("/admin/snippets/blog/blogcategory/").status_code == 200
    es = BlogCategory.objects.create(
        locale=Locale.objects.get(language_code="es"), name="Comunidad", slug="comunidad"
    )
    en = es.copy_for_translation(Locale.objects.get(language_code="en"))
    en.name, en.slug = "Community", "community"
    en.save()
    assert es.get_translation(Locale.objects.get(language_code="en")) == en
