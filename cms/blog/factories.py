"""Test and benchmark helpers: a blog in both languages and posts in it, built the way
editors build them (published revisions)."""

from __future__ import annotations

import itertools

from wagtail.models import Locale

from .models import BlogCategory, BlogIndexPage, BlogPostPage

_numbers = itertools.count(1)


def blog_indexes(homes: dict) -> dict[str, BlogIndexPage]:
    """The Spanish index under the Spanish home and its English translation, published."""
    es = BlogIndexPage.objects.child_of(homes["es"]).first()
    if es is None:
        es = BlogIndexPage(title="Blog", slug="blog", introduction="Historias de la comunidad")
        es.locale = homes["es"].locale
        homes["es"].add_child(instance=es)
        es.save_revision().publish()
    en = BlogIndexPage.objects.filter(
        translation_key=es.translation_key, locale__language_code="en"
    ).first()
    if en is None:
        en = es.copy_for_translation(Locale.objects.get(language_code="en"))
        en.introduction = "Stories from the community"
        en.save_revision().publish()
    return {"es": es, "en": en}


def blog_category(locale: Locale, name: str, slug: str | None = None) -> BlogCategory:
    category, _created = BlogCategory.objects.get_or_create(
        locale=locale, slug=slug or name.lower(), defaults={"name": name}
    )
    return category


def blog_post(
    index: BlogIndexPage,
    *,
    title: str | None = None,
    words: int = 50,
    body: list | None = None,
    author=None,
    tags=(),
    categories=(),
    image=None,
    publish: bool = True,
    publication_date=None,
) -> BlogPostPage:
    number = next(_numbers)
    post = BlogPostPage(
        title=title or f"Post {number}",
        slug=f"post-{number}",
        excerpt="Un resumen corto.",
        author=author,
        locale=index.locale,
        featured_image=image,
        featured_image_alt="Una imagen" if image else "",
        publication_date=publication_date,
        live=False,
        body=body
        if body is not None
        else [("paragraph", "<p>" + " ".join(["palabra"] * words) + "</p>")],
    )
    index.add_child(instance=post)
    post.categories.set(list(categories))
    post.tags.set(list(tags), clear=True)
    revision = post.save_revision()
    if publish:
        revision.publish()
        post.refresh_from_db()
    return post
