from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("", views.conversation_list_page, name="list"),
    path("<id:pk>/", views.conversation_page, name="conversation"),
    path("new/<id:user_id>/", views.conversation_new, name="new"),
    path("report/<id:message_id>/", views.message_report_view, name="report"),
    path("preferences/", views.messaging_preference_view, name="preferences"),
]
