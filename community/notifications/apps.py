from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "community.notifications"
    label = "notifications"  # Oscar's notifications live in its "communication" app
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import types  # noqa: F401  (registers the platform's notification types)
