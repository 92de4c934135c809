"""The live list of the latest posts that other pages offer (a post's own body is
BlogBodyBlock, next to the page in models/pages.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import block_locale

from .models import BlogIndexPage, BlogPostPage


class LatestBlogPostsBlock(blocks.StructBlock):
    """The newest published posts of the page's language, queried when the page is shown
    (never hand-picked copies), optionally of one category."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    count = blocks.IntegerBlock(label=_("Number of posts"), min_value=1, max_value=12, default=3)
    category = SnippetChooserBlock(
        "blog.BlogCategory", label=_("Only this category"), required=False
    )

    class Meta:
        icon = "doc-full"
        label = _("Latest blog posts")
        template = "blog/blocks/latest_posts.html"

    def posts(self, value, locale):
        return BlogPostPage.objects.latest(
            locale=locale, count=value.get("count"), category=value.get("category")
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        locale = block_locale(parent_context)
        context["posts"] = self.posts(value, locale)
        index = BlogIndexPage.objects.live().public()
        context["blog_index"] = (index.filter(locale=locale) if locale else index).first()
        return context

    def get_api_representation(self, value, context=None):
        category = value.get("category")
        posts = self.posts(value, block_locale(None, context))
        request = (context or {}).get("request")
        return {
            "heading": value.get("heading") or "",
            "count": value.get("count"),
            "category": {"id": category.pk, "name": category.name, "slug": category.slug}
            if category
            else None,
            "posts": [
                {
                    "id": post.pk,
                    "title": post.title,
                    "url": post.get_full_url(request),
                    "excerpt": post.excerpt,
                    "publication_date": post.publication_date.isoformat()
                    if post.publication_date
                    else None,
                    "reading_time": post.reading_time,
                }
                for post in posts
            ],
        }
