from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PlatformConfig(AppConfig):
    """What the whole platform shares: the store for security state (config/security.py)
    and the site's address in the libraries' records (config/sites.py). Listed after
    django.contrib.sites, so the default Site exists when post_migrate reaches us."""

    name = "config"
    label = "platform"
    verbose_name = "Platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from . import security, sites

        security.route_allauth_state()
        checks.register(security.check_security_redis, checks.Tags.caches)
        post_migrate.connect(sites.site_address_sync, sender=self, dispatch_uid="site_address")


class PlatformAdminConfig(AdminConfig):
    """django.contrib.admin with the site that keeps Oscar's ledger read-only."""

    default_site = "config.admin_site.PlatformAdminSite"
