"""The blog's pages: an index per language, posts with an author, tags, categories, reading
time and related posts. A post's page shows and takes members' comments through the
comment reads and writes (selectors.py, services.py), which import only comments.py."""

from __future__ import annotations

import math
from functools import cached_property

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, F, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.blocks import BaseContentBlock
from cms.fields import StreamField
from cms.seo import SeoMixin
from config.errors import DomainError

from ..api.fields import AuthorField, CategoriesField, RelatedPostsField
from ..feeds import BlogAtomFeed, BlogRssFeed
from ..forms import CommentForm
from ..selectors import author_card, can_moderate, comment_tree
from ..services import comment_create

WORDS_PER_MINUTE = 200  # a relaxed reading pace for technical prose
NEWEST = F("publication_date").desc(nulls_last=True)
ARTICLE_BLOCKS = ("heading", "paragraph", "image", "image_with_caption", "embed", "call_to_action")
POSTS_PER_PAGE = 10


class BlogBodyBlock(blocks.StreamBlock):
    """A post's body: the generic blocks that suit an article (cms/blocks.py); heroes, grids
    and sponsor walls belong on landing pages."""

    def __init__(self, local_blocks=None, **kwargs):
        base = BaseContentBlock()
        chosen = [(name, base.child_blocks[name]) for name in ARTICLE_BLOCKS]
        super().__init__(local_blocks=[*chosen, *(local_blocks or [])], **kwargs)


@register_snippet
class BlogCategory(TranslatableMixin, models.Model):
    """A broad subject (Research, Community, Tutorials…); one row per language, linked by
    wagtail-localize's translation key, so each language has its own name and slug."""

    name = models.CharField(_("category name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    description = models.TextField(_("description"), max_length=500, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="blog_category_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogIndexPage(RoutablePageMixin, SeoMixin, Page):
    """/es/blog/, /en/blog/: the posts newest first, ten a page (?page=N), narrowed by
    /tag/<slug>/ or /category/<slug>/, with RSS (/feed/) and Atom (/feed/atom/) feeds."""

    sitemap_priority = 0.8
    sitemap_changefreq = "daily"

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPostPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("blog index")

    def posts(self):
        return BlogPostPage.objects.for_index(self)

    def _listing(self, request, *, tag=None, category=None):
        posts = BlogPostPage.objects.for_index(self, tag=tag, category=category)
        paginator = Paginator(posts, POSTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page") or 1)
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404 from exc
        context = {"posts": page_obj, "page_obj": page_obj, "tag": tag, "category": category}
        return self.render(request, context_overrides=context)

    @path("")
    def all_posts(self, request):
        return self._listing(request)

    @path("tag/<str:tag>/")
    def by_tag(self, request, tag):
        from taggit.models import Tag

        found = Tag.objects.filter(slug=tag[:100]).first()
        if found is None:
            raise Http404
        return self._listing(request, tag=found)

    @path("category/<str:slug>/")
    def by_category(self, request, slug):
        found = BlogCategory.objects.filter(locale_id=self.locale_id, slug=slug[:80]).first()
        if found is None:
            raise Http404
        return self._listing(request, category=found)

    @path("feed/", name="rss")
    def rss(self, request):
        return BlogRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        return BlogAtomFeed(self)(request)

    def feed_urls(self) -> dict[str, str]:
        base = self.url
        return {"rss": base + "feed/", "atom": base + "feed/atom/"}


class BlogPostPageQuerySet(PageQuerySet):
    """The post reads pages, feeds, the latest posts block and the API share. Each is bounded:
    a fixed number of queries whatever the number of posts."""

    def with_card_data(self):
        """What a post's card, feed item or API item shows (author and profile, image and its
        renditions, tags, categories), fetched with the posts: a listing costs the same number
        of queries for 1 post as for 50."""
        return self.select_related("author__profile", "featured_image").prefetch_related(
            "tags", "categories", "featured_image__renditions"
        )

    def for_index(self, index, *, tag=None, category=None):
        """Live public posts of an index, newest first."""
        posts = self.child_of(index).live().public().with_card_data()
        if tag is not None:
            posts = posts.filter(tagged_items__tag=tag)
        if category is not None:
            posts = posts.filter(categories=category)
        return posts.order_by(NEWEST, "-pk").defer_streamfields()

    def latest(self, *, locale, count: int, category=None) -> list:
        """The newest live posts of a language (optionally of a category): the latest posts
        block."""
        posts = self.live().public().with_card_data()
        if locale is not None:
            posts = posts.filter(locale=locale)
        if category is not None:
            posts = posts.filter(categories__translation_key=category.translation_key)
        count = max(1, min(int(count or 3), 12))
        return list(posts.order_by(NEWEST, "-pk").defer_streamfields()[:count])

    def related_to(self, post, *, limit: int = 3) -> list:
        """Live posts in the same language sharing the most tags and categories with `post`."""
        tag_ids = [tag.pk for tag in post.tags.all()]
        category_ids = [category.pk for category in post.categories.all()]
        if not tag_ids and not category_ids:
            return []
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
        shared_categories = Count(
            "categories", filter=Q(categories__in=category_ids), distinct=True
        )
        return list(
            self.live()
            .public()
            .with_card_data()
            .filter(locale_id=post.locale_id)
            .exclude(pk=post.pk)
            .filter(Q(tagged_items__tag_id__in=tag_ids) | Q(categories__in=category_ids))
            .annotate(shared=shared + shared_categories)
            .order_by("-shared", NEWEST, "-pk")
            .defer_streamfields()[:limit]
        )

    def live_post(self, pk: int):
        """A published, public post (what the comments API may talk about), or None."""
        return self.live().public().filter(pk=pk).defer_streamfields().first()


class BlogPostPageManager(PageManager.from_queryset(BlogPostPageQuerySet)):
    pass


class BlogPostPage(SeoMixin, Page):
    sitemap_priority = 0.8
    sitemap_changefreq = "monthly"
    og_type = "article"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("post author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blog_posts",
        help_text=_("The member who wrote the post; their name and photo appear with it."),
    )
    publication_date = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Shown on the post and used for ordering; empty: when first published."),
    )
    excerpt = models.TextField(
        _("post excerpt"),
        max_length=300,
        help_text=_("One or two sentences for listings and feeds."),
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    featured_image_alt = models.CharField(
        _("featured image alt text"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    body = StreamField(BlogBodyBlock(), blank=True, verbose_name=_("body"))
    categories = ParentalManyToManyField(
        BlogCategory, verbose_name=_("post categories"), blank=True, related_name="posts"
    )
    tags = ClusterTaggableManager(through=BlogPostTag, blank=True, verbose_name=_("post tags"))
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )

    objects = BlogPostPageManager()

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("excerpt"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_alt")],
            heading=_("Featured image"),
        ),
        FieldPanel("body"),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("publication_date"),
                FieldPanel("categories"),
                FieldPanel("tags"),
            ],
            heading=_("Post details"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("excerpt"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    class Meta:
        verbose_name = _("blog post")
        indexes = [models.Index(fields=["publication_date"], name="blog_post_pubdate")]

    api_fields = [
        APIField("author", serializer=AuthorField(read_only=True)),
        APIField("publication_date"),
        APIField("excerpt"),
        APIField("reading_time"),
        APIField("tags"),
        APIField("categories", serializer=CategoriesField(read_only=True)),
        APIField(
            "featured_image",
            serializer=ImageRenditionField("fill-1200x630|format-webp", read_only=True),
        ),
        APIField(
            "featured_image_thumbnail",
            serializer=ImageRenditionField(
                "fill-600x315|format-webp", source="featured_image", read_only=True
            ),
        ),
        APIField("featured_image_alt"),
        APIField("body"),
        APIField("related_posts", serializer=RelatedPostsField(source="*", read_only=True)),
    ]

    @classmethod
    def api_queryset(cls, queryset):
        """What the content API's fields need, fetched with the pages (cms.api.PagesAPI)."""
        return queryset.with_card_data()

    def clean(self):
        super().clean()
        if self.featured_image_id and not self.featured_image_alt.strip():
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"featured_image_alt": _("Describe the image for people who cannot see it.")}
            )

    def body_text(self) -> str:
        """The words of the body, as a reader meets them (markup stripped)."""
        pieces = self.body.stream_block.get_searchable_content(self.body)
        return " ".join(strip_tags(str(piece)) for piece in pieces)

    def compute_reading_time(self) -> int:
        words = len(self.body_text().split()) + len(self.excerpt.split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def save(self, *args, **kwargs):
        self.reading_time = self.compute_reading_time()
        if self.publication_date is None and self.live and self.first_published_at:
            self.publication_date = self.first_published_at  # publishing for the first time
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "reading_time", "publication_date"}
        return super().save(*args, **kwargs)

    @property
    def published_at(self):
        return self.publication_date or self.first_published_at or self.latest_revision_created_at

    @property
    def og_image(self):
        return self.featured_image

    @cached_property
    def blog_index(self):
        return self.get_parent().specific

    def author_card(self) -> dict | None:
        return author_card(self.author)

    def related_posts(self, limit: int = 3):
        return BlogPostPage.objects.related_to(self, limit=limit)

    def structured_data(self, request) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": self.title[:110],
            "description": self.seo_description(),
            "url": self.get_full_url(request),
            "mainEntityOfPage": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "datePublished": self.published_at.isoformat() if self.published_at else None,
            "dateModified": (
                self.last_published_at or self.published_at or timezone.now()
            ).isoformat(),
            "timeRequired": f"PT{self.reading_time}M",
            "keywords": ", ".join(tag.name for tag in self.tags.all()),
            "publisher": {"@type": "Organization", "name": "Medellín AI"},
        }
        card = self.author_card()
        if card:
            author = {"@type": "Person", "name": card["name"]}
            if card["url"]:
                author["url"] = request.build_absolute_uri(card["url"])
            data["author"] = author
        if self.featured_image is not None:
            rendition = self.featured_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = request.build_absolute_uri(rendition.url)
        return {key: value for key, value in data.items() if value not in (None, "")}

    def get_context(self, request, *args, **kwargs):
        # tags and categories are read by the template, the JSON-LD and related posts
        prefetch_related_objects([self], "tags", "categories")
        context = super().get_context(request, *args, **kwargs)
        context["comments"] = comment_tree(self)
        context["related"] = self.related_posts()
        context["feeds"] = self.blog_index.feed_urls()
        if request.user.is_authenticated:
            # per-user: signed-in visitors never get the anonymous page cache (cms/cache.py)
            context["comment_form"] = kwargs.get("comment_form") or CommentForm()
            context["can_moderate"] = can_moderate(request.user)
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self._post_comment(request)
        return super().serve(request, *args, **kwargs)

    def _post_comment(self, request):
        from django.contrib import messages
        from django.template.response import TemplateResponse
        from django.utils.translation import gettext

        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(self.url)
        form = CommentForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                comment_create(
                    author=request.user,
                    post=self,
                    body=form.cleaned_data["body"],
                    parent_id=form.cleaned_data.get("parent"),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    gettext("Thank you! Your comment will appear once a moderator approves it."),
                )
                return redirect(self.url + "#comments")
        context = self.get_context(request, comment_form=form)
        return TemplateResponse(request, self.get_template(request), context, status=status)
