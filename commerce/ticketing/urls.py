from django.urls import path

from . import views

app_name = "ticketing"
urlpatterns = [
    path("events/<id:event_id>/", views.event_tickets, name="event"),
    path("reservations/<uuid:token>/", views.hold_detail, name="hold"),
    path("reservations/<uuid:token>/release/", views.hold_release, name="release"),
    path("reservations/<uuid:token>/done/", views.hold_done, name="done"),
    path("check-in/<id:event_id>/", views.check_in_page, name="check_in"),
]
