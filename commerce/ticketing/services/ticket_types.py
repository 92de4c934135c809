"""Ticket types: each an Oscar product of the "Ticket" class, with its stock record (price,
currency) kept in step, its price steps and, for a bundle, the other events it admits to."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cms.events.models import EventPage
from config import audit
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
        creating = ticket_type is None
        if creating:
            ticket_type = TicketType(inventory=inventory)
        old = {} if creating else {key: getattr(ticket_type, key) for key in data}
        old_includes = None
        if includes is not None and not creating:
            old_includes = sorted(ticket_type.includes.values_list("event_key", flat=True))
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
        _audit_save(ticket_type, user, creating, old, data, steps, includes, old_includes)
        # event pages and the content API show prices and the free/paid filter
        transaction.on_commit(_invalidate_pages)
        # a new capacity or sale window: the next hold request asks the counters again
        soldout.forget([ticket_type.pk])
        transaction.on_commit(lambda: soldout.forget([ticket_type.pk]))
    return ticket_type


def _audit_save(ticket_type, user, creating, old, data, steps, includes, old_includes) -> None:
    """Record the save: the fields set (old → new when changed), and the price steps and
    bundled events when they were given."""
    if creating:
        changes = {key: {"new": _plain(key, getattr(ticket_type, key))} for key in data}
    else:
        changes = {
            key: {"old": _plain(key, old[key]), "new": _plain(key, getattr(ticket_type, key))}
            for key in data
            if old[key] != getattr(ticket_type, key)  # Decimal("5") == Decimal("5.00")
        }
    if steps is not None:
        changes["price_steps"] = {"new": len(steps)}
    if includes is not None:
        new_includes = sorted(ticket_type.includes.values_list("event_key", flat=True))
        if creating or new_includes != old_includes:
            changes["includes"] = {"new": [str(key) for key in new_includes]}
            if not creating:
                changes["includes"]["old"] = [str(key) for key in old_includes]
    action = "medellin.ticket_type_create" if creating else "medellin.ticket_type_update"
    audit.record(ticket_type, action, user=user, data={"changes": changes})


def _plain(key: str, value):
    """A JSON-safe value of the field `key`: decimals (with the field's places), dates and
    the like as text."""
    field = TicketType._meta.get_field(key)
    if value is not None and isinstance(field, models.DecimalField):
        return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-field.decimal_places)))
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


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
