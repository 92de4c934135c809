from django.urls import path

from . import account_views, views

app_name = "ticketing"
urlpatterns = [
    path("events/<id:event_id>/", views.event_tickets, name="event"),
    path("reservations/<uuid:token>/", views.hold_detail, name="hold"),
    path("reservations/<uuid:token>/release/", views.hold_release, name="release"),
    path("reservations/<uuid:token>/pay/", views.pay, name="pay"),
    path("reservations/<uuid:token>/done/", views.hold_done, name="done"),
    path("events/<id:event_id>/waitlist/", views.waitlist_join, name="waitlist_join"),
    path("waitlist/<uuid:token>/", views.waitlist_entry, name="waitlist"),
    path("check-in/<id:event_id>/", views.check_in_page, name="check_in"),
    path("my/<str:code>.pdf", account_views.ticket_pdf, name="pdf"),
    path("my/<str:code>/transfer/", account_views.ticket_transfer_page, name="transfer"),
]
