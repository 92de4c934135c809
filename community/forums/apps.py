from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "community.forums"
    label = "forums"
    verbose_name = _("Forums")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import history, types  # noqa: F401  (registers the forum notification types)

        history.register()
