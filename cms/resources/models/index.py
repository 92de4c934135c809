"""The library's index page: the listing with its filters. It builds on the library's reads
(selectors.py), which read the resources, so this page sits above them (models/library.py)."""

from __future__ import annotations

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms.seo import SeoMixin

from .. import selectors
from ..forms import ResourceFilterForm
from ..permissions import can_view_members_only


class ResourceIndexPage(SeoMixin, Page):
    """The library: every resource below it, with filters by type, category, tag and text."""

    sitemap_priority = 0.7

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    per_page = models.PositiveSmallIntegerField(_("resources per page"), default=12)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("per_page")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("resource library")

    def serve(self, request, *args, **kwargs):
        """The library. Filters come from the query string (so anonymous listings with
        filters skip the page cache); invalid filters answer 400 with the form's messages."""
        categories = selectors.category_choices(self.locale_id)
        form = ResourceFilterForm(request.GET or None, categories=categories)
        status = 200
        if form.is_bound and not form.is_valid():
            filters, status = selectors.ListingFilters(), 400
        elif form.is_bound:
            filters = form.filters()
        else:
            filters = selectors.ListingFilters()
        resources = selectors.resource_listing(
            index=self,
            filters=filters,
            page_number=request.GET.get("page"),
            per_page=max(1, min(self.per_page or 12, 100)),
            user=request.user,
        )
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context(request, *args, **kwargs)
        context.update(
            form=form,
            resources=resources,
            filters=filters,
            tags=selectors.tags_in_library(self),
            can_view_members_only=can_view_members_only(request.user),
            query_string=query.urlencode(),
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)
