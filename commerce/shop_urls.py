"""/<lang>/shop/: Oscar's staff dashboard, and nothing a buyer can use.

A ticket is bought one way only: a seat hold (commerce/ticketing/services/holds.py), which takes
the seats under the event's lock, freezes the price and places the order. Oscar's storefront
(catalogue, basket, checkout, offers, wishlists, search, customer accounts) would be a second
way around those rules, so none of it is mounted. Its URL names stay, each answering 404 to
everyone, because Oscar's dashboard and models still reverse them ("View on site",
`Product.get_absolute_url`). Oscar's basket and order creator refuse on their own too
(commerce/partner/strategy.py, commerce/order/utils.py).
"""

from django.apps import apps
from django.http import Http404
from django.urls import URLPattern, URLResolver, include, path

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


def _dashboard() -> list:
    """Oscar's dashboard as it comes, but for its order statistics, which count the orders
    that count (commerce/order/models.py); each view keeps Oscar's permission check."""
    orders = apps.get_app_config("orders_dashboard")
    statistics = path("orders/statistics/", OrderStatsView.as_view(), name="order-stats")
    return [*orders.post_process_urls([statistics]), *apps.get_app_config("dashboard").urls[0]]


storefront = [
    pattern
    for pattern in apps.get_app_config("oscar").get_urls()
    if getattr(pattern, "namespace", None) != "dashboard"
]

urlpatterns = [
    path("dashboard/", include((_dashboard(), "dashboard"), namespace="dashboard")),
    *_closed(storefront),
]
