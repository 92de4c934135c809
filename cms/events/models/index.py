"""The event index page: /events/ (upcoming and past, with filters), category pages and
subscribable calendar feeds. Its routes build on listing.py, which reads the event models,
so this page sits above them (models/event.py)."""

from __future__ import annotations

from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from cms.preview import HeadlessPreviewable
from cms.seo import SeoMixin

from ..calendars import ICS, feed_ics
from ..listing import event_listing, feed_events, organizer_by_handle
from .event import EventCategory


class EventIndexPage(RoutablePageMixin, SeoMixin, HeadlessPreviewable, Page):
    """/events: upcoming and past events with filters; /events/categories/<slug>/."""

    sitemap_priority = 0.9
    sitemap_changefreq = "daily"

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("event index")

    @path("")
    def listing(self, request):
        context = event_listing(self, request.GET, path=request.path)
        return self.render(request, context_overrides=context)

    @re_path(r"^categories/(?P<slug>[-\w]+)/$")
    def category(self, request, slug):
        context = event_listing(self, request.GET, category_slug=slug, path=request.path)
        if context["category"] is None:
            raise Http404
        return self.render(request, context_overrides=context)

    @path("feed/", name="feed")
    def feed(self, request):
        return _feed_response(feed_ics(feed_events(self), name=self.title, request=request))

    @re_path(r"^categories/(?P<slug>[-\w]+)/feed/$", name="category_feed")
    def category_feed(self, request, slug):
        category = EventCategory.objects.filter(locale=self.locale, slug=slug).first()
        if category is None:
            raise Http404
        events = feed_events(self, category=category)
        return _feed_response(feed_ics(events, name=f"{self.title}: {category}", request=request))

    @re_path(r"^organizers/(?P<handle>[-\w]+)/feed/$", name="organizer_feed")
    def organizer_feed(self, request, handle):
        organizer = organizer_by_handle(handle)
        if organizer is None:
            raise Http404
        events = feed_events(self, organizer=organizer)
        name = f"{self.title}: {organizer.get_full_name()}"
        return _feed_response(feed_ics(events, name=name, request=request))


def _feed_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS)
    response["Cache-Control"] = "public, max-age=900"
    return response
