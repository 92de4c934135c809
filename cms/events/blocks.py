"""Event blocks other pages offer: the live list of upcoming events."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import BaseContentBlock
from cms.blog.blocks import LatestBlogPostsBlock


class FeaturedEventsBlock(blocks.StructBlock):
    """Upcoming events, featured first: a live query each time the page renders, never a
    hand-picked copy that goes stale."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    count = blocks.IntegerBlock(label=_("Number of events"), min_value=1, max_value=12, default=3)
    featured_only = blocks.BooleanBlock(label=_("Featured events only"), required=False)

    class Meta:
        icon = "date"
        label = _("Featured events")
        template = "events/blocks/featured_events.html"

    def _events(self, value, page):
        from wagtail.models import Locale

        from cms.events.selectors import upcoming_events

        locale = page.locale if page is not None else Locale.get_active()
        return locale, upcoming_events(
            locale=locale, limit=value["count"], featured_only=value["featured_only"]
        )

    def get_context(self, value, parent_context=None):
        from cms.events.models import EventIndexPage

        context = super().get_context(value, parent_context=parent_context)
        locale, context["events"] = self._events(value, (parent_context or {}).get("page"))
        context["index"] = EventIndexPage.objects.live().filter(locale=locale).first()
        return context

    def get_api_representation(self, value, context=None):
        request = (context or {}).get("request")
        _locale, events = self._events(value, (context or {}).get("page"))
        return {
            "heading": value["heading"],
            "events": [
                {
                    "id": event.pk,
                    "title": event.title,
                    "summary": event.summary,
                    "start": event.local_start.isoformat(),
                    "end": event.local_end.isoformat(),
                    "event_format": event.event_format,
                    "featured": event.featured,
                    "area": event.venue.area if event.venue else None,
                    "status": event.status,
                    "url": event.get_full_url(request),
                }
                for event in events
            ],
        }


class EventBodyBlock(BaseContentBlock):
    """An event's description: the generic blocks and the live lists."""

    featured_events = FeaturedEventsBlock()
    latest_blog_posts = LatestBlogPostsBlock()
