"""/<lang>/shop/: Oscar's staff dashboard, read-only, and nothing a buyer can use.

A ticket is bought one way only: a seat hold (commerce/ticketing/services/holds.py), which takes
the seats under the event's lock, freezes the price and places the order. Oscar's storefront
(catalogue, basket, checkout, offers, wishlists, search, customer accounts) would be a second
way around those rules, so none of it is mounted. Its URL names stay, each answering 404 to
everyone, because Oscar's dashboard and models still reverse them ("View on site",
`Product.get_absolute_url`). Oscar's basket and order creator refuse on their own too
(commerce/partner/strategy.py, commerce/order/utils.py).

The dashboard is the ledger's reading room for the same reason: its forms would change ticket
products, stock, promo codes (vouchers), group discounts (offers) and orders around the
services that lock, audit and keep seats and money in step. Its lists, details, statistics and
reports stay (`READABLE`); every other view, and any write to a readable one, answers 403 with
a page that says where the change is made.
"""

from functools import wraps

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, include, path, reverse

from commerce.order.dashboard import OrderStatsView


def storefront_closed(request, *args, **kwargs):
    raise Http404("Oscar's storefront is not mounted: tickets are bought on the event's page.")


def _closed(patterns) -> list:
    """The same routes, names and namespaces, every view answering 404."""
    closed = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            closed.append(
                URLResolver(
                    pattern.pattern,
                    _closed(pattern.url_patterns),
                    app_name=pattern.app_name,
                    namespace=pattern.namespace,
                )
            )
        else:
            closed.append(URLPattern(pattern.pattern, storefront_closed, name=pattern.name))
    return closed


# The dashboard views that only show the ledger. Their names are Oscar's URL names.
READABLE = frozenset(
    {
        "index",
        "order-list",
        "order-stats",
        "order-detail",
        "order-line-detail",
        "reports-index",
        "catalogue-product-list",
        "catalogue-product-lookup",
        "catalogue-class-list",
        "catalogue-category-list",
        "catalogue-category-detail-list",
        "catalogue-option-list",
        "catalogue-attribute-option-group-list",
        "stock-alert-list",
        "partner-list",
        "users-index",
        "user-detail",
        "user-alert-list",
        "offer-list",
        "offer-detail",
        "range-list",
        "voucher-list",
        "voucher-stats",
        "voucher-set-list",
        "voucher-set-detail",
        "voucher-set-download",
        "reviews-list",
        "comms-list",
        "page-list",
        "shipping-method-list",
        "shipping-method-detail",
    }
)
SIGN_IN_OUT = frozenset({"login", "logout"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def read_only_answer(request, *args, **kwargs):
    """Where the change is made, for staff; the sign-in page or a plain 403 for others."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
    if not request.user.is_staff:
        raise PermissionDenied
    return TemplateResponse(request, "oscar/dashboard/read_only.html", status=403)


def _read_only(view):
    """The view for reading; a write gets the read-only page. The order list's one write-free
    POST, downloading the selected orders as CSV, stays."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        downloads = request.POST.get("action") == "download_selected_orders"
        if request.method in SAFE_METHODS or (request.method == "POST" and downloads):
            return view(request, *args, **kwargs)
        return read_only_answer(request)

    return wrapper


def _reading_room(patterns) -> list:
    """The same routes and names: readable views read-only, the rest the read-only page."""
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            routes.append(
                URLResolver(
                    pattern.pattern,
                    _reading_room(pattern.url_patterns),
                    app_name=pattern.app_name,
                    namespace=pattern.namespace,
                )
            )
            continue
        if pattern.name in SIGN_IN_OUT:
            view = pattern.callback
        elif pattern.name in READABLE:
            view = _read_only(pattern.callback)
        else:
            view = read_only_answer
        routes.append(URLPattern(pattern.pattern, view, pattern.default_args, pattern.name))
    return routes


def _dashboard() -> list:
    """Oscar's dashboard, read-only, with order statistics that count the orders that count
    (commerce/order/models.py); each view keeps Oscar's permission check."""
    orders = apps.get_app_config("orders_dashboard")
    statistics = path("orders/statistics/", OrderStatsView.as_view(), name="order-stats")
    return _reading_room(
        [*orders.post_process_urls([statistics]), *apps.get_app_config("dashboard").urls[0]]
    )


storefront = [
    pattern
    for pattern in apps.get_app_config("oscar").get_urls()
    if getattr(pattern, "namespace", None) != "dashboard"
]

urlpatterns = [
    path("dashboard/", include((_dashboard(), "dashboard"), namespace="dashboard")),
    *_closed(storefront),
]
