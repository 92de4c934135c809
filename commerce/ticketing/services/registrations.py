"""Registrations for organizers: the few things they do about who is coming to their events
(resend an order's tickets, write to every attendee). Shared by the member dashboard, the
Wagtail admin and the API; the reads (attendee lists, exports) are in selectors.py, the
permission is always `permissions.may_manage_tickets` (the event's organizer,
co-organizers, admins)."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.events.models import EventPage
from config.errors import Conflict, NotPermitted, ValidationFailed
from config.tasks import enqueue

from ..models import AttendeeMessage, TicketStatus
from ..permissions import may_manage_tickets
from ..selectors import event_inventory, recipient_emails

logger = logging.getLogger(__name__)

SUBJECT_MAX, BODY_MAX = 150, 5000
NOT_YOURS = gettext_lazy("Only the event's organizers and admins see its registrations.")


def _check(user, event: EventPage) -> None:
    if not may_manage_tickets(user, event):
        raise NotPermitted(str(NOT_YOURS))


def order_resend(*, event: EventPage, user, order, language: str = "es") -> None:
    """Email an order's tickets again (to the buyer and each attendee), after commit."""
    _check(user, event)
    if not order.tickets.filter(status=TicketStatus.VALID).exists():
        raise Conflict(_("This order has no valid tickets to send."), code="no_valid_tickets")
    logger.info("tickets of order %s resent by user %s", order.number, user.pk)
    enqueue("commerce.ticketing.tasks.send_tickets", order.pk, (language or "es")[:2])


def attendees_message(
    *, event: EventPage, user, subject: str, body: str, key: str = ""
) -> tuple[AttendeeMessage, bool]:
    """Write to every valid ticket holder (one plain-text email each, sent by a task).

    `key` makes it once-only: the form's one-time token, the API's idempotency key, or by
    default a digest of the text, so a double submit (or a retry) sends nothing twice.
    Returns the message and whether it was created now."""
    _check(user, event)
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = [_("Write a subject.")]
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = [_("At most %(n)s characters.") % {"n": SUBJECT_MAX}]
    if not body:
        errors["body"] = [_("Write a message.")]
    elif len(body) > BODY_MAX:
        errors["body"] = [_("At most %(n)s characters.") % {"n": BODY_MAX}]
    if "\n" in subject or "\r" in subject:
        errors["subject"] = [_("The subject is one line.")]
    if errors:
        raise ValidationFailed(_("The message could not be sent."), fields=errors)
    inventory = event_inventory(event)
    count = len(recipient_emails(event)) if inventory else 0
    if not count:
        raise Conflict(_("No one holds a valid ticket for this event yet."), code="no_attendees")
    key = (key or "").strip()[:64] or hashlib.sha256(f"{subject}\n{body}".encode()).hexdigest()
    try:
        with transaction.atomic():
            message = AttendeeMessage.objects.create(
                inventory=inventory, key=key, sender=user, subject=subject, body=body,
                recipients=count,
            )  # fmt: skip
            enqueue("commerce.ticketing.services.registrations.attendee_message_send", message.pk)
    except IntegrityError:
        return AttendeeMessage.objects.get(inventory=inventory, key=key), False
    logger.info("message %s to %s attendees of %s by %s", message.pk, count, event.pk, user.pk)
    return message, True


def attendee_message_send(message_id: int) -> int:
    """The task: claim the message (once), then one email per ticket holder. Returns how
    many were sent; a message already claimed sends nothing."""
    claimed = AttendeeMessage.objects.filter(
        pk=message_id, status=AttendeeMessage.Status.PENDING
    ).update(status=AttendeeMessage.Status.SENDING)
    if not claimed:
        return 0
    message = AttendeeMessage.objects.select_related("inventory__event", "sender").get(
        pk=message_id
    )
    event = message.inventory.event
    emails = recipient_emails(event)
    reply_to = [message.sender.email] if message.sender_id and message.sender.email else []
    with translation.override(event.locale.language_code):
        footer = _("You receive this message because you hold a ticket for “%(event)s”.") % {
            "event": event.title
        }
    text = f"{message.body}\n\n--\n{footer}\n{event.full_url or ''}".rstrip() + "\n"
    sent = 0
    for email in emails:
        try:
            EmailMessage(
                message.subject, text, settings.DEFAULT_FROM_EMAIL, [email], reply_to=reply_to
            ).send()
            sent += 1
        except Exception:  # one unreachable address must not stop the others
            logger.exception("attendee message %s could not reach %s", message.pk, email)
    AttendeeMessage.objects.filter(pk=message.pk).update(
        status=AttendeeMessage.Status.SENT, recipients=sent, sent_at=timezone.now()
    )
    return sent
