from django.urls import path

from . import views

app_name = "connections"
urlpatterns = [
    path("", views.connections_page, name="list"),
    path("request/<id:user_id>/", views.connection_request_view, name="request"),
    path("<id:pk>/<slug:action>/", views.connection_action, name="action"),
]
