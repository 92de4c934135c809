from django.urls import path

from . import views

urlpatterns = [
    path("conversations/", views.ConversationListView.as_view(), name="conversations"),
    path(
        "conversations/<id:pk>/messages/",
        views.MessageListView.as_view(),
        name="conversation-messages",
    ),
    path("conversations/<id:pk>/read/", views.MarkReadView.as_view(), name="conversation-read"),
    path("messages/unread-count/", views.UnreadCountView.as_view(), name="messages-unread-count"),
    path("messages/<id:pk>/report/", views.ReportView.as_view(), name="message-report"),
    path("message-reports/", views.ModerationReportListView.as_view(), name="message-reports"),
    path(
        "message-reports/<id:pk>/resolve/",
        views.ResolveView.as_view(),
        name="message-report-resolve",
    ),
    path("messaging-preferences/", views.PreferenceView.as_view(), name="messaging-preferences"),
]
