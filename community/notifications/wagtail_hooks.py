from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from config.permission_policies import RestrictedActionsPolicy

from .models import Delivery, Notification, NotificationTemplate


class ReadOnlyPolicy(RestrictedActionsPolicy):
    forbidden_actions = ("add", "change", "delete")


register_permission_policy(Notification, ReadOnlyPolicy(Notification))
register_permission_policy(Delivery, ReadOnlyPolicy(Delivery))


class NotificationTemplateViewSet(ModelViewSet):
    """Admins reword any notification per language; placeholders are checked on save."""

    model = NotificationTemplate
    icon = "mail"
    menu_label = _("Templates")
    list_display = ["type_code", "channel", "language", "subject", "active", "updated_at"]
    list_filter = ["type_code", "channel", "language", "active"]
    form_fields = ["type_code", "channel", "language", "subject", "body", "active"]
    copy_view_enabled = True


class NotificationViewSet(ModelViewSet):
    """What was sent to whom (support and auditing); read-only."""

    model = Notification
    icon = "list-ul"
    menu_label = _("Sent notifications")
    list_display = ["title", "recipient", "type_code", "created_at", "read_at"]
    list_filter = ["type_code"]
    search_fields = ["title", "recipient__email"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["title"]


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "resubmit"
    menu_label = _("Deliveries")
    list_display = ["notification", "channel", "frequency", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "frequency"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]


class NotificationsViewSetGroup(ViewSetGroup):
    menu_label = _("Notifications")
    menu_icon = "mail"
    menu_order = 260
    items = (
        NotificationTemplateViewSet("notification_templates"),
        NotificationViewSet("notifications"),
        DeliveryViewSet("notification_deliveries"),
    )


@hooks.register("register_admin_viewset")
def register_notification_viewsets():
    return NotificationsViewSetGroup()
