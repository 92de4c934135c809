"""Writes of the resource library: recording a view or a download."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from .models.access import ResourceAccess

AccessType = ResourceAccess.AccessType
USER_AGENT_MAX = 255


def hash_ip(ip: str) -> str:
    """HMAC-SHA256 of the address with a secret salt: the same visitor hashes the same way
    (repeat visits can be told apart), but without the salt the hash cannot be reversed
    by trying the 4 billion IPv4 addresses. The raw address is never stored."""
    if not ip:
        return ""
    salt = getattr(settings, "RESOURCE_ACCESS_IP_SALT", "") or settings.SECRET_KEY or ""
    return hmac.new(salt.encode(), ip.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def resource_record_access(*, resource, request, access_type: str) -> ResourceAccess:
    """Log one access and, for a download, add one to the resource's counter in the
    database (F() expression: concurrent downloads never lose a count). The caller has
    already checked that the visitor may open the resource (permissions.can_open)."""
    user = request.user if request.user.is_authenticated else None
    access = ResourceAccess.objects.create(
        resource=resource,
        user=user,
        access_type=access_type,
        ip_hash=hash_ip(request.META.get("REMOTE_ADDR", "")),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX],
    )
    if access_type == AccessType.DOWNLOAD:
        resource.add_download()
    return access
