"""The order's life on top of Oscar's `Order`: its state machine and the audit of every move."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrderStatus(models.TextChoices):
    """The order's state machine (Oscar's `Order.status`); `ORDER_TRANSITIONS` says which
    moves are allowed and every move is written to `OrderTransition`."""

    PENDING = "Pending", _("Awaiting payment")
    PAID = "Paid", pgettext_lazy("order status", "Paid")
    CANCELLED = "Cancelled", _("Cancelled")
    EXPIRED = "Expired", _("Expired")
    PARTIALLY_REFUNDED = "Partially refunded", _("Partially refunded")
    REFUNDED = "Refunded", _("Refunded")


ORDER_TRANSITIONS: dict[str, tuple[str, ...]] = {
    OrderStatus.PENDING: (OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXPIRED),
    OrderStatus.PAID: (OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED),
    OrderStatus.PARTIALLY_REFUNDED: (OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED),
    # a payment that arrives after the order expired is accepted while seats remain,
    # otherwise refunded at once
    OrderStatus.EXPIRED: (OrderStatus.PAID, OrderStatus.REFUNDED),
    OrderStatus.CANCELLED: (OrderStatus.REFUNDED,),
    OrderStatus.REFUNDED: (),
}


class OrderTransition(models.Model):
    """Audit log: every change of an order's status, who or what made it, and why."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=80, help_text=_("site, api, admin, a Stripe event id, system")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("order transition")
        verbose_name_plural = _("order transitions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"
