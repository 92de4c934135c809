from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketingConfig(AppConfig):
    """Ticket types, seat holds and tickets: the capacity layer between basket and order."""

    name = "commerce.ticketing"
    label = "ticketing"
    verbose_name = _("Ticketing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        import commerce.ticketing.contributions  # noqa: F401  (registers into events, dashboard)

        # the inventory alerts' and disputes' notification types
        from . import types  # noqa: F401
        from .services.announcements import on_page_published

        page_published.connect(on_page_published, dispatch_uid="ticketing_announce_changes")
