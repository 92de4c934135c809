"""Documentation: a DocsIndexPage under a home page, DocPages below it nested as deep as
editors need. The tree order is the reading order (previous/next)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms.fields import StreamField
from cms.seo import SeoMixin

from . import toc
from .blocks import DocsBodyBlock
from .selectors import docs_tree


class DocsIndexPage(SeoMixin, Page):
    """The entry to a documentation section: an introduction and the whole tree."""

    sitemap_priority = 0.6

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(DocsBodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["docs.DocPage"]

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        verbose_name = _("documentation index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = docs_tree(page=self)
        return context


class DocPage(SeoMixin, Page):
    """One page of documentation. Its table of contents comes from the body's headings."""

    sitemap_priority = 0.6
    og_type = "article"

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = StreamField(DocsBodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["docs.DocsIndexPage", "docs.DocPage"]
    subpage_types = ["docs.DocPage"]

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("toc"),
        APIField("last_updated"),
        APIField("previous_page_id"),
        APIField("next_page_id"),
    ]

    class Meta:
        verbose_name = _("documentation page")

    # --- derived values (also in the API) ---
    @property
    def toc(self) -> list[dict]:
        """The headings of the body, nested by level: [{level, text, anchor, children}]."""
        return [heading.as_dict() for heading in toc.table_of_contents(self.body)]

    @property
    def last_updated(self):
        return self.last_published_at or self.latest_revision_created_at

    def _tree(self):
        if not hasattr(self, "_docs_tree"):
            self._docs_tree = docs_tree(page=self)
        return self._docs_tree

    @property
    def previous_page_id(self) -> int | None:
        previous = self._tree().neighbours(self.pk)[0]
        return previous.pk if previous else None

    @property
    def next_page_id(self) -> int | None:
        following = self._tree().neighbours(self.pk)[1]
        return following.pk if following else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tree = self._tree()
        headings, body_html = toc.render_with_anchors(self.body, {"page": self, "request": request})
        previous, following = tree.neighbours(self.pk)
        context.update(
            tree=tree,
            toc=headings,
            body_html=body_html,
            previous=previous,
            next=following,
        )
        return context

    def structured_data(self, request):
        return {
            "@context": "https://schema.org",
            "@type": "TechArticle",
            "headline": self.title,
            "description": self.seo_description(),
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "dateModified": self.last_updated.isoformat() if self.last_updated else None,
            "publisher": {"@type": "Organization", "name": "Medellín AI"},
        }
