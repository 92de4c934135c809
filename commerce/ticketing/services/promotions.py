"""Organizers' promo codes (Oscar vouchers) and group discounts (Oscar site offers) for some
of an event's ticket types. How they price a hold is services/pricing.py."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from config import audit
from config.errors import NotPermitted, ValidationFailed

from ..models import TicketType
from ..permissions import may_manage_tickets


def _range_for(name: str, ticket_types: list[TicketType]):
    Range = get_model("offer", "Range")
    product_range = Range.objects.create(name=f"{name[:110]} {uuid.uuid4().hex[:8]}")
    for ticket_type in ticket_types:
        product_range.add_product(ticket_type.product)
    return product_range


def promo_code_create(*, event, user, code: str, percent=None, amount=None,
                      ticket_types: list[TicketType], max_uses: int | None = None,
                      per_customer: int | None = None, min_quantity: int = 1,
                      starts=None, ends=None):  # fmt: skip
    """A voucher for some of `event`'s ticket types: a percentage or a fixed amount off."""
    Voucher = get_model("voucher", "Voucher")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    if not may_manage_tickets(user, event):
        raise NotPermitted(_("Only the event's organizers and admins manage its tickets."))
    code = (code or "").strip().upper()
    errors = {}
    if not code or len(code) > 40 or not code.replace("-", "").replace("_", "").isalnum():
        errors["code"] = [_("Use 1 to 40 letters, digits, - or _.")]
    elif Voucher.objects.filter(code=code).exists():
        errors["code"] = [_("This code is already in use.")]
    if (percent is None) == (amount is None):
        errors["percent"] = [_("Give either a percentage or an amount off.")]
    elif percent is not None and not 0 < Decimal(percent) <= 100:
        errors["percent"] = [_("A percentage between 1 and 100.")]
    elif amount is not None and Decimal(amount) <= 0:
        errors["amount"] = [_("An amount above zero.")]
    if not ticket_types or any(t.inventory.event_key != event.translation_key
                               for t in ticket_types):  # fmt: skip
        errors["ticket_types"] = [_("Choose ticket types of this event.")]
    starts = starts or timezone.now()
    ends = ends or event.end
    if ends <= starts:
        errors["ends"] = [_("The code must end after it starts.")]
    if errors:
        raise ValidationFailed(_("The code could not be saved."), fields=errors)
    with transaction.atomic():
        product_range = _range_for(f"{code} ({event.translation_key})", ticket_types)
        condition = Condition.objects.create(
            range=product_range, type=Condition.COUNT, value=max(1, min_quantity)
        )
        benefit = Benefit.objects.create(
            range=product_range,
            type=Benefit.PERCENTAGE if percent is not None else Benefit.FIXED,
            value=Decimal(percent if percent is not None else amount),
        )
        offer = ConditionalOffer.objects.create(
            name=_("Code %(code)s") % {"code": code},
            offer_type=ConditionalOffer.VOUCHER,
            condition=condition,
            benefit=benefit,
            max_global_applications=max_uses or None,
            max_user_applications=per_customer or None,
            start_datetime=starts,
            end_datetime=ends,
        )
        voucher = Voucher.objects.create(
            name=code, code=code, usage=Voucher.MULTI_USE, start_datetime=starts, end_datetime=ends
        )
        voucher.offers.add(offer)
        audit.record(
            voucher,
            "medellin.promo_code_create",
            user=user,
            data={
                "event": str(event.translation_key),
                "code": code,
                "percent": None if percent is None else str(percent),
                "amount": None if amount is None else str(amount),
                "ticket_types": [t.pk for t in ticket_types],
                "max_uses": max_uses or None,
                "per_customer": per_customer or None,
                "min_quantity": max(1, min_quantity),
                "starts": starts.isoformat(),
                "ends": ends.isoformat(),
            },
        )
    return voucher


def group_discount_create(*, event, user, min_quantity: int, percent,
                          ticket_types: list[TicketType], name: str = ""):  # fmt: skip
    """A site offer: `percent` off when one order has at least `min_quantity` tickets."""
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    if not may_manage_tickets(user, event):
        raise NotPermitted(_("Only the event's organizers and admins manage its tickets."))
    errors = {}
    if min_quantity < 2:
        errors["min_quantity"] = [_("A group is at least 2 tickets.")]
    if not 0 < Decimal(percent) <= 100:
        errors["percent"] = [_("A percentage between 1 and 100.")]
    if not ticket_types or any(t.inventory.event_key != event.translation_key
                               for t in ticket_types):  # fmt: skip
        errors["ticket_types"] = [_("Choose ticket types of this event.")]
    if errors:
        raise ValidationFailed(_("The group discount could not be saved."), fields=errors)
    label = name or _("Group of %(n)s or more: %(p)s%% off") % {"n": min_quantity, "p": percent}
    with transaction.atomic():
        product_range = _range_for(f"{label} ({event.translation_key})", ticket_types)
        name, number = f"{label} · {event.title}"[:120], 1
        while ConditionalOffer.objects.filter(name=name).exists():  # Oscar: names are unique
            number += 1
            name = f"{label} · {event.title}"[:115] + f" #{number}"
        offer = ConditionalOffer.objects.create(
            name=name,
            offer_type=ConditionalOffer.SITE,
            condition=Condition.objects.create(
                range=product_range, type=Condition.COUNT, value=min_quantity
            ),
            benefit=Benefit.objects.create(
                range=product_range, type=Benefit.PERCENTAGE, value=Decimal(percent)
            ),
        )
        audit.record(
            offer,
            "medellin.group_discount_create",
            user=user,
            data={
                "event": str(event.translation_key),
                "min_quantity": min_quantity,
                "percent": str(percent),
                "ticket_types": [t.pk for t in ticket_types],
            },
        )
    return offer
