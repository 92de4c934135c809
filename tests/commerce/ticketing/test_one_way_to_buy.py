"""One way to buy a ticket: a seat hold (issue #19).

Oscar's storefront (catalogue, basket, checkout, offers, wishlists, search, customer
accounts) is not mounted: its URLs answer 404 to everyone, and Oscar's basket and order
creator refuse even when called directly. Staff keep Oscar's dashboard. The orders its
checkout placed before, with no seat hold, no ticket and no payment, are marked invalid by
a data migration: staff still see them, and nothing counts them as sold or as revenue."""

import functools
import importlib
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation
from oscar.core.loading import get_class, get_model

from commerce.ticketing.selectors import managed_inventories, orders_of_buyer
from commerce.ticketing.services.availability import available
from commerce.ticketing.services.holds import hold_create
from commerce.ticketing.services.orders import order_place
from commerce.ticketing.services.promotions import promo_code_create
from community.accounts.roles import Role

pytestmark = pytest.mark.django_db

PRICE = Decimal("25000")


def orders():
    """Every order, invalid ones included."""
    return get_model("order", "Order")._default_manager


@pytest.fixture
def ticket_type(make_ticket_type):
    return make_ticket_type(name_es="General", price=PRICE)


def storefront_order(user, ticket_type, number="100001"):
    """An order as Oscar's checkout placed them before the fix: status empty, one line for
    the ticket product, no seat hold, no ticket, no payment; Oscar's analytics counted it."""
    Line = get_model("order", "Line")
    OrderCreator = get_class("order.utils", "OrderCreator")
    order_placed = get_class("order.signals", "order_placed")
    product = ticket_type.product
    record = product.stockrecords.get()
    order = orders().create(
        number=number, site_id=1, user=user, currency="COP", status="",
        total_incl_tax=PRICE, total_excl_tax=PRICE, shipping_incl_tax=0, shipping_excl_tax=0,
    )  # fmt: skip
    Line._default_manager.create(
        order=order, partner=record.partner, partner_name=record.partner.name,
        partner_sku=record.partner_sku, stockrecord=record, product=product,
        title=product.title, quantity=1, line_price_incl_tax=PRICE, line_price_excl_tax=PRICE,
        line_price_before_discounts_incl_tax=PRICE, line_price_before_discounts_excl_tax=PRICE,
        unit_price_incl_tax=PRICE, unit_price_excl_tax=PRICE, num_allocated=1,
    )  # fmt: skip
    order_placed.send(sender=OrderCreator, order=order, user=user)
    return order


MIGRATION = "commerce.order.migrations.0022_invalid_storefront_orders"


@functools.cache
def models_as_the_migration_sees_them():
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    dependencies = importlib.import_module(MIGRATION).Migration.dependencies
    return MigrationLoader(connection).project_state(dependencies).apps


def mark_invalid_storefront_orders():
    """What the data migration does to a database that has such orders."""
    importlib.import_module(MIGRATION).mark_invalid(models_as_the_migration_sees_them(), None)


# ---- the storefront is closed ---------------------------------------------------------------


def test_a_member_cannot_buy_a_ticket_through_oscars_basket_and_checkout(
    client, member, ticket_type
):
    client.force_login(member)
    add = f"/es/shop/basket/add/{ticket_type.product_id}/"
    assert client.post(add, {"quantity": 1}).status_code == 404
    for path in ("/es/shop/basket/", "/es/shop/checkout/", "/es/shop/checkout/preview/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/es/shop/checkout/preview/", {"action": "place_order"}).status_code == 404
    assert not orders().exists()
    assert not get_model("basket", "Line").objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_the_storefront_answers_404_to_everyone(client, make_user, ticket_type, role):
    if role is not None:
        client.force_login(make_user(role))
    product = ticket_type.product
    with translation.override("es"):
        detail = product.get_absolute_url()
    assert detail.startswith("/es/shop/")  # Oscar's models still build their links
    gets = [
        "/es/shop/", "/en/shop/", "/es/shop/catalogue/", "/en/shop/catalogue/", detail,
        "/es/shop/basket/", "/es/shop/checkout/", "/es/shop/checkout/preview/",
        "/es/shop/checkout/thank-you/", "/es/shop/offers/", "/es/shop/search/?q=General",
        "/es/shop/wishlists/abcdef/", "/es/shop/accounts/", "/es/shop/accounts/wishlists/",
        "/es/shop/accounts/orders/", "/es/shop/password-reset/",
    ]  # fmt: skip
    posts = [
        f"/es/shop/basket/add/{product.pk}/",
        f"/es/shop/accounts/wishlists/add/{product.pk}/",
        "/es/shop/basket/vouchers/add/",
        "/es/shop/checkout/preview/",
    ]
    answers = {path: client.get(path).status_code for path in gets}
    answers |= {f"POST {path}": client.post(path, {"quantity": 1}).status_code for path in posts}
    assert answers == dict.fromkeys(answers, 404)
    assert not orders().exists() and not get_model("basket", "Line").objects.exists()


def test_oscars_basket_and_order_creator_refuse_even_when_called_directly(member, ticket_type):
    """The storefront is gone; should a basket be reached some other way, it still sells
    nothing: the strategy finds no price, and the order creator places no order."""
    product = ticket_type.product
    strategy = get_class("partner.strategy", "Selector")().strategy(user=member)
    assert not strategy.fetch_for_product(product).availability.is_available_to_buy
    basket = get_model("basket", "Basket").objects.create(owner=member)
    basket.strategy = strategy
    with pytest.raises(ValueError):
        basket.add_product(product)
    # a line put there before the fix, walked to Oscar's place_order
    record = product.stockrecords.get()
    basket.lines.create(
        product=product, stockrecord=record, quantity=1, line_reference=f"{product.pk}_{record.pk}",
        price_currency="COP", price_excl_tax=PRICE, price_incl_tax=PRICE,
    )  # fmt: skip
    basket.strategy = get_class("partner.strategy", "Default")()
    shipping = get_class("shipping.methods", "NoShippingRequired")()
    total = get_class("checkout.calculators", "OrderTotalCalculator")().calculate(
        basket, shipping.calculate(basket)
    )
    with pytest.raises(get_class("order.exceptions", "UnableToPlaceOrder")):
        get_class("order.utils", "OrderCreator")().place_order(
            basket=basket, total=total, shipping_method=shipping,
            shipping_charge=shipping.calculate(basket), user=member,
        )  # fmt: skip
    assert not orders().exists()


# ---- staff keep Oscar's dashboard -----------------------------------------------------------


def test_staff_keep_oscars_dashboard_and_its_links_still_resolve(client, admin_user, ticket_type):
    invalid = storefront_order(None, ticket_type)
    mark_invalid_storefront_orders()
    client.force_login(admin_user)
    pages = [
        "/es/shop/dashboard/",
        "/es/shop/dashboard/orders/",
        f"/es/shop/dashboard/orders/{invalid.number}/",
        "/es/shop/dashboard/orders/statistics/",
        "/es/shop/dashboard/catalogue/",
        "/es/shop/dashboard/offers/",
        "/es/shop/dashboard/vouchers/",
        "/es/shop/dashboard/ranges/",
        "/es/shop/dashboard/reviews/",
        "/es/shop/dashboard/users/",
        "/es/shop/dashboard/reports/?report_type=order_report",
        "/es/shop/dashboard/reports/?report_type=product_analytics",
    ]
    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)
    # the product's own page is a form: read-only, it says where the ticket type is edited
    product_page = f"/es/shop/dashboard/catalogue/products/{ticket_type.product_id}/"
    assert client.get(product_page).status_code == 403
    listing = client.get("/es/shop/dashboard/orders/").content.decode()
    assert invalid.number in listing and "Invalid" in listing
    # the navbar leads back to the site and the member's dashboard, not the closed shop
    navbar = client.get("/es/shop/dashboard/").content.decode()
    assert 'href="/es/"' in navbar and 'href="/es/dashboard/"' in navbar
    assert 'href="/es/shop/catalogue/"' not in navbar and "/es/shop/accounts/" not in navbar


# ---- orders placed through the storefront before: invalid, never counted ---------------------


def test_an_order_placed_without_a_seat_hold_is_invalid_and_never_counted(
    client, api_client, admin_user, organizer, member, event, ticket_type
):
    invalid = storefront_order(member, ticket_type)
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1, user=member)
    sale = order_place(
        hold_token=hold.token, user=member, attendees=[{"name": "Ana", "email": "a@example.org"}]
    )
    assert sale.total_incl_tax == PRICE
    mark_invalid_storefront_orders()
    mark_invalid_storefront_orders()  # once only, however often it runs

    invalid = orders().get(pk=invalid.pk)
    assert invalid.status == "Invalid"
    assert [(c.old_status, c.new_status) for c in invalid.status_changes.all()] == [("", "Invalid")]
    assert invalid.notes.count() == 1
    assert orders().get(pk=sale.pk).status == "Pending"  # a seat hold's order is untouched

    # sold counts and availability: the seat hold's seat only
    assert available(ticket_type) == 9
    assert managed_inventories(admin_user).get().sold == 0  # pending payment
    api_client.force_authenticate(organizer)
    (listed,) = api_client.get(f"/api/v1/events/{event.pk}/ticket-types/").json()
    assert (listed["sold"], listed["reserved"], listed["left"]) == (0, 1, 9)
    # the buyer's account, site and API, lists the real order only
    assert [o.number for o in orders_of_buyer(user=member)] == [sale.number]
    api_client.force_authenticate(member)
    listed = api_client.get("/api/v1/me/orders/").json()
    assert [o["number"] for o in listed["results"]] == [sale.number]

    # Oscar's revenue figures, statistics, reports and analytics
    client.force_login(admin_user)
    index = client.get("/es/shop/dashboard/").context
    assert index["total_orders"] == 1 and index["total_revenue"] == PRICE
    assert index["total_lines"] == 1 and index["total_revenue_last_day"] == PRICE
    stats = client.get("/es/shop/dashboard/orders/statistics/").context
    assert stats["total_orders"] == 1 and stats["total_revenue"] == PRICE
    report = client.get("/es/shop/dashboard/reports/?report_type=order_report").context
    assert [o.number for o in report["objects"]] == [sale.number]
    product_record = get_model("analytics", "ProductRecord").objects.get(
        product=ticket_type.product
    )
    assert product_record.num_purchases == 0
    user_record = get_model("analytics", "UserRecord").objects.get(user=member)
    assert (user_record.num_orders, user_record.total_spent) == (0, 0)
    # still visible to staff
    assert client.get(f"/es/shop/dashboard/orders/{invalid.number}/").status_code == 200


def test_an_invalid_order_gives_back_the_promo_code_use_it_took(
    event, organizer, member, make_user, ticket_type
):
    from config.errors import Conflict

    voucher = promo_code_create(
        event=event, user=organizer, code="MITAD", percent=50, ticket_types=[ticket_type],
        max_uses=1,
    )  # fmt: skip
    offer = voucher.offers.get()
    # Oscar's checkout applied it to a storefront order, as it recorded such uses
    order = storefront_order(member, ticket_type)
    half = {"freq": 1, "discount": PRICE / 2}
    get_model("order", "OrderDiscount").objects.create(
        order=order, offer_id=offer.pk, offer_name=offer.name, voucher_id=voucher.pk,
        voucher_code=voucher.code, frequency=1, amount=PRICE / 2,
    )  # fmt: skip
    offer.record_usage(half)
    voucher.record_usage(order, member)
    voucher.record_discount(half)
    buyer = make_user(Role.MEMBER)
    with pytest.raises(Conflict):
        hold_create(ticket_type_id=ticket_type.pk, quantity=1, user=buyer, code="MITAD")
    mark_invalid_storefront_orders()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1, user=buyer, code="MITAD")
    assert hold.total == PRICE / 2
    voucher.refresh_from_db()
    offer.refresh_from_db()
    assert (voucher.num_orders, voucher.total_discount, voucher.applications.count()) == (0, 0, 0)
    assert (offer.num_applications, offer.num_orders, offer.total_discount) == (0, 0, 0)


def test_an_invalid_order_does_not_count_against_a_per_customer_limit(
    event, organizer, member, ticket_type
):
    voucher = promo_code_create(
        event=event, user=organizer, code="UNAVEZ", percent=50, ticket_types=[ticket_type],
        per_customer=1,
    )  # fmt: skip
    offer = voucher.offers.get()
    order = storefront_order(member, ticket_type)
    get_model("order", "OrderDiscount").objects.create(
        order=order, offer_id=offer.pk, offer_name=offer.name, voucher_id=voucher.pk,
        voucher_code=voucher.code, frequency=1, amount=PRICE / 2,
    )  # fmt: skip
    mark_invalid_storefront_orders()
    hold = hold_create(ticket_type_id=ticket_type.pk, quantity=1, user=member, code="UNAVEZ")
    assert hold.total == PRICE / 2
