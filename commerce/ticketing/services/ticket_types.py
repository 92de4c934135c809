"""Ticket types: each an Oscar product of the "Ticket" class, with its stock record (price,
currency) kept in step, its price steps and, for a bundle, the other events it admits to."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cms.events.models import EventPage
from config.errors import NotPermitted, ValidationFailed

from .. import soldout
from ..models import PriceStep, StepKind, TicketType
from ..permissions import may_manage_tickets
from .availability import inventory_for

PRODUCT_CLASS = "Ticket"


PARTNER = "Medellín AI"


def ticket_catalogue():
    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    product_class, _created = ProductClass.objects.get_or_create(
        name=PRODUCT_CLASS,
        defaults={"slug": "ticket", "requires_shipping": False, "track_stock": False},
    )
    partner, _created = Partner.objects.get_or_create(
        name=PARTNER, defaults={"code": "medellin-ai"}
    )
    return product_class, partner


TICKET_FIELDS = ("name_es", "name_en", "description_es", "description_en", "category", "price",
                 "currency", "sale_starts", "sale_ends", "min_per_order", "max_per_order",
                 "capacity", "visibility", "unlock_code", "sort_order", "is_active", "tax_rate",
                 "price_floor", "price_ceiling")  # fmt: skip


def ticket_type_save(*, event: EventPage, user, data: dict, ticket_type: TicketType | None = None):
    """Create or change a ticket type of `event`, keeping its Oscar product and stock record
    (title, price, currency) in step."""
    if not may_manage_tickets(user, event):
        raise NotPermitted(_("Only the event's organizers and admins manage its tickets."))
    data = dict(data)
    steps = data.pop("price_steps", None)
    includes = data.pop("includes", None)
    unknown = set(data) - set(TICKET_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    with transaction.atomic():
        inventory = inventory_for(event)
        if ticket_type is None:
            ticket_type = TicketType(inventory=inventory)
        for key, value in data.items():
            setattr(ticket_type, key, value)
        try:
            ticket_type.full_clean(exclude=["inventory", "product"])
        except ValidationError as exc:
            raise ValidationFailed(
                _("The ticket type could not be saved."),
                fields={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
            ) from None
        product_class, partner = ticket_catalogue()
        title = f"{event.title}: {ticket_type.name_es}"[:255]
        if ticket_type.product_id is None:
            product = Product.objects.create(
                product_class=product_class, title=title, structure="standalone"
            )
            ticket_type.product = product
        else:
            Product.objects.filter(pk=ticket_type.product_id).update(title=title)
        ticket_type.save()
        if steps is not None:
            _price_steps_set(ticket_type, steps)
        if includes is not None:
            _includes_set(ticket_type, event, user, includes)
        StockRecord.objects.update_or_create(
            product=ticket_type.product,
            partner=partner,
            defaults={
                "partner_sku": f"TT-{ticket_type.pk}",
                "price": ticket_type.price,
                "price_currency": ticket_type.currency,
                "num_in_stock": None,
            },
        )
        # event pages and the content API show prices and the free/paid filter
        transaction.on_commit(_invalidate_pages)
        # a new capacity or sale window: the next hold request asks the counters again
        soldout.forget([ticket_type.pk])
        transaction.on_commit(lambda: soldout.forget([ticket_type.pk]))
    return ticket_type


def _price_steps_set(ticket_type: TicketType, steps: list[dict]) -> None:
    """Replace the type's price steps: [{"kind": "sold"|"share", "threshold", "price"}]."""
    errors, rows, seen = {}, [], set()
    for position, step in enumerate(steps):
        kind = step.get("kind", StepKind.SOLD)
        try:
            threshold, price = int(step.get("threshold")), Decimal(str(step.get("price")))
        except (TypeError, ValueError, ArithmeticError):
            errors[str(position)] = [_("Give a whole-number threshold and a price.")]
            continue
        if kind not in StepKind.values or threshold < 1 or price < 0:
            errors[str(position)] = [_("A threshold above zero and a price not below zero.")]
        elif kind == StepKind.SHARE and threshold > 100:
            errors[str(position)] = [_("A share of capacity is at most 100%.")]
        elif (kind, threshold) in seen:
            errors[str(position)] = [_("Two steps with the same threshold.")]
        seen.add((kind, threshold))
        rows.append(PriceStep(ticket_type=ticket_type, kind=kind, threshold=threshold, price=price))
    if errors:
        raise ValidationFailed(
            _("The ticket type could not be saved."), fields={"price_steps": errors}
        )
    ticket_type.price_steps.all().delete()
    PriceStep.objects.bulk_create(rows)
    ticket_type.has_price_steps = bool(rows)
    TicketType.objects.filter(pk=ticket_type.pk).update(has_price_steps=bool(rows))


def _includes_set(ticket_type: TicketType, event: EventPage, user, pages) -> None:
    """Make the type a bundle of `event` and these other events (pages or their ids), each
    one the user also manages."""
    chosen = [p if isinstance(p, EventPage) else EventPage.objects.filter(pk=p).first()
              for p in pages]  # fmt: skip
    if any(
        other is None
        or other.translation_key == event.translation_key
        or not may_manage_tickets(user, other)
        for other in chosen
    ):
        raise ValidationFailed(
            _("The ticket type could not be saved."),
            fields={"includes": [_("Choose other events that you organize.")]},
        )
    ticket_type.includes.set([inventory_for(other) for other in chosen])
    ticket_type.has_includes = bool(chosen)
    TicketType.objects.filter(pk=ticket_type.pk).update(has_includes=bool(chosen))


def _invalidate_pages() -> None:
    from cms.cache import invalidate_pages

    invalidate_pages()
