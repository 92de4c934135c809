from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import ForumCategory
from .selectors import can_moderate


class ForumCategoryViewSet(ModelViewSet):
    """Admins shape the forum: names in both languages, the tree, the order, open or closed."""

    model = ForumCategory
    icon = "folder-open-inverse"
    menu_label = _("Forum categories")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name_es", "name_en", "parent", "sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name_es", "name_en", "slug"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = [
        "name_es",
        "name_en",
        "slug",
        "description_es",
        "description_en",
        "parent",
        "sort_order",
        "is_active",
    ]


@hooks.register("register_admin_viewset")
def register_forum_categories():
    return ForumCategoryViewSet("forum_categories")


moderation_urls = [
    path("", admin_views.queue, name="queue"),
    path("post/<id:pk>/", admin_views.post_action, name="post"),
    path("topic/<id:pk>/", admin_views.topic_action, name="topic"),
    path("report/<id:pk>/dismiss/", admin_views.report_dismiss, name="report_dismiss"),
    path("ban/", admin_views.ban_create, name="ban"),
    path("ban/<id:pk>/lift/", admin_views.ban_lift, name="ban_lift"),
]


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "forums/moderation/",
            include((moderation_urls, "forums_moderation"), namespace="forums_moderation"),
        )
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Forum moderation"),
        reverse("forums_moderation:queue"),
        icon_name="warning",
        order=261,
    )
