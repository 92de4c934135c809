"""The access log of the library. Below the pages: the service a resource page calls to log
an access (services.py) imports this module, never the pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResourceAccess(models.Model):
    """One view or download of a resource. Stores a keyed hash of the visitor's IP address
    (HMAC-SHA256 with RESOURCE_ACCESS_IP_SALT), never the address itself: enough to tell
    repeat visits apart, useless to identify anyone without the secret."""

    class AccessType(models.TextChoices):
        VIEW = "view", _("Page view")
        DOWNLOAD = "download", _("File download")

    resource = models.ForeignKey(
        "resources.ResourcePage",
        on_delete=models.CASCADE,
        related_name="accesses",
        verbose_name=_("resource"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resource_accesses",
        verbose_name=_("user"),
    )
    access_type = models.CharField(_("access type"), max_length=10, choices=AccessType.choices)
    ip_hash = models.CharField(_("hashed IP address"), max_length=64, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("accessed at"), default=timezone.now)

    class Meta:
        verbose_name = _("resource access")
        verbose_name_plural = _("resource accesses")
        indexes = [
            models.Index(
                fields=["resource", "access_type", "created_at"],
                name="resources_access_res_type_at",
            ),
            models.Index(fields=["access_type", "created_at"], name="resources_access_type_at"),
            models.Index(fields=["user", "created_at"], name="resources_access_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_access_type_display()} · {self.resource_id} · {self.created_at:%Y-%m-%d}"
