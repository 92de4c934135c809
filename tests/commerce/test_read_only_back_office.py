"""Oscar's back offices only read the ledger (commerce/shop_urls.py, config/admin_site.py).

Its dashboard at /<lang>/shop/dashboard/ and Django's admin would otherwise change ticket
products, stock, vouchers (promo codes), offers (group discounts) and orders around the
ticketing services. Staff keep every list, detail, statistic and report; every change
answers 403 with the page that says where it is made, and writes nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from .ledger import make_order

pytestmark = pytest.mark.django_db

DASHBOARD = "/es/shop/dashboard/"


@pytest.fixture
def voucher():
    now = timezone.now()
    return get_model("voucher", "Voucher").objects.create(
        name="Mitad", code="MITAD", start_datetime=now, end_datetime=now + timedelta(days=30)
    )


def test_staff_read_every_list_detail_and_report(client, admin_user, voucher):
    order = make_order()
    client.force_login(admin_user)
    pages = [
        "",
        "orders/",
        f"orders/{order.number}/",
        f"orders/{order.number}/lines/{order.lines.get().pk}/",
        "orders/statistics/",
        "catalogue/",
        "offers/",
        "vouchers/",
        f"vouchers/stats/{voucher.pk}/",
        "users/",
        "reports/?report_type=order_report",
    ]
    answers = {page: client.get(DASHBOARD + page).status_code for page in pages}
    assert answers == dict.fromkeys(pages, 200)
    listing = client.get(DASHBOARD + "vouchers/").content.decode()
    assert "MITAD" in listing and "Read only" not in listing  # the banner is in Spanish here
    assert "Solo lectura" in listing
    assert f'href="{DASHBOARD}vouchers/create/"' in listing  # still rendered, hidden by CSS
    assert 'a[href*="/create"]' in listing


def test_every_change_answers_where_it_is_made_and_writes_nothing(client, admin_user, voucher):
    order = make_order()
    product = order.lines.get().product
    Voucher = get_model("voucher", "Voucher")
    client.force_login(admin_user)
    forms = [
        "vouchers/create/",
        f"vouchers/update/{voucher.pk}/",
        f"vouchers/delete/{voucher.pk}/",
        "offers/new/metadata/",
        f"catalogue/products/{product.pk}/",
        "catalogue/products/create/",
        "partners/create/",
        "ranges/create/",
    ]
    for page in forms:
        response = client.get(DASHBOARD + page)
        assert response.status_code == 403, page
        assert "Este panel es de solo lectura" in response.content.decode(), page
    before = product.stockrecords.get().price
    client.post(
        DASHBOARD + f"catalogue/products/{product.pk}/",
        {"title": "Gratis", "stockrecords-0-price": "0"},
    )
    client.post(DASHBOARD + f"vouchers/delete/{voucher.pk}/")
    client.post(
        DASHBOARD + "vouchers/create/",
        {
            "name": "Todo gratis",
            "code": "GRATIS",
            "benefit_type": "Percentage",
            "benefit_value": 100,
        },
    )
    assert list(Voucher.objects.values_list("code", flat=True)) == ["MITAD"]
    assert product.stockrecords.get().price == before
    # a readable page does not take a write either: no note, no status change
    response = client.post(
        DASHBOARD + f"orders/{order.number}/", {"order_action": "save_note", "message": "x"}
    )
    assert response.status_code == 403
    assert not order.notes.exists()


def test_the_order_list_still_downloads_the_selected_orders(client, admin_user):
    order = make_order()
    client.force_login(admin_user)
    response = client.post(
        DASHBOARD + "orders/",
        {"action": "download_selected_orders", "selected_order": [order.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert order.number in response.content.decode()


def test_who_is_not_staff_sees_no_change_page(client, make_user):
    assert client.get(DASHBOARD + "vouchers/create/").status_code == 302
    client.force_login(make_user())
    response = client.get(DASHBOARD + "vouchers/create/")
    assert response.status_code == 403
    assert "solo lectura" not in response.content.decode()


def test_djangos_admin_shows_oscars_models_read_only(client, admin_user, voucher):
    order = make_order()
    client.force_login(admin_user)
    Voucher = get_model("voucher", "Voucher")
    assert client.get("/django-admin/order/order/").status_code == 200
    change = client.get(f"/django-admin/order/order/{order.pk}/change/")
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    for url in (
        "/django-admin/voucher/voucher/add/",
        "/django-admin/offer/conditionaloffer/add/",
        "/django-admin/catalogue/product/add/",
        f"/django-admin/voucher/voucher/{voucher.pk}/delete/",
    ):
        assert client.get(url).status_code == 403, url
    client.post(
        f"/django-admin/order/order/{order.pk}/change/",
        {"status": "Refunded", "total_incl_tax": "0"},
    )
    order.refresh_from_db()
    assert order.status == "Paid" and order.total_incl_tax == Decimal("25000")
    client.post(f"/django-admin/voucher/voucher/{voucher.pk}/delete/", {"post": "yes"})
    assert Voucher.objects.filter(pk=voucher.pk).exists()
    # the platform's own models keep their admin as they ask
    assert client.get("/django-admin/accounts/user/add/").status_code == 200
