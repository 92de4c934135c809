"""The ledger in the Wagtail admin: Oscar's orders (with their lines) and products, for staff.

Read-only by construction: only the list and the inspect views are routed, and the
permission policy grants nothing but "view", to active staff who hold the model's view
permission (Admins are superusers). An order changes through ticketing's services (refunds
and the rest, on the event's Tickets pages), a product through its ticket type; Oscar's own
dashboard (/<lang>/shop/dashboard/, linked from each page; read-only too, see
commerce/shop_urls.py) keeps its reports, offers and vouchers. Every order is listed,
invalid ones included (`Order.all_orders`)."""

from __future__ import annotations

from urllib.parse import urlencode

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")


class StaffMayView(ModelPermissionPolicy):
    """Active staff with the model's view permission may look; nobody changes anything."""

    def user_has_permission(self, user, action):
        return (
            action == "view"
            and user.is_active
            and user.is_staff
            and super().user_has_permission(user, action)
        )

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"]).filter(is_active=True, is_staff=True)


def money(amount, currency: str) -> str:
    grouped = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{grouped} {currency}"


def table(headings, rows):
    """A small read-only table for the inspect view (every value escaped)."""
    head = format_html_join("", "<th>{}</th>", ((heading,) for heading in headings))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows),
    )
    return format_html('<table class="listing"><thead><tr>{}</tr></thead>{}</table>', head, body)


class LedgerViewSet(ModelViewSet):
    """The list and inspect views only: no add, edit, copy, delete, history or usage."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False  # saving an order or product must cost nothing more
    search_backend_name = None  # the database's own search over `search_fields`
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        unrouted = ("add", "edit", "delete", "history", "usage")
        return super().get_common_view_kwargs(
            **{f"{name}_url_name": None for name in unrouted}, **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{self.pk_path_converter}:pk>/", self.inspect_view, name="inspect"),
        ]


class LedgerInspectView(InspectView):
    labels: dict[str, str] = {}

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)


# ---- orders ----------------------------------------------------------------------------------


def order_statuses():
    statuses = Order.all_orders.order_by("status").values_list("status", flat=True).distinct()
    return [(status, status) for status in statuses if status]


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=order_statuses)
    date_placed = django_filters.DateFromToRangeFilter(label=_("Placed"))

    class Meta:
        model = Order
        fields = ["status", "date_placed"]


class OrderIndexView(IndexView):
    def get_base_queryset(self):
        return Order.all_orders.select_related("user")


class OrderInspectView(LedgerInspectView):
    labels = {"buyer": _("Buyer"), "lines": _("Lines"), "discounts": _("Discounts"),
              "back_office": _("Oscar's dashboard")}  # fmt: skip

    def get_object(self, queryset=None):
        orders = Order.all_orders.select_related("user").prefetch_related("lines", "discounts")
        return get_object_or_404(orders, pk=self.pk)

    def get_buyer_display_value(self):
        return self.object.email or "-"

    def get_lines_display_value(self):
        order = self.object
        return table(
            [_("Product"), _("SKU"), _("Quantity"), _("Unit price"), _("Total")],
            [
                (
                    line.title,
                    line.partner_sku,
                    line.quantity,
                    money(line.unit_price_incl_tax, order.currency),
                    money(line.line_price_incl_tax, order.currency),
                )
                for line in order.lines.all()
            ],
        )

    def get_discounts_display_value(self):
        order = self.object
        discounts = list(order.discounts.all())
        if not discounts:
            return "-"
        return table(
            [_("Offer"), _("Code"), _("Amount")],
            [
                (d.offer_name, d.voucher_code or "-", money(d.amount, order.currency))
                for d in discounts
            ],
        )

    def get_back_office_display_value(self):
        url = reverse("dashboard:order-detail", kwargs={"number": self.object.number})
        return format_html('<a href="{}">{}</a>', url, _("Open this order there"))


class OrderLedgerViewSet(LedgerViewSet):
    model = Order
    icon = "list-ul"
    menu_label = _("Orders")
    url_prefix = "ledger/orders"
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    filterset_class = OrderFilterSet
    ordering = "-date_placed"
    list_display = [
        "number",
        "date_placed",
        Column("buyer", label=_("Buyer"), accessor="email"),
        "status",
        "total_incl_tax",
        "currency",
    ]
    search_fields = ["number", "guest_email", "user__email"]
    inspect_view_fields = [
        "number",
        "status",
        "date_placed",
        "buyer",
        "total_incl_tax",
        "total_excl_tax",
        "currency",
        "lines",
        "discounts",
        "back_office",
    ]


# ---- products --------------------------------------------------------------------------------


def price_of(product) -> str:
    records = product.stockrecords.all()  # prefetched
    return ", ".join(money(r.price, r.price_currency) for r in records if r.price is not None)


class ProductIndexView(IndexView):
    def get_base_queryset(self):
        return Product.objects.select_related("product_class").prefetch_related("stockrecords")


class ProductInspectView(LedgerInspectView):
    labels = {"stock": _("Price and stock"), "back_office": _("Oscar's dashboard")}

    def get_object(self, queryset=None):
        products = Product.objects.select_related("product_class")
        return get_object_or_404(products.prefetch_related("stockrecords__partner"), pk=self.pk)

    def get_stock_display_value(self):
        return table(
            [_("Partner"), _("SKU"), _("Price"), _("In stock")],
            [
                (
                    record.partner.name,
                    record.partner_sku,
                    money(record.price, record.price_currency) if record.price is not None else "-",
                    record.num_in_stock if record.num_in_stock is not None else "-",
                )
                for record in self.object.stockrecords.all()
            ],
        )

    def get_back_office_display_value(self):
        # the product list, found by its code: the product's own page there is a form, closed
        product = self.object
        query = urlencode({"upc": product.upc} if product.upc else {"title": product.title})
        url = f"{reverse('dashboard:catalogue-product-list')}?{query}"
        return format_html('<a href="{}">{}</a>', url, _("Open this product there"))


class ProductLedgerViewSet(LedgerViewSet):
    model = Product
    icon = "tag"
    menu_label = _("Products")
    url_prefix = "ledger/products"
    index_view_class = ProductIndexView
    inspect_view_class = ProductInspectView
    list_filter = ["product_class", "is_public"]
    ordering = "title"
    list_display = [
        "title",
        "product_class",
        "upc",
        Column("price", label=_("Price"), accessor=price_of),
        BooleanColumn("is_public", label=Product._meta.get_field("is_public").verbose_name),
        "date_updated",
    ]
    search_fields = ["title", "upc"]
    inspect_view_fields = [
        "title",
        "upc",
        "product_class",
        "is_public",
        "date_created",
        "date_updated",
        "stock",
        "back_office",
    ]


register_permission_policy(Order, StaffMayView(Order))
register_permission_policy(Product, StaffMayView(Product))


class LedgerGroup(ViewSetGroup):
    menu_label = _("Ledger")
    menu_icon = "form"
    menu_order = 260
    items = (OrderLedgerViewSet("ledger_orders"), ProductLedgerViewSet("ledger_products"))


@hooks.register("register_admin_viewset")
def register_ledger():
    return LedgerGroup()
