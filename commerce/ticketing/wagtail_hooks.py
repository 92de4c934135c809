from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cms.events.models import EventPage

from .permissions import may_manage_tickets
from .views import admin


@hooks.register("register_admin_urls")
def register_ticket_type_urls():
    urls = [
        path("", admin.ticket_type_list, name="ticket_type_list"),
        path("add/", admin.ticket_type_edit, name="ticket_type_add"),
        path("<id:pk>/", admin.ticket_type_edit, name="ticket_type_edit"),
        path("orders/", admin.order_list, name="orders"),
        path("orders/<str:number>/", admin.order_detail, name="order"),
        path("promotions/", admin.promotion_list, name="promotions"),
    ]
    return [path("events/<id:page_id>/tickets/", include((urls, "ticketing_admin")))]


@hooks.register("register_page_header_buttons")
def tickets_button(page, user, view_name, next_url=None):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if isinstance(specific, EventPage) and may_manage_tickets(user, specific):
        yield Button(
            _("Tickets"),
            reverse("ticketing_admin:ticket_type_list", args=[page.pk]),
            icon_name="tag",
            priority=30,
        )


@hooks.register("register_admin_urls")
def register_attendee_urls():
    urls = [
        path("", admin.attendee_list, name="attendee_list"),
        path("export/", admin.attendee_export, name="attendee_export"),
    ]
    return [path("events/<id:page_id>/attendees/", include((urls, "ticketing_attendees_admin")))]
