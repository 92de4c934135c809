from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocsConfig(AppConfig):
    name = "cms.docs"
    label = "docs"
    verbose_name = _("Documentation")
    default_auto_field = "django.db.models.BigAutoField"
