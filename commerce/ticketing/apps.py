from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketingConfig(AppConfig):
    """Ticket types, seat holds and tickets: the capacity layer between basket and order."""

    name = "commerce.ticketing"
    label = "ticketing"
    verbose_name = _("Ticketing")
    default_auto_field = "django.db.models.BigAutoField"
