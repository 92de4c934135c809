from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "cms.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import types  # noqa: F401  (registers the event notification types)
        from .models import EventIndexPage

        post_migrate.connect(_grant_after_migrate, sender=self, dispatch_uid="events_grant")
        post_save.connect(_grant_on_new_index, sender=EventIndexPage, dispatch_uid="events_idx")


def _grant_after_migrate(sender, **kwargs):
    from .permissions import grant_organizer_page_permissions

    grant_organizer_page_permissions()


def _grant_on_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .permissions import grant_organizer_page_permissions

        grant_organizer_page_permissions()
