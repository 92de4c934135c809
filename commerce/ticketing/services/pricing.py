"""What a hold costs: price steps (by seats sold or share of capacity, within the organizer's
floor and ceiling), group discounts (Oscar site offers) and promo codes (Oscar vouchers).

Evaluated under the event's lock when a hold is made and frozen on the hold, so the price a
buyer sees is the price they pay until the hold expires, and two buyers racing for the last
early seats cannot both get them. Order placement recomputes the voucher's limits for the
buyer it now knows (per-customer limits need the email). We read Oscar's offer and voucher
rows but not its basket machinery: a hold is not a basket, and Oscar's applicator would cost
a dozen queries per hold for the two benefit kinds we support (percentage and fixed amount).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from config.errors import Conflict, ValidationFailed

from ..models import HoldStatus, OrderStatus, SeatHold, StepKind, TicketType

CENT = Decimal("0.01")


@dataclass
class Quote:
    seat_prices: list[Decimal]
    discount: Decimal = Decimal("0")
    label: str = ""
    voucher: object | None = None
    offer: object | None = None

    @property
    def subtotal(self) -> Decimal:
        return sum(self.seat_prices, Decimal("0"))

    @property
    def total(self) -> Decimal:
        return max(Decimal("0"), self.subtotal - self.discount)


def seat_prices(ticket_type: TicketType, *, sold: int, quantity: int, capacity: int | None):
    """The price of each of the next `quantity` seats, given `sold` already taken of this
    type. A step applies from its threshold seat on; share steps need a capacity."""
    steps = []
    for step in ticket_type.price_steps.all() if ticket_type.has_price_steps else ():
        if step.kind == StepKind.SOLD:
            steps.append((step.threshold, step.price))
        elif capacity:
            steps.append((math.ceil(capacity * step.threshold / 100), step.price))
    steps.sort(key=lambda pair: pair[0])
    prices = []
    for seat in range(sold, sold + quantity):
        price = ticket_type.price
        for threshold, step_price in steps:
            if seat >= threshold:
                price = step_price
        if ticket_type.price_floor is not None:
            price = max(price, ticket_type.price_floor)
        if ticket_type.price_ceiling is not None:
            price = min(price, ticket_type.price_ceiling)
        prices.append(price)
    return prices


def _covers(queryset, product_id: int, prefix: str):
    return queryset.filter(
        Q(**{f"{prefix}__includes_all_products": True})
        | Q(**{f"{prefix}__included_products": product_id})
    ).exclude(**{f"{prefix}__excluded_products": product_id})


def _benefit(offer, amount: Decimal) -> Decimal:
    Benefit = get_model("offer", "Benefit")
    benefit = offer.benefit
    if benefit.type == Benefit.PERCENTAGE:
        value = amount * min(benefit.value, Decimal("100")) / 100
    elif benefit.type in (Benefit.FIXED, Benefit.FIXED_UNIT):
        value = min(amount, benefit.value)
    else:
        return Decimal("0")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _offer_uses(offer, *, exclude_hold: int | None) -> int:
    live = SeatHold.objects.filter(
        offer=offer, status=HoldStatus.ACTIVE, expires_at__gt=timezone.now(), order__isnull=True
    )
    if exclude_hold:
        live = live.exclude(pk=exclude_hold)
    return offer.num_applications + live.count()


def customer_uses(offer, *, user=None, email: str = "") -> int:
    OrderDiscount = get_model("order", "OrderDiscount")
    who = Q()
    if user is not None and user.is_authenticated:
        who |= Q(order__user=user)
    if email:
        who |= Q(order__guest_email__iexact=email)
    if not who:
        return 0
    # gave their uses back; invalid ones came from Oscar's closed storefront, never a sale
    unpaid = [OrderStatus.CANCELLED, OrderStatus.EXPIRED, get_model("order", "Order").INVALID]
    return (
        OrderDiscount.objects.filter(who, offer_id=offer.pk)
        .exclude(order__status__in=unpaid)
        # paid only after it expired or was cancelled, and refunded at once (services/payments.py):
        # its uses were given back when it ended unpaid and never taken again
        .exclude(order__refunds__automatic=True)
        .count()
    )


def usage_change(order, *, returned: bool) -> None:
    """An order that ends unpaid (cancelled, expired) gives its offer's and promo code's
    uses back (`returned`), and takes them again if a late payment revives it. Its
    OrderDiscount rows stay, as the record of what the buyer was quoted."""
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Voucher = get_model("voucher", "Voucher")
    VoucherApplication = get_model("voucher", "VoucherApplication")
    sign = -1 if returned else 1
    for discount in order.discounts.all():
        offer = ConditionalOffer.objects.filter(pk=discount.offer_id)
        offer.update(
            num_applications=F("num_applications") + sign * discount.frequency,
            total_discount=F("total_discount") + sign * discount.amount,
            num_orders=F("num_orders") + sign,
        )
        # Oscar marks an offer consumed at its global limit, and group offers must be open
        limited = offer.filter(max_global_applications__gt=0)
        limited.filter(
            status=ConditionalOffer.CONSUMED,
            num_applications__lt=F("max_global_applications"),
        ).update(status=ConditionalOffer.OPEN)
        limited.filter(
            status=ConditionalOffer.OPEN,
            num_applications__gte=F("max_global_applications"),
        ).update(status=ConditionalOffer.CONSUMED)
        if discount.voucher_id is None:
            continue
        Voucher.objects.filter(pk=discount.voucher_id).update(
            num_orders=F("num_orders") + sign,
            total_discount=F("total_discount") + sign * discount.amount,
        )
        if returned:
            VoucherApplication.objects.filter(voucher_id=discount.voucher_id, order=order).delete()
        else:
            VoucherApplication.objects.create(
                voucher_id=discount.voucher_id, order=order, user=order.user
            )


def find_voucher(code: str, product_id: int, now=None):
    """The voucher with this code whose offer covers the product, or None."""
    Voucher = get_model("voucher", "Voucher")
    code = (code or "").strip().upper()
    if not code:
        return None, None
    voucher = Voucher.objects.filter(code=code).first()
    if voucher is None:
        return None, None
    offers = _covers(
        voucher.offers.select_related("benefit", "condition"), product_id, "condition__range"
    )
    return voucher, offers.first()


def check_voucher(voucher, offer, *, quantity: int, user=None, email: str = "",
                  exclude_hold: int | None = None, now=None) -> None:  # fmt: skip
    """Raise a clear error when the code cannot be used for this purchase."""
    now = now or timezone.now()
    if offer is None:
        raise ValidationFailed(
            _("This code does not apply to this ticket."), code="voucher_not_applicable"
        )
    # used up first: Oscar's is_available() also says no then, without the reason
    if offer.max_global_applications and (
        _offer_uses(offer, exclude_hold=exclude_hold) >= offer.max_global_applications
    ):
        raise Conflict(_("This code has been used up."), code="voucher_used_up")
    if not voucher.is_active(now) or not offer.is_available(test_date=now):
        raise Conflict(_("This code is not valid now."), code="voucher_inactive")
    if offer.condition.value and quantity < offer.condition.value:
        raise ValidationFailed(
            _("This code needs at least %(n)s tickets.") % {"n": int(offer.condition.value)},
            code="voucher_quantity",
        )
    if voucher.usage == voucher.SINGLE_USE and voucher.num_orders > 0:
        raise Conflict(_("This code has been used up."), code="voucher_used_up")
    per_customer = offer.max_user_applications or (
        1 if voucher.usage == voucher.ONCE_PER_CUSTOMER else 0
    )
    if per_customer and customer_uses(offer, user=user, email=email) >= per_customer:
        raise Conflict(_("You have already used this code."), code="voucher_used_by_you")


def group_offer(product_id: int, quantity: int, now=None):
    """The best site offer (Oscar's "Count" condition) this quantity qualifies for."""
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Condition = get_model("offer", "Condition")
    now = now or timezone.now()
    candidates = _covers(
        ConditionalOffer.objects.filter(
            offer_type=ConditionalOffer.SITE,
            status=ConditionalOffer.OPEN,
            condition__type=Condition.COUNT,
            condition__value__lte=quantity,
        )
        .filter(Q(start_datetime__isnull=True) | Q(start_datetime__lte=now))
        .filter(Q(end_datetime__isnull=True) | Q(end_datetime__gte=now))
        .select_related("benefit", "condition"),
        product_id,
        "condition__range",
    )
    return list(candidates.distinct())


def quote(ticket_type: TicketType, *, quantity: int, sold: int, capacity: int | None,
          code: str = "", user=None, email: str = "", exclude_hold: int | None = None,
          now=None) -> Quote:  # fmt: skip
    """Price `quantity` seats of `ticket_type` after `sold` others: steps, then the better of
    the group discount and the promo code (they do not stack)."""
    now = now or timezone.now()
    result = Quote(seat_prices(ticket_type, sold=sold, quantity=quantity, capacity=capacity))
    if result.subtotal == 0:
        return result
    best = (Decimal("0"), "", None, None)
    # a group is at least two tickets (group_discount_create): one seat skips the query
    offers = group_offer(ticket_type.product_id, quantity, now) if quantity > 1 else []
    for offer in offers:
        if offer.max_global_applications and (
            _offer_uses(offer, exclude_hold=exclude_hold) >= offer.max_global_applications
        ):
            continue
        amount = _benefit(offer, result.subtotal)
        if amount > best[0]:
            best = (amount, offer.name, None, offer)
    voucher, offer = find_voucher(code, ticket_type.product_id, now)
    unlock = ticket_type.unlock_code.strip().lower()
    if code.strip() and voucher is None and code.strip().lower() != unlock:
        raise ValidationFailed(
            _("This code does not exist. Check it and try again."), code="unknown_code"
        )
    if voucher is not None:
        check_voucher(voucher, offer, quantity=quantity, user=user, email=email,
                      exclude_hold=exclude_hold, now=now)  # fmt: skip
        amount = _benefit(offer, result.subtotal)
        if amount >= best[0]:
            best = (amount, _("Code %(code)s") % {"code": voucher.code}, voucher, offer)
    result.discount, result.label, result.voucher, result.offer = best
    return result


def tax_part(gross: Decimal, rate: Decimal) -> Decimal:
    """The IVA inside a price that includes it."""
    if not rate:
        return Decimal("0")
    return (gross - gross / (1 + rate / 100)).quantize(CENT, rounding=ROUND_HALF_UP)
