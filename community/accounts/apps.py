from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "community.accounts"
    label = "accounts"  # allauth owns "account"; Oscar owns "customer"
    verbose_name = _("Accounts and roles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from config.converters import IdConverter

        # Project-wide `<id:…>` path converter; registered before any URLconf is imported.
        register_converter(IdConverter, "id")

        from . import roles, signals  # noqa: F401  (connects the receivers)

        post_migrate.connect(roles.sync_role_permissions_after_migrate, sender=self)
