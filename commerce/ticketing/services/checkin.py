"""QR tokens and check-in.

A ticket's QR holds a signed token (`django.core.signing`, salted): a scanner can tell a
genuine token from a forged or altered one without a database lookup. It carries the
ticket's code and `token_version`; transferring or voiding a ticket bumps the version, so
the old QR stops admitting anyone. Checking in locks the ticket's row, so two scanners
reading the same ticket at the same moment count it once: the second hears "already
checked in", with when and by whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.events.models import EventPage
from config import audit
from config.errors import NotPermitted

from ..models import Ticket, TicketStatus
from ..permissions import may_check_in

SALT = "ticketing.qr"


def ticket_token(ticket: Ticket) -> str:
    return signing.dumps([ticket.code, ticket.token_version], salt=SALT, compress=True)


def read_token(token: str) -> tuple[str, int] | None:
    """The code and version in a genuine token; None for anything forged or altered."""
    try:
        code, version = signing.loads(token.strip(), salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(code, str) or not isinstance(version, int):
        return None
    return code, version


def qr_svg(ticket: Ticket) -> str:
    """The ticket's QR code as inline SVG markup."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(ticket_token(ticket), image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


@dataclass(frozen=True)
class CheckIn:
    """A scan's answer. `ticket` is set only for a ticket of the event being checked in:
    a scanner at another event's door learns that much and nothing more (no name, no type)."""

    status: str  # valid | already | void | wrong_event | invalid
    message: str
    ticket: Ticket | None = None
    at: datetime | None = None
    by: str = ""


def ticket_check_in(*, event: EventPage, value: str, by) -> CheckIn:
    """Admit the ticket in `value` (a scanned token or a typed code) to `event`."""
    if not may_check_in(by, event):
        raise NotPermitted(_("Only the event's organizers and staff check people in."))
    value = (value or "").strip()[:500]
    version = None
    if ":" in value:  # a signed token from the QR
        found = read_token(value)
        if found is None:
            return CheckIn(
                "invalid", _("Not a valid ticket: the QR code is not ours or was altered.")
            )
        code, version = found
    else:
        code = value.upper()
    if not code:
        return CheckIn("invalid", _("Type a ticket code or scan a QR code."))
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update(of=("self",))
            .select_related("ticket_type", "inventory", "checked_in_by")
            .filter(code=code)
            .first()
        )
        if ticket is None:
            return CheckIn("invalid", _("No ticket has this code."))
        if ticket.inventory.event_key != event.translation_key:
            return CheckIn("wrong_event", _("This ticket is for another event."))
        if ticket.status != TicketStatus.VALID or (
            version is not None and version != ticket.token_version
        ):
            return CheckIn("void", _("This ticket is void (refunded or transferred)."), ticket)
        if ticket.checked_in_at is not None:
            by_name = ticket.checked_in_by.get_full_name() if ticket.checked_in_by else ""
            return CheckIn(
                "already",
                _("Already checked in."),
                ticket,
                at=ticket.checked_in_at,
                by=by_name or (ticket.checked_in_by.email if ticket.checked_in_by else ""),
            )
        ticket.checked_in_at, ticket.checked_in_by = timezone.now(), by
        ticket.save(update_fields=["checked_in_at", "checked_in_by"])
        EventPage.objects.filter(translation_key=event.translation_key).update(
            actual_attendees=F("actual_attendees") + 1
        )
        # named by its id: the entry must not show a code that still opens the door
        audit.record(ticket, "medellin.ticket_check_in", user=by, title=f"#{ticket.pk}")
    return CheckIn("valid", _("Welcome! Checked in."), ticket, at=ticket.checked_in_at)
