from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cms.events.models import EventPage

from . import admin_orders, admin_views, services


@hooks.register("register_admin_urls")
def register_ticket_type_urls():
    urls = [
        path("", admin_views.ticket_types, name="list"),
        path("add/", admin_views.ticket_type_edit, name="add"),
        path("<id:pk>/", admin_views.ticket_type_edit, name="edit"),
        path("orders/", admin_orders.orders, name="orders"),
        path("orders/<str:number>/", admin_orders.order_detail, name="order"),
        path("promotions/", admin_orders.promotions, name="promotions"),
    ]
    return [path("events/<id:page_id>/tickets/", include((urls, "ticketing_admin")))]


@hooks.register("register_page_header_buttons")
def tickets_button(page, user, view_name, next_url=None):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if isinstance(specific, EventPage) and services.may_manage_tickets(user, specific):
        yield Button(
            _("Tickets"),
            reverse("ticketing_admin:list", args=[page.pk]),
            icon_name="tag",
            priority=30,
        )


@hooks.register("register_admin_urls")
def register_attendee_urls():
    from . import admin_registrations

    urls = [
        path("", admin_registrations.attendees, name="list"),
        path("export/", admin_registrations.attendees_export, name="export"),
    ]
    return [path("events/<id:page_id>/attendees/", include((urls, "ticketing_attendees_admin")))]
