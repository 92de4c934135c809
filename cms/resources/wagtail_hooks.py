from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, selectors
from .models import ResourceCategory
from .permissions import can_view_members_only


class ResourceCategoryViewSet(SnippetViewSet):
    """Editors shape the library's categories; each language is a translation
    (wagtail-localize's "Translate" action), and a category may sit inside another."""

    model = ResourceCategory
    icon = "folder-open-inverse"
    menu_label = _("Resource categories")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["name", "parent", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    search_backend_name = None


register_snippet(ResourceCategoryViewSet)


@hooks.register("before_serve_document")
def guard_members_only_documents(document, request):
    """Wagtail's own document URL (/documents/<id>/<file>) must not open a file that a
    members-only resource links to anyone who could not open that resource."""
    if can_view_members_only(request.user):
        return None
    if not selectors.document_is_restricted(document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(request, "resources/members_only.html", {}, status=403)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("resources/downloads/", admin_views.downloads, name="resources_downloads")]


class DownloadsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_downloads_menu_item():
    return DownloadsMenuItem(
        _("Resource downloads"), reverse("resources_downloads"), icon_name="download", order=900
    )
