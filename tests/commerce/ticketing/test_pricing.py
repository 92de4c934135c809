"""Pricing rules at their boundaries: price steps by seats sold and by share of capacity
(within floor and ceiling), frozen on the hold; group discounts (Oscar site offers); promo
codes (Oscar vouchers) with their limits, windows and scopes; IVA inside the price."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commerce.ticketing.models import SeatHold
from commerce.ticketing.services.holds import hold_create, hold_release
from commerce.ticketing.services.orders import expire_unpaid, order_place
from commerce.ticketing.services.payments import payment_start, payment_succeeded
from commerce.ticketing.services.pricing import seat_prices
from commerce.ticketing.services.promotions import group_discount_create, promo_code_create
from commerce.ticketing.services.ticket_types import ticket_type_save
from config.errors import Conflict, ValidationFailed

pytestmark = pytest.mark.django_db

ANA = [{"name": "Ana", "email": "ana@example.org"}]


def hold(ticket_type, quantity=1, **kwargs):
    return hold_create(ticket_type_id=ticket_type.pk, quantity=quantity, **kwargs)


def test_steps_by_seats_sold_apply_from_their_threshold_seat(make_ticket_type):
    ticket_type = make_ticket_type(
        price=100, price_steps=[{"kind": "sold", "threshold": 2, "price": 150}]
    )
    first = hold(ticket_type, 3)  # seats 0, 1 at 100; seat 2 at the next step
    assert first.subtotal == 350 and first.unit_price == 100 and first.total == 350
    assert hold(ticket_type).total == 150


def test_demand_steps_follow_the_share_sold_within_floor_and_ceiling(make_ticket_type):
    ticket_type = make_ticket_type(
        price=100, price_ceiling=180, price_floor=100,
        price_steps=[{"kind": "share", "threshold": 50, "price": 200}],
    )  # fmt: skip
    # capacity 10 (the event's): 50% is seat 5
    assert seat_prices(ticket_type, sold=4, quantity=2, capacity=10) == [100, 180]
    assert seat_prices(ticket_type, sold=0, quantity=1, capacity=None) == [100]


def test_the_price_is_frozen_on_the_hold_and_the_order_charges_it(make_ticket_type):
    ticket_type = make_ticket_type(price=100)
    held = hold(ticket_type)
    ticket_type_save(
        event=ticket_type.inventory.event,
        user=ticket_type.inventory.event.organizer,
        ticket_type=ticket_type,
        data={"price": 900},
    )
    order = order_place(hold_token=held.token, email="a@example.org", attendees=ANA)
    assert order.total_incl_tax == 100


def test_early_bird_ends_exactly_at_its_sale_end(make_ticket_type):
    ends = timezone.now() + timedelta(hours=1)
    early = make_ticket_type(price=50, category="early_bird", sale_ends=ends)
    assert early.on_sale(ends - timedelta(seconds=1)) and not early.on_sale(ends)


def test_a_group_discount_starts_at_its_minimum_quantity(make_ticket_type, event, organizer):
    ticket_type = make_ticket_type(price=100)
    group_discount_create(
        event=event, user=organizer, min_quantity=3, percent=10, ticket_types=[ticket_type]
    )
    assert hold(ticket_type, 2).discount == 0
    three = hold(ticket_type, 3)
    assert three.discount == 30 and three.total == 270
    assert "3" in three.discount_label


def promo(event, organizer, ticket_types, **kwargs):
    return promo_code_create(
        event=event, user=organizer, ticket_types=ticket_types, **{"code": "amigos", **kwargs}
    )


def test_promo_codes_take_a_percentage_or_an_amount_off(make_ticket_type, event, organizer):
    ticket_type = make_ticket_type(price=100)
    promo(event, organizer, [ticket_type], percent=25)
    promo(event, organizer, [ticket_type], code="MENOS40", amount=40)
    assert hold(ticket_type, 2, code="Amigos").total == 150
    assert hold(ticket_type, 2, code="menos40").total == 160
    with pytest.raises(ValidationFailed) as caught:
        hold(ticket_type, code="other")
    assert caught.value.code == "unknown_code"


def test_a_code_used_up_by_holds_is_free_again_when_a_hold_is_released(
    make_ticket_type, event, organizer
):
    ticket_type = make_ticket_type(price=100)
    promo(event, organizer, [ticket_type], percent=10, max_uses=1)
    first = hold(ticket_type, code="AMIGOS")
    with pytest.raises(Conflict) as caught:
        hold(ticket_type, code="AMIGOS")
    assert caught.value.code == "voucher_used_up"
    hold_release(hold=first)
    assert hold(ticket_type, code="AMIGOS").discount == 10


def test_a_code_once_per_customer_is_checked_again_with_the_buyers_email(
    make_ticket_type, event, organizer
):
    ticket_type = make_ticket_type(price=100)
    promo(event, organizer, [ticket_type], percent=10, per_customer=1)
    first = hold(ticket_type, code="AMIGOS")
    order_place(hold_token=first.token, email="a@example.org", attendees=ANA)
    second = hold(ticket_type, code="AMIGOS")
    with pytest.raises(Conflict) as caught:
        order_place(hold_token=second.token, email="A@example.org", attendees=ANA)
    assert caught.value.code == "voucher_used_by_you"
    assert order_place(hold_token=second.token, email="b@example.org", attendees=ANA)


def test_an_unpaid_order_that_expires_gives_its_codes_uses_back_even_if_paid_late(
    make_ticket_type, event, organizer, stripe_server
):
    from oscar.core.loading import get_model

    ticket_type = make_ticket_type(price=100)
    promo(event, organizer, [ticket_type], percent=10, max_uses=1, per_customer=1)
    offer = get_model("offer", "ConditionalOffer").objects.get(vouchers__code="AMIGOS")
    first = hold(ticket_type, code="AMIGOS")
    order = order_place(hold_token=first.token, email="a@example.org", attendees=ANA)
    payment_start(order)
    offer.refresh_from_db()
    assert offer.num_applications == 1 and order.discounts.count() == 1
    with pytest.raises(Conflict) as caught:  # used up while the card payment is pending
        hold(ticket_type, code="AMIGOS")
    assert caught.value.code == "voucher_used_up"
    SeatHold.objects.filter(order=order).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert expire_unpaid() == 1
    offer.refresh_from_db()
    assert offer.num_applications == 0 and offer.vouchers.get().num_orders == 0
    assert order.discounts.count() == 1  # the record of what was quoted stays
    # the card is charged after all, but the seats are gone: refunded at once, and the
    # code stays the buyer's to use
    taken = hold(ticket_type, 10)
    assert payment_succeeded(order.payment.intent_id, source="test") == ("late payment refunded")
    order.refresh_from_db()
    assert order.status == "Refunded" and order.refunds.get().automatic
    offer.refresh_from_db()
    assert offer.num_applications == 0
    hold_release(hold=taken)
    again = hold(ticket_type, code="AMIGOS")  # the same buyer may use it now
    assert order_place(hold_token=again.token, email="a@example.org", attendees=ANA)


def test_a_code_only_works_in_its_window_and_for_its_ticket_types(
    make_ticket_type, event, organizer
):
    regular, vip = make_ticket_type(price=100), make_ticket_type(name_es="VIP", price=300)
    starts = timezone.now() + timedelta(days=1)
    promo(event, organizer, [regular], percent=10, starts=starts)
    with pytest.raises(Conflict) as caught:
        hold(regular, code="AMIGOS")
    assert caught.value.code == "voucher_inactive"
    with pytest.raises(ValidationFailed) as caught:
        hold(vip, code="AMIGOS")
    assert caught.value.code == "voucher_not_applicable"


def test_a_code_unlocks_the_hidden_ticket_types_it_covers(make_ticket_type, event, organizer):
    hidden = make_ticket_type(price=100, visibility="hidden", unlock_code="secret")
    with pytest.raises(ValidationFailed):
        hold(hidden, code="AMIGOS")
    promo(event, organizer, [hidden], percent=50)
    assert hold(hidden, code="amigos").total == 50
    assert hold(hidden, code="SECRET").total == 100


def test_promo_codes_are_the_organizers_to_make(make_ticket_type, event, make_user):
    from community.accounts.roles import Role

    ticket_type = make_ticket_type(price=100)
    from config.errors import NotPermitted

    with pytest.raises(NotPermitted):
        promo(event, make_user(Role.ORGANIZER), [ticket_type], percent=10)
    with pytest.raises(ValidationFailed) as caught:
        promo(event, event.organizer, [ticket_type], percent=150)
    assert "percent" in caught.value.fields


def test_iva_is_inside_the_price_and_split_out_on_the_order(make_ticket_type):
    ticket_type = make_ticket_type(price=119000, tax_rate=19)
    held = hold(ticket_type)
    order = order_place(hold_token=held.token, email="a@example.org", attendees=ANA)
    assert order.total_incl_tax == 119000 and order.total_excl_tax == Decimal("100000.00")
    assert order.total_tax == Decimal("19000.00")
