"""The waitlist of a sold-out ticket type.

Seats that free up (a refund, a cancelled or expired order, an expired hold) go to the list
first: `hold_create` keeps the waiting quantity out of public sale, and `waitlist_serve` turns
the first entries into offers — a hold reserved for them, emailed with a link — under the
event's lock. An offer that is not taken in time passes to the next entry (`waitlist_sweep`)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.errors import Conflict, NotPermitted, ValidationFailed
from config.tasks import enqueue

from ..models import (
    EventInventory,
    HoldStatus,
    SeatHold,
    TicketType,
    TicketVisibility,
    WaitlistEntry,
    WaitlistStatus,
)
from ..permissions import may_use_waitlist_entry
from .availability import available, hold_family, inventory_recount, lock_inventories, taken
from .holds import check_event_open, hold_build
from .pricing import quote


def offer_hours() -> int:
    return int(getattr(settings, "TICKETING_WAITLIST_OFFER_HOURS", 24))


def waitlist_join(
    *, ticket_type_id: int, quantity: int, user=None, email: str = ""
) -> WaitlistEntry:
    """Join the list of a sold-out ticket type (once per email and type)."""
    ticket_type = (
        TicketType.objects.select_related("inventory__event").filter(pk=ticket_type_id).first()
    )
    if ticket_type is None or ticket_type.visibility == TicketVisibility.HIDDEN:
        raise ValidationFailed(_("That ticket type does not exist."), code="unknown_ticket_type")
    if ticket_type.has_includes:
        raise Conflict(_("Bundles have no waitlist."), code="bundle")
    check_event_open(ticket_type.inventory.event, timezone.now())
    signed_in = user is not None and user.is_authenticated
    email = (user.email if signed_in else email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(
            _("Give an email address for the waitlist."),
            code="email",
            fields={"email": [_("Give a valid email address.")]},
        ) from None
    if not 1 <= quantity <= ticket_type.max_per_order:
        raise ValidationFailed(
            _("Choose between 1 and %(max)s tickets.") % {"max": ticket_type.max_per_order},
            code="quantity",
            fields={"quantity": [_("Out of range.")]},
        )
    left = available(ticket_type)
    if left is None or left >= quantity:
        raise Conflict(
            _("There are still tickets: buy them instead of waiting."), code="not_sold_out"
        )
    try:
        with transaction.atomic():
            entry = WaitlistEntry.objects.create(
                inventory=ticket_type.inventory,
                ticket_type=ticket_type,
                user=user if signed_in else None,
                email=email,
                quantity=quantity,
                language=(translation.get_language() or "es")[:2],
            )
            inventory_recount([ticket_type.inventory_id])  # the list is owed the next freed seats
            return entry
    except IntegrityError:
        raise Conflict(
            _("This email is already on the waitlist for this ticket."), code="already_waiting"
        ) from None


def waitlist_leave(*, entry: WaitlistEntry, user=None) -> WaitlistEntry:
    if not may_use_waitlist_entry(user, entry):
        raise NotPermitted(_("This waitlist entry belongs to another account."))
    with transaction.atomic():
        # locks in the order the other paths take them: the hold, the event, the entry
        if entry.hold_id:
            list(SeatHold.objects.select_for_update().filter(pk=entry.hold_id))
        lock_inventories([entry.inventory_id])
        WaitlistEntry.objects.filter(
            pk=entry.pk, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
        ).update(status=WaitlistStatus.LEFT)
        if entry.hold_id:  # an open offer goes to the next in line
            offer = hold_family(entry.hold_id).filter(status=HoldStatus.ACTIVE, order__isnull=True)
            offer.update(status=HoldStatus.RELEASED)
            enqueue("commerce.ticketing.services.waitlist.waitlist_serve", entry.inventory_id)
        inventory_recount([entry.inventory_id])
    entry.refresh_from_db()
    return entry


def waitlist_serve(inventory_id: int) -> int:
    """Offer freed seats to the first entries, in order (a task; after refunds etc.)."""
    if not WaitlistEntry.objects.filter(
        inventory_id=inventory_id, status=WaitlistStatus.WAITING
    ).exists():
        return 0
    offered = 0
    now = timezone.now()
    with transaction.atomic():
        inventory = lock_inventories([inventory_id])[inventory_id]
        counts = taken(inventory)
        waiting = (
            WaitlistEntry.objects.filter(inventory=inventory, status=WaitlistStatus.WAITING)
            .select_related("ticket_type")
            .order_by("created_at", "pk")
        )
        for entry in waiting:
            entry.ticket_type.inventory = inventory
            left = available(entry.ticket_type, counts)
            if left is not None and left < entry.quantity:
                continue  # a smaller request further down may still fit
            price = quote(
                entry.ticket_type,
                quantity=entry.quantity,
                sold=counts["types"].get(entry.ticket_type_id, 0),
                capacity=entry.ticket_type.capacity or inventory.capacity,
                now=now,
            )
            hold = hold_build(entry.ticket_type, inventory, entry.quantity, price,
                             user=entry.user, email=entry.email,
                             expires_at=now + timedelta(hours=offer_hours()))  # fmt: skip
            hold.save()
            WaitlistEntry.objects.filter(pk=entry.pk).update(
                status=WaitlistStatus.OFFERED, hold=hold, offered_at=now
            )
            counts["event"] += entry.quantity
            counts["types"][entry.ticket_type_id] = (
                counts["types"].get(entry.ticket_type_id, 0) + entry.quantity
            )
            enqueue("commerce.ticketing.tasks.send_waitlist_offer", entry.pk)
            offered += 1
        if offered:  # the offers hold seats; their entries wait no longer
            inventory_recount([inventory_id])
    return offered


def waitlist_sweep(now=None) -> int:
    """Offers not taken in time expire; their events' lists are served again."""
    now = now or timezone.now()
    stale = WaitlistEntry.objects.filter(
        status=WaitlistStatus.OFFERED, hold__expires_at__lte=now, hold__order__isnull=True
    )
    inventories = set(stale.values_list("inventory_id", flat=True))
    stale.update(status=WaitlistStatus.EXPIRED)
    # taken offers: the hold became an order
    WaitlistEntry.objects.filter(status=WaitlistStatus.OFFERED, hold__order__isnull=False).update(
        status=WaitlistStatus.CLAIMED
    )
    inventories |= set(
        WaitlistEntry.objects.filter(status=WaitlistStatus.WAITING).values_list(
            "inventory_id", flat=True
        )
    )
    return sum(
        waitlist_serve(pk)
        for pk in EventInventory.objects.filter(pk__in=inventories).values_list("pk", flat=True)
    )
