"""Events in the Wagtail admin: venues (with the approval filter), categories, speakers,
organizers' submissions (read here; decided in the page moderation workflow), the wizard's
funnel report, and organizers seeing only their own events in the page explorer."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, services
from .models import EventCategory, EventIndexPage, EventSubmission, Speaker, Venue


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


class SubmissionFilterSet(WagtailFilterSet):
    class Meta:
        model = EventSubmission
        fields = ["status", "locale"]


class EventSubmissionViewSet(SnippetViewSet):
    """Moderators read submissions here (status, feedback, the page to review); approving
    and rejecting happen on the page, through the workflow, so the two never disagree."""

    model = EventSubmission
    icon = "form"
    menu_label = _("Submissions")
    list_display = ["__str__", "organizer", "status", "submitted_at", "updated_at"]
    list_filter = None
    filterset_class = SubmissionFilterSet
    inspect_view_enabled = True
    inspect_view_fields = ["organizer", "status", "locale", "page", "admin_feedback",
                           "reviewed_by", "submitted_at", "reviewed_at", "created_at"]  # fmt: skip
    ordering = ["-updated_at"]

    def get_queryset(self, request):
        return EventSubmission.objects.select_related("organizer", "page", "locale")


class EventSnippets(SnippetViewSetGroup):
    items = (VenueViewSet, EventCategoryViewSet, SpeakerViewSet, EventSubmissionViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "events"


register_snippet(EventSnippets)


@hooks.register("register_admin_urls")
def register_funnel_url():
    return [path("events/funnel/", admin_views.funnel, name="events_funnel")]


class FunnelMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_funnel_menu_item():
    return FunnelMenuItem(
        _("Event submission funnel"), reverse("events_funnel"), icon_name="date", order=910
    )


@hooks.register("construct_explorer_page_queryset")
def organizers_see_their_own_events(parent_page, pages, request):
    """Organizers hold "add" on the event index: Wagtail lets them edit the events they own;
    the explorer lists only those, not every organizer's drafts."""
    if parent_page.specific_class is not EventIndexPage:
        return pages
    if parent_page.permissions_for_user(request.user).can_edit():
        return pages
    return pages.filter(owner=request.user)


@hooks.register("before_edit_snippet")
def remember_venue_approval(request, instance):
    if isinstance(instance, Venue):
        request.venue_was_approved = Venue.objects.filter(pk=instance.pk, is_approved=True).exists()


@hooks.register("after_edit_snippet")
def tell_the_proposer_their_venue_is_approved(request, instance):
    newly = isinstance(instance, Venue) and instance.is_approved
    if newly and not getattr(request, "venue_was_approved", True):
        services.venue_approved_notify(venue=instance, by=request.user)
