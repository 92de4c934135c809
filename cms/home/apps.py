from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "cms.home"
    label = "home"
    verbose_name = _("Home and standard pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished

        from . import types  # noqa: F401  (registers the editorial notification types)
        from .navigation import NavigationSettings, invalidate

        post_save.connect(invalidate, sender=NavigationSettings, dispatch_uid="nav_settings")
        page_published.connect(invalidate, dispatch_uid="nav_page_published")
        page_unpublished.connect(invalidate, dispatch_uid="nav_page_unpublished")
