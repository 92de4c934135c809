"""Oscar's order models, changed in one way: an order that was never a sale is not counted.

Every order here is placed from a seat hold (commerce/ticketing/services/orders.py).
Until issue #19 Oscar's storefront checkout could also place orders for ticket products,
with no seat hold, no ticket and no payment; migration 0022 gave those the status
`Order.INVALID`, and Oscar's basket and order creator can no longer make new ones
(commerce/partner/strategy.py, commerce/order/utils.py).

`Order.objects` and `Line.objects` leave invalid orders out, so whatever counts orders or
lines (Oscar's dashboard figures and reports, our own reads) never counts them as sold or as
revenue. The default managers, `all_orders` and `all_lines`, keep every row: Oscar's
dashboard order list and detail, the Django admin and related lookups (`user.orders`,
`order.lines`) go through them, so staff still find the invalid orders.
"""

from django.db import models
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder


class CountedOrderManager(models.Manager):
    """Orders that count: every order but the invalid ones."""

    use_in_migrations = True  # data migrations read `objects` as the code does

    def get_queryset(self):
        return super().get_queryset().exclude(status=Order.INVALID)


class CountedLineManager(models.Manager):
    """Lines of the orders that count."""

    use_in_migrations = True

    def get_queryset(self):
        return super().get_queryset().exclude(order__status=Order.INVALID)


class Order(AbstractOrder):
    #: Placed through Oscar's storefront without a seat hold (before issue #19): not a sale.
    INVALID = "Invalid"

    all_orders = models.Manager()  # first: the default manager
    objects = CountedOrderManager()


class Line(AbstractLine):
    all_lines = models.Manager()  # first: the default manager
    objects = CountedLineManager()


from oscar.apps.order.models import *  # noqa: E402, F403  (the rest, unchanged)
