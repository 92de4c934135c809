from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    name = "search"
    label = "site_search"  # Oscar owns the label "search"
    verbose_name = _("Site search")
