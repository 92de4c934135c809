"""Assertions on the audit trail (config/audit.py), shared by the apps' tests: the entry a
service wrote, and the admin's Reports → Site history listing it, readable in es and en."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile


def audit_entries(instance, action: str | None = None):
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    )
    return entries.filter(action=action) if action else entries


def assert_audited(instance, action: str, *, user, **data) -> ModelLogEntry:
    """Exactly one `action` entry on `instance` whose data holds these values, and it was
    written by `user` (None: the system)."""
    entries = list(audit_entries(instance, action))
    found = [e for e in entries if all(e.data.get(k) == v for k, v in data.items())]
    assert len(found) == 1, f"{len(found)} {action} entries like {data} in {entries}"
    entry = found[0]
    assert entry.user_id == (user.pk if user is not None else None), entry.user_id
    return entry


def assert_in_site_history(client, admin, entry: ModelLogEntry, *, es: str, en: str) -> None:
    """The admin's site history lists `entry`, described as `es` in Spanish and `en` in
    English (the admin's preferred language)."""
    profile = UserProfile.get_for_user(admin)
    client.force_login(admin)
    for language, text in (("es", es), ("en", en)):
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
        url = reverse("wagtailadmin_reports:site_history")
        response = client.get(url, {"action": entry.action})
        assert response.status_code == 200
        listed = [row.pk for row in response.context["object_list"]]
        assert entry.pk in listed, f"entry {entry.pk} not in the site history {listed}"
        with translation.override(language):
            assert entry.formatter.format_message(entry) == text
        assert text in response.content.decode(), f"{text!r} not shown in {language}"
