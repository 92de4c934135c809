"""Notification types of ticketing: inventory alerts for an event's organizers, and card
disputes for them and the platform's admins."""

from django.utils.translation import gettext_lazy as _

from community.notifications.registry import NotificationType, register

INVENTORY_ALMOST_SOLD_OUT = register(
    NotificationType(
        code="ticketing.inventory_almost_sold_out",
        label=_("Tickets of my events are almost sold out"),
        subject=_("Almost sold out: {tickets}, “{event}”"),
        body=_(
            "Hello {name}, {sold} of {capacity} seats are sold for {tickets} of “{event}”: "
            "more than four in five."
        ),
        placeholders=frozenset({"name", "event", "tickets", "sold", "capacity", "percent", "link"}),
    )
)
INVENTORY_SOLD_OUT = register(
    NotificationType(
        code="ticketing.inventory_sold_out",
        label=_("Tickets of my events sell out"),
        subject=_("Sold out: {tickets}, “{event}”"),
        body=_("Hello {name}, all {capacity} seats are sold for {tickets} of “{event}”."),
        placeholders=frozenset({"name", "event", "tickets", "sold", "capacity", "percent", "link"}),
    )
)
PAYMENT_DISPUTED = register(
    NotificationType(
        code="ticketing.payment_disputed",
        label=_("A card payment for my events is disputed"),
        subject=_("Card dispute: order {order}, “{event}”"),
        body=_(
            "Hello {name}, the buyer's bank disputes the payment of order {order} ({amount}) "
            "for “{event}”; the reason given is “{reason}”. Answer it in Stripe before its "
            "deadline, with the order's history and check-ins as evidence."
        ),
        placeholders=frozenset({"name", "event", "order", "amount", "reason", "link"}),
    )
)
