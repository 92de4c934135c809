"""Demo tickets: every upcoming demo event sells tickets — free RSVPs for meetups, paid
early-bird, regular (with demand pricing) and VIP tickets, IVA included, a hidden code for
partners, a promo code COMUNIDAD<id> and a group discount for conferences and workshops —
and the demo attendee is registered for two free events."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.events.models import EventPage

from .models import Ticket, TicketType
from .services.holds import hold_create
from .services.orders import order_place
from .services.promotions import group_discount_create, promo_code_create
from .services.ticket_types import ticket_type_save

PAID = [
    # name_es, name_en, category, price, capacity, visibility, code
    ("Preventa", "Early bird", "early_bird", Decimal("25000"), 30, "public", ""),
    ("General", "General admission", "regular", Decimal("35000"), None, "public", ""),
    ("VIP con almuerzo", "VIP with lunch", "vip", Decimal("90000"), 20, "public", ""),
    ("Aliados", "Partners", "custom", Decimal("20000"), 15, "hidden", "ALIADOS2026"),
]


def demo_tickets() -> int:
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    attendee = get_user_model().objects.filter(email="attendee@medellin.ai").first()
    if admin is None:
        return 0
    events = (
        EventPage.objects.live()
        .filter(locale__language_code="es", end__gte=timezone.now(), status="published")
        .order_by("start")
    )
    made = 0
    free_events = []
    for number, event in enumerate(events):
        if TicketType.objects.filter(inventory__event_key=event.translation_key).exists():
            continue
        if number % 2 == 0:
            ticket_type_save(
                event=event, user=admin,
                data={"name_es": "Entrada libre (RSVP)", "name_en": "Free RSVP",
                      "category": "free", "price": Decimal("0"), "max_per_order": 4},
            )  # fmt: skip
            free_events.append(event)
            made += 1
            continue
        types = []
        for name_es, name_en, category, price, capacity, visibility, code in PAID:
            early = category == "early_bird"
            types.append(ticket_type_save(
                event=event, user=admin,
                data={"name_es": name_es, "name_en": name_en, "category": category,
                      "price": price, "capacity": capacity, "visibility": visibility,
                      "unlock_code": code, "max_per_order": 6, "tax_rate": Decimal("19"),
                      "sale_ends": min(event.start, timezone.now() + timedelta(days=7))
                      if early else None,
                      # demand pricing: the general ticket costs more once half the room sold
                      "price_steps": [] if early or visibility == "hidden" else
                      [{"kind": "share", "threshold": 50, "price": price + 10000}]},
            ))  # fmt: skip
            made += 1
        code = f"COMUNIDAD{event.pk}"
        from oscar.core.loading import get_model

        if not get_model("voucher", "Voucher").objects.filter(code=code).exists():
            promo_code_create(event=event, user=admin, code=code, percent=Decimal("20"),
                              ticket_types=types[:2], max_uses=50, per_customer=1)  # fmt: skip
            group_discount_create(event=event, user=admin, min_quantity=4,
                                  percent=Decimal("10"), ticket_types=types[1:2])  # fmt: skip
    if attendee is not None and not Ticket.objects.filter(user=attendee).exists():
        for event in free_events[:2]:
            ticket_type = TicketType.objects.get(inventory__event_key=event.translation_key)
            hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1, user=attendee)
            answers = {
                str(q.pk): q.option_list[0] if q.kind == "choice" else
                (True if q.kind == "checkbox" else "Medellín AI")
                for q in event.requirements.all()
            }  # fmt: skip
            order_place(
                hold_token=hold.token,
                user=attendee,
                attendees=[{"name": attendee.get_full_name() or "Asistente",
                            "email": attendee.email, "answers": answers}],
            )  # fmt: skip
    return made
