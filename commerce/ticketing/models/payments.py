"""Card payments (Stripe PaymentIntents), refunds and the Stripe events already handled."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .tickets import Ticket


class PaymentStatus(models.TextChoices):
    REQUIRES_PAYMENT = "requires_payment", _("Waiting for the card")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELED = "canceled", _("Cancelled")


class Payment(models.Model):
    """The order's Stripe PaymentIntent. Created with an idempotency key derived from the
    order number, so a retried request never makes a second one."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="payment")
    intent_id = models.CharField(max_length=255, unique=True)
    client_secret = models.CharField(max_length=255, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default="requires_payment"
    )
    last_error = models.CharField(max_length=255, blank=True)
    disputed = models.BooleanField(_("disputed"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return self.intent_id


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Being refunded")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    """Money back for some or all of an order's tickets. The tickets are void (and their
    seats free) as soon as it is recorded; the Stripe call happens after commit, with
    `idempotency_key` so a retry never refunds twice."""

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    tickets = models.ManyToManyField(Ticket, blank=True, related_name="refunds")
    status = models.CharField(
        _("status"), max_length=10, choices=RefundStatus.choices, default="pending"
    )
    stripe_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    automatic = models.BooleanField(
        default=False,
        help_text=_("Made by the platform, e.g. a payment after the seats were gone."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.order_id})"

    @property
    def idempotency_key(self) -> str:
        return f"medellin-ai-refund-{self.pk}"


class StripeEvent(models.Model):
    """Webhook events already handled: written in the same transaction as their effect, so
    each is processed exactly once however often Stripe delivers it."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=80)
    created = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
