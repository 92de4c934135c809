from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .selectors import can_moderate

moderation_urls = [
    path("", admin_views.queue, name="queue"),
    path("comment/<id:pk>/", admin_views.comment_action, name="comment"),
    path("bulk/", admin_views.bulk_action, name="bulk"),
]


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "blog/comments/",
            include((moderation_urls, "blog_moderation"), namespace="blog_moderation"),
        )
    ]


class CommentModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return CommentModerationMenuItem(
        _("Blog comments"),
        reverse("blog_moderation:queue"),
        icon_name="comment",
        order=262,
    )
