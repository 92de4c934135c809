from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectionsConfig(AppConfig):
    name = "community.connections"
    label = "connections"
    verbose_name = _("Connections")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import types  # noqa: F401  (registers the connection notification types)
