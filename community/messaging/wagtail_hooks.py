"""Moderation of direct messages in the Wagtail admin: "Message reports" lists reports
(open ones first; the menu opens the open queue), and each report's review page shows the
reported message with Resolve (remove the message) and Dismiss (keep it).

Moderators (MODERATOR_PERMISSIONS) and admins see it; members never reach /admin/. Nobody
adds, edits or deletes reports here: decisions go through services.report_resolve."""

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from config.errors import DomainError

from .models import MessageReport
from .services import report_resolve


class ReportPermissionPolicy(ModelPermissionPolicy):
    """Moderators view and decide ("change"); reports are made by members, never here."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(MessageReport, ReportPermissionPolicy(MessageReport))


class ReportIndexView(IndexView):
    def get_base_queryset(self):
        return (
            MessageReport.objects.select_related("message__sender", "reporter", "resolved_by")
            .annotate(
                open_first=Case(
                    When(status=MessageReport.Status.OPEN, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("open_first", "-created_at", "-pk")
        )


class ReportReviewView(InspectView):
    """The report with its message, and the moderator's two decisions (POST)."""

    any_permission_required = ["change"]
    template_name = "messaging/admin/report_review.html"
    page_title = gettext_lazy("Review report")
    fields = ["reason"]  # the template shows the report itself (local times, no "None")

    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(
            MessageReport.objects.select_related(
                "message__sender", "message__recipient", "reporter", "resolved_by"
            ),
            pk=self.pk,
        )

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.object
        context["is_open"] = self.object.status == MessageReport.Status.OPEN
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        try:
            report_resolve(moderator=request.user, report=self.object, action=action)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        if action == "resolve":
            messages.success(request, _("Report resolved: the message was removed."))
        else:
            messages.success(request, _("Report dismissed: the message stays."))
        return redirect(reverse(self.index_url_name) + "?status=open")


class MessageReportViewSet(ModelViewSet):
    model = MessageReport
    icon = "warning"
    menu_label = gettext_lazy("Message reports")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = ReportIndexView
    list_display = ["message", "reason", "reporter", "status", "created_at"]
    list_filter = ["status", "reason"]
    search_fields = ["message__body", "note", "reporter__email", "message__sender__email"]
    search_backend_name = None  # plain database lookups: no search index for reports
    copy_view_enabled = False
    inspect_view_enabled = False

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index")) + "?status=open"

    @property
    def edit_view(self):
        # the "edit" page of a report is its review page: decide, never edit the fields
        return self.construct_view(ReportReviewView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("review/<int:pk>/", self.edit_view, name="edit"),
        ]


@hooks.register("register_admin_viewset")
def register_message_reports():
    return MessageReportViewSet("message_reports")
