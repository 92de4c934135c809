"""The Oscar ledger in the Wagtail admin (commerce/order/wagtail_hooks.py): staff read every
order with its lines and discounts, and the products with their prices; nobody else sees
it, and nothing can be changed there."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from wagtail.permissions import policy_registry

from community.accounts.roles import Role

from .ledger import make_order, make_product

pytestmark = pytest.mark.django_db

ORDERS, PRODUCTS = "/admin/ledger/orders/", "/admin/ledger/products/"


def text(response) -> str:
    """The page with every run of white space (Spanish thousands: a no-break space) as one."""
    return re.sub(r"\s+", " ", response.content.decode())


def test_staff_find_every_order_with_its_lines_and_discounts(client, admin_user, member):
    product = make_product("Taller de RAG: General", price=Decimal("25000"))
    sale = make_order(member, product=product, lines=2, code="MITAD")
    invalid = make_order(None, product=product, status="Invalid")
    client.force_login(admin_user)

    listing = text(client.get(ORDERS))
    assert sale.number in listing and invalid.number in listing  # invalid ones too
    assert member.email in listing and "guest@example.org" in listing
    found = text(client.get(ORDERS, {"q": member.email}))
    assert sale.number in found and invalid.number not in found
    assert invalid.number not in text(client.get(ORDERS, {"status": "Paid"}))

    page = text(client.get(f"{ORDERS}inspect/{sale.pk}/"))
    assert page.count("Taller de RAG: General") == 2  # one row per line
    assert "25 000,00 COP" in page and "MITAD" in page and "12 500,00 COP" in page
    assert f'href="/es/shop/dashboard/orders/{sale.number}/"' in page
    assert client.get(f"{ORDERS}inspect/{invalid.pk}/").status_code == 200


def test_staff_find_the_products_with_their_prices(client, admin_user):
    product = make_product("Meetup de visión: VIP", price=Decimal("80000"))
    client.force_login(admin_user)
    listing = text(client.get(PRODUCTS, {"q": "visión"}))
    assert "Meetup de visión: VIP" in listing and "80 000,00 COP" in listing
    page = text(client.get(f"{PRODUCTS}inspect/{product.pk}/"))
    assert product.stockrecords.get().partner_sku in page and "80 000,00 COP" in page
    assert f'href="/es/shop/dashboard/catalogue/?upc={product.upc}"' in page


def test_nothing_can_be_changed_there(client, admin_user):
    order = make_order()
    product = order.lines.get().product
    client.force_login(admin_user)
    for base, pk in ((ORDERS, order.pk), (PRODUCTS, product.pk)):
        for action in ("new/", f"edit/{pk}/", f"delete/{pk}/", f"history/{pk}/", f"copy/{pk}/"):
            assert client.get(base + action).status_code == 404, base + action
        page = text(client.get(f"{base}inspect/{pk}/"))
        assert "/edit/" not in page and "/delete/" not in page
    policy = policy_registry.get_by_type(type(order))
    assert policy.user_has_permission(admin_user, "view")
    assert not any(policy.user_has_permission(admin_user, a) for a in ("add", "change", "delete"))


@pytest.mark.parametrize("role", [None, Role.ATTENDEE, Role.MEMBER, Role.ORGANIZER])
def test_only_staff_see_the_ledger(client, make_user, role):
    order = make_order()
    if role is not None:
        client.force_login(make_user(role))
    for path in (ORDERS, f"{ORDERS}inspect/{order.pk}/", PRODUCTS):
        response = client.get(path)
        assert response.status_code == 302, path
        if role == Role.ORGANIZER:  # in the Wagtail admin, but not allowed here
            assert response["Location"] == "/admin/"
        else:
            assert "/login/" in response["Location"]
    if role == Role.ORGANIZER:
        assert ORDERS not in client.get("/admin/").content.decode()


def test_staff_means_staff_holding_the_view_permission(client, make_user, admin_user):
    make_order()
    view_order = Permission.objects.get(content_type__app_label="order", codename="view_order")
    access_admin = Permission.objects.get(codename="access_admin")
    holder = make_user(Role.ORGANIZER)  # in the Wagtail admin, holds the permission, not staff
    holder.user_permissions.add(view_order)
    client.force_login(holder)
    assert client.get(ORDERS).status_code == 302
    clerk = make_user(Role.MEMBER)  # staff, no permission
    clerk.is_staff = True
    clerk.save(update_fields=["is_staff"])
    clerk.user_permissions.add(access_admin)
    client.force_login(clerk)
    assert client.get(ORDERS).status_code == 302
    clerk.user_permissions.add(view_order)
    clerk = type(clerk).objects.get(pk=clerk.pk)  # no cached permissions
    client.force_login(clerk)
    assert client.get(ORDERS).status_code == 200
    assert client.get(PRODUCTS).status_code == 302  # orders only
    assert ORDERS in client.get("/admin/").content.decode()
    client.force_login(admin_user)
    assert ORDERS in client.get("/admin/").content.decode()
    assert PRODUCTS in client.get("/admin/").content.decode()
