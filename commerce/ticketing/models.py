"""Ticket types, seat holds and tickets.

Oscar checks stock before placing an order and reserves nothing in the basket, so on its
own it can sell the last seat twice. This layer sits between choosing tickets and placing
the order: choosing creates a `SeatHold` that expires, and holds are created only while an
event's `EventInventory` row is locked (services.py), so availability is computed and taken
in one step. Every registration, free or paid, ends as an Oscar order with one `Ticket` per
attendee.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


def ticket_code() -> str:
    """Unguessable: 120 random bits, URL-safe, upper case for reading aloud."""
    return secrets.token_urlsafe(15).upper()


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
    # Seat counters, changed only while this row is locked (services.py): seats of active
    # holds (run out or not) plus valid tickets, for the event and per ticket type, and the
    # seats each type's waitlist is owed. A hold reads them with its lock instead of adding
    # up every hold and ticket; holds that ran out are subtracted only when seats are short.
    claimed = models.IntegerField(default=0, editable=False)
    claimed_by_type = models.JSONField(default=dict, editable=False)
    waiting_by_type = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("event inventory")
        verbose_name_plural = _("event inventories")

    def __str__(self) -> str:
        return str(self.event)


class TicketCategory(models.TextChoices):
    EARLY_BIRD = "early_bird", _("Early bird")
    REGULAR = "regular", _("Regular")
    VIP = "vip", _("VIP")
    GROUP = "group", _("Group")
    FREE = "free", _("Free RSVP")
    CUSTOM = "custom", _("Other")


class TicketVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    HIDDEN = "hidden", _("Hidden: unlocked by a code")


class TicketType(models.Model):
    """A kind of ticket for an event, sold as an Oscar product of the "Ticket" class."""

    inventory = models.ForeignKey(
        EventInventory, on_delete=models.CASCADE, related_name="ticket_types"
    )
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.PROTECT, related_name="ticket_type"
    )
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_es = models.TextField(_("benefits (Spanish)"), blank=True, max_length=1000)
    description_en = models.TextField(_("benefits (English)"), blank=True, max_length=1000)
    category = models.CharField(
        _("category"), max_length=12, choices=TicketCategory.choices, default="regular"
    )
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="COP")
    sale_starts = models.DateTimeField(_("on sale from"), null=True, blank=True)
    sale_ends = models.DateTimeField(_("on sale until"), null=True, blank=True)
    min_per_order = models.PositiveSmallIntegerField(_("minimum per order"), default=1)
    max_per_order = models.PositiveSmallIntegerField(_("maximum per order"), default=10)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: only the event's total applies.")
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=TicketVisibility.choices, default="public"
    )
    unlock_code = models.CharField(_("unlock code"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("on sale"), default=True)
    tax_rate = models.DecimalField(
        _("IVA (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("Included in the price, e.g. 19. Zero when the ticket is exempt."),
    )
    price_floor = models.DecimalField(
        _("lowest price"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("Price steps never go below this."),
    )  # fmt: skip
    includes = models.ManyToManyField(
        EventInventory,
        blank=True,
        related_name="bundled_in",
        verbose_name=_("also admits to"),
        help_text=_(
            "A bundle: one ticket of this type also issues a ticket for each of these events "
            "and counts against their capacity."
        ),
    )
    price_ceiling = models.DecimalField(
        _("highest price"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("Price steps never go above this."),
    )  # fmt: skip
    # kept by the services that set steps and bundles, so a hold skips their lookups
    has_price_steps = models.BooleanField(default=False, editable=False)
    has_includes = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["sort_order", "price", "pk"]
        indexes = [
            models.Index(fields=["inventory", "is_active"], name="ticketing_type_inv_active")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_es

    @property
    def description(self) -> str:
        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description_es

    @property
    def is_free(self) -> bool:
        return self.price == 0

    def clean(self):
        errors = {}
        if self.min_per_order < 1:
            errors["min_per_order"] = _("At least one ticket per order.")
        elif self.max_per_order < self.min_per_order:
            errors["max_per_order"] = _("The maximum cannot be below the minimum.")
        if self.sale_starts and self.sale_ends and self.sale_ends <= self.sale_starts:
            errors["sale_ends"] = _("The sale must end after it starts.")
        if self.visibility == TicketVisibility.HIDDEN and not self.unlock_code:
            errors["unlock_code"] = _("Hidden tickets need a code that unlocks them.")
        if self.price is not None and self.price < 0:
            errors["price"] = _("A price cannot be negative.")
        if self.tax_rate is not None and not 0 <= self.tax_rate < 100:
            errors["tax_rate"] = _("IVA is a percentage between 0 and 99.")
        if (
            self.price_floor is not None
            and self.price_ceiling is not None
            and self.price_ceiling < self.price_floor
        ):
            errors["price_ceiling"] = _("The highest price cannot be below the lowest.")
        if errors:
            raise ValidationError(errors)

    def on_sale(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_active
            and (self.sale_starts is None or self.sale_starts <= now)
            and (self.sale_ends is None or now < self.sale_ends)
        )


class StepKind(models.TextChoices):
    SOLD = "sold", _("After this many sold")
    SHARE = "share", _("After this share of capacity sold (%)")


class PriceStep(models.Model):
    """A price that applies once enough of the ticket type has sold: "first 50 at X, next
    100 at Y" (kind sold) or demand pricing (kind share, of the type's or event's capacity).
    Evaluated per seat under the event's lock when a hold is made, and frozen on the hold."""

    ticket_type = models.ForeignKey(
        TicketType, on_delete=models.CASCADE, related_name="price_steps"
    )
    kind = models.CharField(_("when"), max_length=5, choices=StepKind.choices, default="sold")
    threshold = models.PositiveIntegerField(_("threshold"))
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("price step")
        verbose_name_plural = _("price steps")
        ordering = ["kind", "threshold"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket_type", "kind", "threshold"], name="ticketing_step_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.threshold} {self.kind}: {self.price}"


class HoldStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CONVERTED = "converted", _("Turned into an order")
    RELEASED = "released", _("Released")


class SeatHold(models.Model):
    """Seats set aside for one buyer until `expires_at`; the price is frozen with them."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inventory = models.ForeignKey(EventInventory, on_delete=models.CASCADE, related_name="holds")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.CASCADE, related_name="holds")
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    # frozen when the hold is made: the sum of each seat's price, the discounts, what to pay
    subtotal = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    discount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    discount_label = models.CharField(max_length=255, blank=True)
    voucher = models.ForeignKey(
        "voucher.Voucher", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.ForeignKey(
        "offer.ConditionalOffer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True, help_text=_("Guest buyer's email, once known."))
    # a bundle's seats at its other events: same quantity, status and expiry as the parent
    is_bundle = models.BooleanField(default=False, editable=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="parts"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HoldStatus.choices, default="active"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seat_holds",
    )
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(auto_now_add=True)
    order = models.OneToOneField(
        "order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="seat_hold"
    )

    class Meta:
        verbose_name = _("seat hold")
        verbose_name_plural = _("seat holds")
        indexes = [
            models.Index(fields=["inventory", "status", "expires_at"], name="ticketing_hold_inv"),
            models.Index(fields=["ticket_type", "status", "expires_at"], name="ticketing_hold_tt"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.ticket_type}"

    @property
    def is_live(self) -> bool:
        return self.status == HoldStatus.ACTIVE and self.expires_at > timezone.now()


class TicketStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    VALID = "valid", _("Valid")
    VOID = "void", _("Void")


class Ticket(models.Model):
    """One attendee's admission to one event."""

    code = models.CharField(_("code"), max_length=24, unique=True, default=ticket_code)
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="tickets")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT, related_name="tickets")
    inventory = models.ForeignKey(EventInventory, on_delete=models.PROTECT, related_name="tickets")
    attendee_name = models.CharField(_("attendee"), max_length=120)
    attendee_email = models.EmailField(_("attendee's email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        help_text=_("The attendee's account, when their email has one."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=TicketStatus.choices, default="valid"
    )
    # bumped when the ticket is transferred or voided: older QR codes stop working
    token_version = models.PositiveSmallIntegerField(default=1, editable=False)
    # set by a transfer: from then on the buyer keeps the order, not the ticket (transfers.py)
    transferred_at = models.DateTimeField(_("transferred"), null=True, blank=True, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        indexes = [
            models.Index(fields=["inventory", "status"], name="ticketing_ticket_inv"),
            models.Index(fields=["ticket_type", "status"], name="ticketing_ticket_tt"),
            models.Index(fields=["attendee_email"], name="ticketing_ticket_email"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.attendee_name})"


# ---- payments, refunds and the order's life -------------------------------------------------


class OrderStatus(models.TextChoices):
    """The order's state machine (Oscar's `Order.status`); `ORDER_TRANSITIONS` says which
    moves are allowed and every move is written to `OrderTransition`."""

    PENDING = "Pending", _("Awaiting payment")
    PAID = "Paid", _("Paid")
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


# ---- waitlist -------------------------------------------------------------------------------


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Offered a seat")
    CLAIMED = "claimed", _("Bought")
    EXPIRED = "expired", _("Offer expired")
    LEFT = "left", _("Left the list")


class WaitlistEntry(models.Model):
    """Someone waiting for a sold-out ticket type. When seats free up the first entry gets a
    hold reserved for it (an offer) and an email; an unclaimed offer passes to the next."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inventory = models.ForeignKey(EventInventory, on_delete=models.CASCADE, related_name="waitlist")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.CASCADE, related_name="waitlist")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("email"))
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    language = models.CharField(max_length=5, default="es")
    status = models.CharField(
        _("status"), max_length=8, choices=WaitlistStatus.choices, default="waiting"
    )
    hold = models.OneToOneField(
        SeatHold, null=True, blank=True, on_delete=models.SET_NULL, related_name="waitlist_entry"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["ticket_type", "status", "created_at"], name="ticketing_wait_tt"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket_type", "email"],
                condition=models.Q(status__in=["waiting", "offered"]),
                name="ticketing_wait_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} × {self.quantity}"
