"""Wording of a notification in the recipient's language: the admin's template if there is
an active one, else the type's built-in text, translated."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from .models import NotificationTemplate
from .registry import get_type


class _Missing(dict):
    def __missing__(self, key):  # a placeholder without a value renders as nothing
        return ""


@dataclass
class Rendered:
    subject: str
    body: str


def render(*, type_code: str, channel: str, language: str, context: dict) -> Rendered:
    kind = get_type(type_code)
    values = _Missing({k: str(v) for k, v in context.items() if k in kind.placeholders})
    template = (
        NotificationTemplate.objects.filter(
            type_code=type_code, channel=channel, language=language, active=True
        )
        .only("subject", "body")
        .first()
    )
    with translation.override(language):
        subject = template.subject if template else str(kind.subject)
        body = template.body if template else str(kind.body)
        # format_map with plain strings only: no attribute or index access can reach code
        return Rendered(subject.format_map(values).strip(), body.format_map(values).strip())


def recipient_language(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", None) or "es"
