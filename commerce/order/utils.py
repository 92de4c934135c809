"""Oscar's order creator, which places no order here.

Every order is placed from a seat hold (`order_place` in commerce/ticketing/services/orders.py):
that is where capacity is checked under the event's lock, the price frozen and the tickets
issued. Oscar's checkout, which calls this, is not mounted (commerce/shop_urls.py); should
anything reach it anyway, it is refused before a row is written or an email sent."""

from django.utils.translation import gettext as _
from oscar.apps.order import utils
from oscar.apps.order.exceptions import UnableToPlaceOrder


class OrderCreator(utils.OrderCreator):
    def place_order(self, basket, *args, **kwargs):
        raise UnableToPlaceOrder(_("Tickets are bought on the event's page."))
