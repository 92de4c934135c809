from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "cms.home"
    label = "home"
    verbose_name = _("Home and standard pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from cms.cache import invalidate_pages

        from . import types  # noqa: F401  (registers the editorial notification types)
        from .navigation import NavigationSettings, invalidate

        # what pages show changes: drop cached menus and cached anonymous pages
        for name, signal in [
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("slug", page_slug_changed),
            ("moved", post_page_move),
        ]:
            signal.connect(invalidate, dispatch_uid=f"nav_page_{name}")
            signal.connect(invalidate_pages, dispatch_uid=f"page_cache_{name}")
        post_delete.connect(invalidate_pages, sender=Page, dispatch_uid="page_cache_deleted")

        def settings_saved(sender, created=False, **kwargs):
            if not created:  # for_site() creates an empty row on first read: nothing changed
                invalidate()
                invalidate_pages()

        post_save.connect(
            settings_saved, sender=NavigationSettings, dispatch_uid="nav_saved", weak=False
        )
