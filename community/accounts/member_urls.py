from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.member_directory, name="list"),
    path("<id:user_id>/", views.member_detail, name="detail"),
]
