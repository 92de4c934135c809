from django.apps import AppConfig


class PlatformConfig(AppConfig):
    """What the whole platform shares: the store for security state (config/security.py)."""

    name = "config"
    label = "platform"
    verbose_name = "Platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from . import security

        security.route_allauth_state()
        checks.register(security.check_security_redis, checks.Tags.caches)
