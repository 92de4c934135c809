from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommerceConfig(AppConfig):
    """Home of ticketing code that is not an Oscar fork (tickets, check-in, waitlists)."""

    name = "commerce"
    label = "commerce"
    verbose_name = _("Commerce")
