from django.urls import path

from . import registrations as views

urlpatterns = [
    path(
        "events/<id:event_id>/attendees/",
        views.AttendeeListView.as_view(),
        name="event-attendees",
    ),
    path(
        "events/<id:event_id>/attendees/message/",
        views.AttendeeMessageView.as_view(),
        name="event-attendees-message",
    ),
    path(
        "events/<id:event_id>/orders/<str:number>/resend/",
        views.OrderResendView.as_view(),
        name="event-order-resend",
    ),
]
