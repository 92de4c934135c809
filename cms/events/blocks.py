"""Event blocks: the live list of upcoming events that pages offer, and an event's body.

The event page's own body offers the list, so the block names the pages it lists by model
label, as Wagtail's chooser blocks do (`PageChooserBlock(page_type="events.EventPage")`),
instead of importing the models that import it; the query itself is the event page's
(`EventPage.objects.upcoming`)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.coreutils import resolve_model_string
from wagtail.models import Locale

from cms.blocks import BaseContentBlock
from cms.blog.blocks import LatestBlogPostsBlock

from .extensions import attach_ticket_summaries


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
        locale = page.locale if page is not None else Locale.get_active()
        events = resolve_model_string("events.EventPage").objects.upcoming(
            locale=locale, limit=value["count"], featured_only=value["featured_only"]
        )
        return locale, list(events)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        locale, events = self._events(value, (parent_context or {}).get("page"))
        context["events"] = attach_ticket_summaries(events)  # price from, seats left
        index_page = resolve_model_string("events.EventIndexPage")
        context["index"] = index_page.objects.live().filter(locale=locale).first()
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
