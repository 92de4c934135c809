from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path(
        "notifications/unread-count/",
        views.UnreadCountView.as_view(),
        name="notifications-unread-count",
    ),
    path("notifications/read/", views.MarkReadView.as_view(), name="notifications-read"),
    path(
        "notifications/<id:pk>/archive/", views.ArchiveView.as_view(), name="notifications-archive"
    ),
    path(
        "notification-preferences/",
        views.PreferencesView.as_view(),
        name="notification-preferences",
    ),
]
