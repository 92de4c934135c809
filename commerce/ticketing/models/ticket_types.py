"""Ticket types (Oscar products of the "Ticket" class) and their price steps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .inventory import EventInventory


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
