"""Oscar's pricing and availability: Oscar's basket sells nothing here.

A ticket is bought one way only, through a seat hold (commerce/ticketing/services/holds.py), and
tickets are all this platform sells. Oscar's storefront is not mounted (commerce/shop_urls.py);
should a basket be reached anyway, this strategy finds no price and nothing available, so
`Basket.add_product` refuses the product and Oscar's checkout would refuse the line."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, prices, strategy


class NotSoldHere(availability.Unavailable):
    message = _("Tickets are bought on the event's page.")


class SeatHoldsOnly(strategy.UseFirstStockRecord, strategy.Structured):
    """The stock record as usual (Oscar's dashboard shows it), but no price and never
    available to buy."""

    def pricing_policy(self, product, stockrecord):
        return prices.Unavailable()

    def parent_pricing_policy(self, product, children_stock):
        return prices.Unavailable()

    def availability_policy(self, product, stockrecord):
        return NotSoldHere()

    def parent_availability_policy(self, product, children_stock):
        return NotSoldHere()


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return SeatHoldsOnly(request)
