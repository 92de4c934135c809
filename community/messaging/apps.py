from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "community.messaging"
    label = "messaging"
    verbose_name = _("Direct messages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import types  # noqa: F401  (registers the message notification types)
