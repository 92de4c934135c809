"""Oscar ledger rows made directly (no event page needed): a ticket-like product with its
stock record, and orders of it with lines and a discount."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

from oscar.core.loading import get_model

_numbers = count(1)


def make_product(title: str = "", price: Decimal = Decimal("25000")):
    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    number = next(_numbers)
    product_class, _ = ProductClass.objects.get_or_create(
        slug="ticket", defaults={"name": "Ticket", "track_stock": True}
    )
    partner, _ = Partner.objects.get_or_create(code="medellin-ai", defaults={"name": "Medellín AI"})
    product = Product.objects.create(
        title=title or f"Taller {number}: General", product_class=product_class, upc=f"TT-{number}"
    )
    product.stockrecords.create(
        partner=partner, partner_sku=f"SKU-{number}", price=price, price_currency="COP",
        num_in_stock=50,
    )  # fmt: skip
    return product


def make_order(user=None, *, product=None, lines: int = 1, status: str = "Paid", code: str = ""):
    Order = get_model("order", "Order")
    product = product or make_product()
    record = product.stockrecords.get()
    price = record.price
    order = Order.all_orders.create(
        number=f"L{100000 + next(_numbers)}", site_id=1, user=user,
        guest_email="" if user else "guest@example.org", currency="COP", status=status,
        total_incl_tax=price * lines, total_excl_tax=price * lines,
        shipping_incl_tax=0, shipping_excl_tax=0,
    )  # fmt: skip
    for _ in range(lines):
        add_line(order, product)
    if code:
        order.discounts.create(
            category="Basket", offer_name="Promo", voucher_code=code, frequency=1,
            amount=price / 2,
        )  # fmt: skip
    return order


def add_line(order, product):
    record = product.stockrecords.get()
    price = record.price
    return order.lines.create(
        partner=record.partner, partner_name=record.partner.name, partner_sku=record.partner_sku,
        stockrecord=record, product=product, title=product.title, quantity=1,
        line_price_incl_tax=price, line_price_excl_tax=price,
        line_price_before_discounts_incl_tax=price, line_price_before_discounts_excl_tax=price,
        unit_price_incl_tax=price, unit_price_excl_tax=price, num_allocated=1,
    )  # fmt: skip
