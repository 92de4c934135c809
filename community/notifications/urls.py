from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("", views.notification_inbox, name="list"),
    path("read/", views.notification_read, name="read"),
    path("<id:pk>/archive/", views.notification_archive_view, name="archive"),
]
