"""Events in the Wagtail admin: venues (with the approval filter), categories, speakers."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EventCategory, Speaker, Venue


class VenueFilterSet(WagtailFilterSet):
    class Meta:
        model = Venue
        fields = ["is_approved", "area"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "area", "capacity", "is_approved"]
    list_filter = None
    filterset_class = VenueFilterSet
    search_fields = ["name", "address"]
    ordering = ["is_approved", "name"]


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "tag"
    list_display = ["name", "parent", "sort_order"]
    ordering = ["sort_order", "name"]


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    list_display = ["name", "website"]
    search_fields = ["name"]


class EventSnippets(SnippetViewSetGroup):
    items = (VenueViewSet, EventCategoryViewSet, SpeakerViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "events"


register_snippet(EventSnippets)
