from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.dashboard_home, name="dashboard"),
    path("profile/", views.dashboard_profile, name="profile"),
]
