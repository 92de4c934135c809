"""The resource library: articles, videos, courses, datasets, papers, tools and files that
the community shares, each public or for members only.

A resource points either to an address elsewhere or to a document uploaded to Wagtail,
never both. Visitors reach it through the download route of its page
(`<page url>download/`), which checks visibility, counts and logs the access; documents of
members-only resources are also guarded at Wagtail's own document URLs
(`wagtail_hooks.before_serve_document`)."""

from __future__ import annotations

import mimetypes

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.http import FileResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from cms.blocks import BaseContentBlock
from cms.blog.blocks import LatestBlogPostsBlock
from cms.events.blocks import FeaturedEventsBlock
from cms.fields import StreamField
from cms.seo import SeoMixin

from ..choices import ResourceType, Visibility
from ..permissions import can_open
from ..serializers import CategoriesField, DocumentField, TagNamesField
from ..services import AccessType, resource_record_access


class ResourceBodyBlock(BaseContentBlock):
    """A resource's body: the generic blocks and the live lists."""

    featured_events = FeaturedEventsBlock()
    latest_blog_posts = LatestBlogPostsBlock()


class ResourceCategory(TranslatableMixin, models.Model):
    """A category of the library; categories nest (Machine learning › Computer vision).
    Translated with wagtail-localize: each language has its own row, linked by
    translation_key, and its parent is the parent's translation in the same language."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    description = models.TextField(_("description"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("parent"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("resource category")
        verbose_name_plural = _("resource categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="resources_category_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def clean(self) -> None:
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError(
                    {"parent": _("A category cannot be placed inside itself or its subcategories.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if self.parent is not None and self.parent.locale_id != self.locale_id:
            raise ValidationError(
                {"parent": _("The parent category must be in the same language.")}
            )


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePageForm(WagtailAdminPageForm):
    """Offer only the categories of the page's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id and "categories" in self.fields:
            self.fields["categories"].queryset = ResourceCategory.objects.filter(
                locale_id=locale_id
            )


class ResourcePage(SeoMixin, RoutablePageMixin, Page):
    """One resource. Members-only resources show anonymous visitors a teaser in the listing
    and ask them to log in everywhere else (page, download, document URL); the API leaves
    them out for callers who are not members."""

    sitemap_priority = 0.6
    og_type = "article"

    resource_type = models.CharField(
        _("type"), max_length=16, choices=ResourceType.choices, default=ResourceType.ARTICLE
    )
    summary = models.TextField(_("summary"), max_length=500)
    body = StreamField(ResourceBodyBlock(), blank=True, verbose_name=_("body"))
    external_url = models.URLField(
        _("external address"),
        max_length=500,
        blank=True,
        help_text=_("Where the resource lives (https://…). Leave empty when you upload a file."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("An uploaded file. Leave empty when the resource is an address."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    categories = ParentalManyToManyField(
        ResourceCategory, verbose_name=_("categories"), blank=True, related_name="resources"
    )
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True, verbose_name=_("tags"))
    featured = models.BooleanField(_("featured"), default=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # Counted by services.resource_record_access with F(); never edited, never copied and
    # kept when a revision is published (see with_content_json).
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["download_count"]
    base_form_class = ResourcePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("resource_type"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("external_url"), FieldPanel("document")],
            heading=_("Address or file (exactly one)"),
        ),
        FieldPanel("image"),
        FieldPanel("categories"),
        FieldPanel("tags"),
        FieldPanel("featured"),
        FieldPanel("visibility"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.FilterField("visibility"),
        index.FilterField("featured"),
    ]
    api_fields = [
        APIField("resource_type"),
        APIField("summary"),
        APIField("body"),
        APIField("external_url"),
        APIField("document", serializer=DocumentField()),
        APIField("categories", serializer=CategoriesField()),
        APIField("tags", serializer=TagNamesField()),
        APIField("featured"),
        APIField("visibility"),
        APIField("download_url"),
    ]

    class Meta:
        verbose_name = _("resource")
        permissions = [("view_members_only", "Can open members-only resources")]

    def clean(self) -> None:
        super().clean()
        if bool(self.external_url) == bool(self.document_id):
            message = (
                _("Give either an external address or a file, not both.")
                if self.external_url
                else _("Give an external address or upload a file: a resource needs one of them.")
            )
            raise ValidationError({"external_url": message, "document": message})

    def with_content_json(self, content):
        """Publishing a revision must not bring back the download count it was saved with."""
        obj = super().with_content_json(content)
        obj.download_count = self.download_count
        return obj

    def get_sitemap_urls(self, request=None):
        # crawlers would only meet the login page
        return [] if self.is_members_only else super().get_sitemap_urls(request)

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS

    @property
    def download_url(self) -> str | None:
        url = self.get_url()
        return f"{url}download/" if url else None

    def add_download(self) -> None:
        """One more download on the counter, added in the database (F(): concurrent
        downloads never lose a count)."""
        ResourcePage.objects.filter(pk=self.pk).update(download_count=F("download_count") + 1)

    def refusal(self, request):
        """None when the visitor may open the resource, else the answer to give instead: the
        login page (anonymous) or a 403 (signed in without the members' right)."""
        if can_open(request.user, self):
            return None
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login  # its forms need the models

            return redirect_to_login(request.get_full_path())
        return TemplateResponse(
            request, "resources/members_only.html", {"page": self, "resource": self}, status=403
        )

    def serve(self, request, *args, **kwargs):
        refused = self.refusal(request)
        if refused is not None:
            return refused
        return super().serve(request, *args, **kwargs)

    @path("")
    def detail(self, request):
        if not getattr(request, "is_preview", False):  # editors previewing are not visitors
            resource_record_access(resource=self, request=request, access_type=AccessType.VIEW)
        return self.render(request)

    @path("download/")
    def download(self, request):
        """Count, log, then hand over: a redirect to the external address, or the file."""
        refused = self.refusal(request)
        if refused is not None:
            return refused
        resource_record_access(resource=self, request=request, access_type=AccessType.DOWNLOAD)
        if self.document_id:
            document = self.document
            content_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
            response = FileResponse(
                document.file.open("rb"),
                as_attachment=True,
                filename=document.filename,
                content_type=content_type,
            )
        else:
            response = HttpResponseRedirect(self.external_url)
        response["Cache-Control"] = "private, no-store"
        return response

    def structured_data(self, request):
        kind = {
            ResourceType.DATASET: "Dataset",
            ResourceType.COURSE: "Course",
            ResourceType.VIDEO: "VideoObject",
            ResourceType.PAPER: "ScholarlyArticle",
            ResourceType.TOOL: "SoftwareApplication",
        }.get(self.resource_type, "CreativeWork")
        return {
            "@context": "https://schema.org",
            "@type": kind,
            "name": self.title,
            "description": self.seo_description(),
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "isAccessibleForFree": True,
            "keywords": ", ".join(tag.name for tag in self.tags.all()),
        }
