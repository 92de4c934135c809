"""Signed unsubscribe links: they work without logging in and cannot be forged or altered."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "notifications.unsubscribe"


def unsubscribe_token(user, type_code: str) -> str:
    return signing.dumps({"u": user.pk, "t": type_code}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, type code or "*"); raises signing.BadSignature when forged or altered."""
    data = signing.loads(token, salt=SALT)
    return int(data["u"]), str(data["t"])


def unsubscribe_url(user, type_code: str) -> str:
    """Absolute, in the active language (callers render emails in the recipient's)."""
    token = unsubscribe_token(user, type_code)
    return settings.SITE_URL + reverse("notifications_unsubscribe", kwargs={"token": token})
