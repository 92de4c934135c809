"""Tell everyone registered when a published event is cancelled, postponed or moved.

The events app publishes pages; this module listens (page_published, a cross-domain signal)
and compares the event with what registrants were last told (`EventInventory.announced_*`),
so publishing both language versions, or publishing twice, tells each person once. People
with an account hear through the notification service (in-app and email, in their
language); guests who registered with an email get the same message by email."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import formats, translation

from .. import selectors, soldout
from ..models import EventInventory

logger = logging.getLogger(__name__)

CANCELLED = {"cancelled"}
POSTPONED = {"postponed"}


def _when(event, value) -> str:
    local = value.astimezone(event.tz)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({event.time_zone})"


def announce_changes(event) -> str | None:
    """Compare and tell; returns the kind of change announced ("cancelled", "rescheduled")."""
    with transaction.atomic():
        inventory = (
            EventInventory.objects.select_for_update()
            .filter(event_key=event.translation_key)
            .first()
        )
        if inventory is None:
            return None
        kind = None
        if event.status in CANCELLED and inventory.announced_status not in CANCELLED:
            kind = "cancelled"
        elif event.status not in CANCELLED and (
            (event.status in POSTPONED and inventory.announced_status not in POSTPONED)
            or inventory.announced_start != event.start
            or inventory.announced_end != event.end
        ):
            kind = "rescheduled"
        before = inventory.announced_start
        inventory.announced_start, inventory.announced_end = event.start, event.end
        inventory.announced_status = event.status
        if inventory.capacity != event.capacity:
            soldout.forget_events([inventory.pk])
        inventory.capacity = event.capacity
        inventory.save(
            update_fields=["announced_start", "announced_end", "announced_status", "capacity"]
        )
        if kind is not None:
            people = list(selectors.registrants(event))
            transaction.on_commit(lambda: _tell(event, kind, people, before))
    return kind


def _tell(event, kind: str, tickets, before) -> None:
    from community.notifications.services import notify

    type_code = "events.event_cancelled" if kind == "cancelled" else "events.event_rescheduled"
    seen_users, seen_emails = set(), set()
    for ticket in tickets:
        user = ticket.user
        if user is not None:
            if user.pk in seen_users:
                continue
            seen_users.add(user.pk)
            seen_emails.add(user.email.lower())
            page = event.get_translation_or_none(_locale_of(user)) or event
            context = {"event": page.title, "when": _when(page, page.start)}
            if before:
                context["before"] = _when(page, before)
            notify(recipient=user, type_code=type_code, context=context, url=page.full_url or "")
    for ticket in tickets:
        email = ticket.attendee_email.lower()
        if ticket.user is not None or email in seen_emails:
            continue
        seen_emails.add(email)
        _email_guest(event, kind, ticket, before)


def _locale_of(user):
    from wagtail.models import Locale

    from community.notifications.rendering import recipient_language

    return Locale.objects.filter(language_code=recipient_language(user)).first()


def _email_guest(event, kind: str, ticket, before) -> None:
    from community.notifications.registry import get_type

    code = "events.event_cancelled" if kind == "cancelled" else "events.event_rescheduled"
    kind_type = get_type(code)
    with translation.override(event.locale.language_code):
        context = {
            "name": ticket.attendee_name,
            "event": event.title,
            "when": _when(event, event.start),
            "before": _when(event, before) if before else "",
        }
        subject = str(kind_type.subject).format(**context)
        body = str(kind_type.body).format(**context) + f"\n\n{event.full_url or ''}"
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [ticket.attendee_email])
    except Exception:  # one unreachable guest must not stop the others being told
        logger.exception("could not tell %s about %s", ticket.attendee_email, event.pk)


def on_page_published(sender, instance, **kwargs) -> None:
    from cms.events.models import EventPage

    if isinstance(instance, EventPage):
        announce_changes(instance)
