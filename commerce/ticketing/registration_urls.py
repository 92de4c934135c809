from django.urls import path

from . import registration_views as views

app_name = "ticketing_registrations"
urlpatterns = [
    path("", views.events, name="events"),
    path("<id:event_id>/", views.event, name="event"),
    path("<id:event_id>/export/", views.export, name="export"),
    path("<id:event_id>/message/", views.message, name="message"),
    path("<id:event_id>/orders/<str:number>/resend/", views.resend, name="resend"),
]
