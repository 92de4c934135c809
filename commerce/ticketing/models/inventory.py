"""The event's inventory row (capacity, seat counters, the lock every hold takes first) and
the inventory alerts already given."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventInventory(models.Model):
    """One row per event, shared by its language versions (same Wagtail translation key):
    its total capacity, and the row every seat hold for the event locks first."""

    event_key = models.UUIDField(_("event"), unique=True)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page it was created from; every language version shares it."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    # What registrants were last told: a publish that changes these tells them again.
    announced_start = models.DateTimeField(null=True, blank=True, editable=False)
    announced_end = models.DateTimeField(null=True, blank=True, editable=False)
    announced_status = models.CharField(max_length=10, blank=True, editable=False)
    # Seat counters, changed only while this row is locked (services/availability.py): seats
    # of active holds (run out or not) plus valid tickets, for the event and per ticket type,
    # and the seats each type's waitlist is owed. A hold reads them with its lock instead of
    # adding up every hold and ticket; holds that ran out are subtracted only when seats are
    # short.
    claimed = models.IntegerField(default=0, editable=False)
    claimed_by_type = models.JSONField(default=dict, editable=False)
    waiting_by_type = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("event inventory")
        verbose_name_plural = _("event inventories")

    def __str__(self) -> str:
        return str(self.event)


class InventoryAlert(models.Model):
    """An alert given: `scope` is "event" or "type:<id>", `threshold` a percentage."""

    inventory = models.ForeignKey(EventInventory, on_delete=models.CASCADE, related_name="alerts")
    scope = models.CharField(max_length=32)
    threshold = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inventory alert")
        verbose_name_plural = _("inventory alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "scope", "threshold"], name="ticketing_inventory_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.threshold}%"
