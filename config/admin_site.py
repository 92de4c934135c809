"""Django's admin (/django-admin/, staff only, for emergencies) with Oscar's models read-only.

Oscar's apps register an admin for each of their models: its add and change forms would edit
orders, ticket products, stock records, vouchers and offers around the ticketing services
that lock, audit and keep seats and money in step (docs/architecture.md, "Oscar as the
ledger"). Every model of an Oscar app is therefore registered read-only here, superusers
included; everything else is registered as its app asks.
"""

from django.apps import apps
from django.contrib import admin


def is_oscar_model(model) -> bool:
    """A model of one of Oscar's apps, ours forks included (they keep Oscar's labels)."""
    name = apps.get_app_config(model._meta.app_label).name
    return name.startswith(("oscar.", "commerce.order", "commerce.partner"))


class ReadOnlyAdmin:
    """Views and lists stay; nothing is added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlatformAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, type) else model_or_iterable
        for model in models:
            model_admin = admin_class or admin.ModelAdmin
            if is_oscar_model(model):
                model_admin = type(model_admin.__name__, (ReadOnlyAdmin, model_admin), {})
            super().register(model, model_admin, **options)
