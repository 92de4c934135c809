"""Events in the Wagtail admin: venues (with the approval filter; the "approved" box asks the
approval service), categories, speakers, organizers' submissions (read here; decided in the
page moderation workflow), the wizard's funnel report, and organizers seeing only their own
events in the page explorer."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, permissions, services
from .models import EventCategory, EventIndexPage, EventSubmission, Speaker, Venue


class VenueFilterSet(WagtailFilterSet):
    class Meta:
        model = Venue
        fields = ["is_approved", "area"]


class VenueApprovalMixin:
    """The "approved" box is a request to the approval service (one rule, one audit entry,
    the proposer told), never a field the form writes: the box is read-only for whoever may
    not approve, and the form saves the venue with its stored approval."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not permissions.can_approve_venues(self.request.user):
            form.fields["is_approved"].disabled = True
        return form

    def save_instance(self):
        venue = self.form.instance
        wanted = bool(self.form.cleaned_data.get("is_approved"))
        stored = (
            venue.pk is not None and Venue.objects.filter(pk=venue.pk, is_approved=True).exists()
        )
        venue.is_approved = stored
        venue = super().save_instance()
        if wanted and not stored:
            services.venue_approve(venue=venue, by=self.request.user)
        elif stored and not wanted:
            services.venue_unapprove(venue=venue, by=self.request.user)
        return venue


class VenueCreateView(VenueApprovalMixin, snippet_views.CreateView):
    pass


class VenueCopyView(VenueApprovalMixin, snippet_views.CopyView):
    pass


class VenueEditView(VenueApprovalMixin, snippet_views.EditView):
    pass


class VenueViewSet(SnippetViewSet):
    model = Venue
    add_view_class = VenueCreateView
    copy_view_class = VenueCopyView
    edit_view_class = VenueEditView
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
