"""Registrations for organizers: who is coming to their events, and the few things they do
about it (export the list, resend an order's tickets, write to every attendee).

Reads and writes shared by the member dashboard (registration_views.py), the Wagtail
admin (admin_registrations.py) and the API (api/registrations.py); permission is always
`services.may_manage_tickets` (the event's organizer, co-organizers, admins)."""

from __future__ import annotations

import csv
import hashlib
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.events.models import EventPage
from cms.events.permissions import own_events_filter
from config.errors import Conflict, NotPermitted, ValidationFailed
from config.tasks import enqueue

from .models import AttendeeMessage, EventInventory, Ticket, TicketStatus, TicketType
from .selectors import question_pairs
from .services import may_manage_tickets

logger = logging.getLogger(__name__)

STATUS_FILTERS = {
    "valid": gettext_lazy("Valid"),
    "void": gettext_lazy("Void"),
    "checked_in": gettext_lazy("Checked in"),
    "not_checked_in": gettext_lazy("Not checked in yet"),
}
SUBJECT_MAX, BODY_MAX = 150, 5000
NOT_YOURS = gettext_lazy("Only the event's organizers and admins see its registrations.")

# ---- reads -------------------------------------------------------------------------------


def may_see_registrations(user) -> bool:
    """Who gets the registrations pages at all: organizers and admins."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or user.has_perm("events.submit_event"))
    )


def managed_inventories(user) -> QuerySet[EventInventory]:
    """The events with tickets the user manages (every event for admins), latest first,
    each with `sold` and `checked_in` counted in the same query."""
    if not may_see_registrations(user):
        return EventInventory.objects.none()
    queryset = EventInventory.objects.all()
    if not user.is_superuser:
        keys = EventPage.objects.filter(own_events_filter(user)).values("translation_key")
        queryset = queryset.filter(event_key__in=keys)
    valid = Q(tickets__status=TicketStatus.VALID)
    return (
        queryset.select_related("event")
        .annotate(
            sold=Count("tickets", filter=valid),
            checked_in=Count("tickets", filter=valid & Q(tickets__checked_in_at__isnull=False)),
        )
        .order_by("-event__start", "-pk")
    )


def translated_events(inventories: Iterable[EventInventory], language: str) -> dict:
    """{event_key: the event's page in `language`} (one query), for titles and links."""
    keys = [inventory.event_key for inventory in inventories]
    return {
        page.translation_key: page
        for page in EventPage.objects.filter(
            translation_key__in=keys, locale__language_code=language
        )
    }


def event_inventory(event: EventPage) -> EventInventory | None:
    return EventInventory.objects.filter(event_key=event.translation_key).first()


def event_ticket_types(event: EventPage) -> list[TicketType]:
    return list(
        TicketType.objects.filter(inventory__event_key=event.translation_key).order_by(
            "sort_order", "price", "pk"
        )
    )


def attendee_list(
    event: EventPage, *, search: str = "", ticket_type: int | None = None, status: str = ""
) -> QuerySet[Ticket]:
    """The event's tickets (every language version), filtered; by order, then ticket."""
    queryset = Ticket.objects.filter(inventory__event_key=event.translation_key)
    search = (search or "").strip()[:120]
    if search:
        queryset = queryset.filter(
            Q(attendee_name__icontains=search)
            | Q(attendee_email__icontains=search)
            | Q(code__iexact=search)
            | Q(order__number__iexact=search)
            | Q(order__guest_email__iexact=search)
        )
    if ticket_type:
        queryset = queryset.filter(ticket_type_id=ticket_type)
    if status in (TicketStatus.VALID, TicketStatus.VOID):
        queryset = queryset.filter(status=status)
    elif status == "checked_in":
        queryset = queryset.filter(status=TicketStatus.VALID, checked_in_at__isnull=False)
    elif status == "not_checked_in":
        queryset = queryset.filter(status=TicketStatus.VALID, checked_in_at__isnull=True)
    return queryset.select_related("ticket_type", "order").order_by("order__number", "pk")


def attendee_questions(event: EventPage) -> list[tuple]:
    """(question answers are filed under, question shown in `event`'s language)."""
    inventory = EventInventory.objects.filter(event_key=event.translation_key).first()
    source = EventPage.objects.get(pk=inventory.event_id) if inventory else event
    return question_pairs(source, event)


@dataclass(frozen=True)
class AttendeeRow:
    ticket: Ticket
    answers: list[str]


def _answer(question, value: str) -> str:
    if question.kind == "checkbox":
        return _("Yes") if value else _("No")
    return value


def attendee_rows(tickets: Iterable[Ticket], questions: list[tuple]) -> list[AttendeeRow]:
    return [
        AttendeeRow(
            ticket,
            [_answer(key, (ticket.answers or {}).get(str(key.pk), "")) for key, _l in questions],
        )
        for ticket in tickets
    ]


def csv_safe(value) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ (or a tab or carriage
    return) would be read as a formula, so it gets a leading quote (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def attendees_csv(tickets: Iterable[Ticket], questions: list[tuple]) -> Iterator[str]:
    """The attendee list as CSV lines (header first; each answer a column)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([csv_safe(cell) for cell in cells])
        return buffer.getvalue()

    yield line([_("Name"), _("Email"), _("Ticket type"), _("Code"), _("Order"), _("Status"),
                _("Checked in"), *(label.label for _key, label in questions)])  # fmt: skip
    for row in attendee_rows(tickets, questions):
        ticket = row.ticket
        checked_in = ticket.checked_in_at.isoformat() if ticket.checked_in_at else ""
        yield line([ticket.attendee_name, ticket.attendee_email, ticket.ticket_type.name,
                    ticket.code, ticket.order.number, ticket.get_status_display(), checked_in,
                    *row.answers])  # fmt: skip


def event_order(event: EventPage, number: str):
    """The order `number` if it holds tickets for `event`, else None."""
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    return (
        Order.objects.filter(
            number=str(number)[:128], tickets__inventory__event_key=event.translation_key
        )
        .distinct()
        .first()
    )


def recipient_emails(event: EventPage) -> list[str]:
    """Each valid ticket holder's address once (case-insensitive), in ticket order."""
    seen: dict[str, str] = {}
    emails = Ticket.objects.filter(
        inventory__event_key=event.translation_key, status=TicketStatus.VALID
    ).order_by("pk")
    for email in emails.values_list("attendee_email", flat=True):
        seen.setdefault(email.strip().lower(), email.strip())
    return list(seen.values())


def sent_messages(event: EventPage) -> QuerySet[AttendeeMessage]:
    return AttendeeMessage.objects.filter(inventory__event_key=event.translation_key).order_by(
        "-created_at", "-pk"
    )


# ---- writes ------------------------------------------------------------------------------


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
            enqueue("commerce.ticketing.registrations.attendee_message_send", message.pk)
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
