"""Inventory alerts: an event's organizers hear when a ticket type, or the event's total,
passes 80% and then 100% sold (valid tickets against capacity; holds do not count).

`check_inventory` runs after an order commits (in tasks.tickets_issued, which
`orders.tickets_issued` queues). Each threshold is announced once per scope: the
`InventoryAlert` row is written first, under a unique constraint, so two orders committing
together cannot both announce it, and an event that drops below a threshold (a refund) and
passes it again is not announced again. Notifications go through the notification
service, so each organizer's preferences (in-app, email, digest) apply."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import EventInventory, InventoryAlert, Ticket, TicketStatus, TicketType
from ..selectors import event_organizers

logger = logging.getLogger(__name__)

THRESHOLDS = (80, 100)
TYPE_CODES = {80: "ticketing.inventory_almost_sold_out", 100: "ticketing.inventory_sold_out"}


def _passed(sold: int, capacity: int | None) -> list[int]:
    if not capacity:
        return []
    return [t for t in THRESHOLDS if sold * 100 >= capacity * t]


def _claim(inventory: EventInventory, scope: str, threshold: int) -> bool:
    """Record the alert; False when it was given before (or at the same moment)."""
    try:
        with transaction.atomic():
            InventoryAlert.objects.create(inventory=inventory, scope=scope, threshold=threshold)
    except IntegrityError:
        return False
    return True


def check_inventory(inventory_id: int) -> list[tuple[str, int]]:
    """Announce every threshold newly passed; returns the (scope, threshold) announced.
    Safe to call any number of times, after commit, from a task."""
    inventory = EventInventory.objects.select_related("event").filter(pk=inventory_id).first()
    if inventory is None:
        return []
    sold = dict(
        Ticket.objects.filter(inventory=inventory, status=TicketStatus.VALID)
        .values_list("ticket_type")
        .annotate(n=Count("id"))
    )
    candidates = [("event", None, sum(sold.values()), inventory.capacity)]
    for ticket_type in TicketType.objects.filter(inventory=inventory, capacity__isnull=False):
        candidates.append(
            (f"type:{ticket_type.pk}", ticket_type, sold.get(ticket_type.pk, 0),
             ticket_type.capacity)
        )  # fmt: skip
    done = set(InventoryAlert.objects.filter(inventory=inventory).values_list("scope", "threshold"))
    announced = []
    for scope, ticket_type, count, capacity in candidates:
        passed = [t for t in _passed(count, capacity) if (scope, t) not in done]
        if not passed:
            continue
        # Passing both at once (a big order) announces only the highest: sold out.
        for threshold in passed:
            if not _claim(inventory, scope, threshold):
                passed = [t for t in passed if t != threshold]
        if passed:
            threshold = max(passed)
            _tell(inventory, ticket_type, threshold, count, capacity)
            announced.append((scope, threshold))
    return announced


def _tell(inventory, ticket_type, threshold: int, sold: int, capacity: int) -> None:
    from wagtail.models import Locale

    from community.notifications.rendering import recipient_language
    from community.notifications.services import notify

    event = inventory.event
    for user in event_organizers(event):
        language = recipient_language(user)
        locale = Locale.objects.filter(language_code=language).first()
        page = (event.get_translation_or_none(locale) if locale else None) or event
        with translation.override(language):
            tickets = ticket_type.name if ticket_type is not None else _("all tickets")
            url = reverse("ticketing_registrations:event", args=[page.pk])
        try:
            notify(
                recipient=user,
                type_code=TYPE_CODES[threshold],
                context={
                    "event": page.title,
                    "tickets": tickets,
                    "sold": sold,
                    "capacity": capacity,
                    "percent": min(100, sold * 100 // capacity),
                },
                url=url,
            )
        except Exception:  # one organizer's failure must not hide the alert from the others
            logger.exception("inventory alert for %s failed for user %s", inventory.pk, user.pk)
