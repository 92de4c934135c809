from django.urls import path

from . import views

urlpatterns = [
    path("forums/categories/", views.CategoryListView.as_view(), name="forum-categories"),
    path(
        "forums/categories/<id:pk>/subscription/",
        views.CategorySubscriptionView.as_view(),
        name="forum-category-subscription",
    ),
    path("forums/topics/", views.TopicListView.as_view(), name="forum-topics"),
    path("forums/topics/<id:pk>/", views.TopicDetailView.as_view(), name="forum-topic"),
    path("forums/topics/<id:pk>/posts/", views.TopicPostsView.as_view(), name="forum-topic-posts"),
    path(
        "forums/topics/<id:pk>/subscription/",
        views.SubscriptionView.as_view(),
        name="forum-topic-subscription",
    ),
    path(
        "forums/topics/<id:pk>/moderate/",
        views.TopicModerateView.as_view(),
        name="forum-topic-moderate",
    ),
    path("forums/posts/<id:pk>/", views.PostDetailView.as_view(), name="forum-post"),
    path(
        "forums/posts/<id:pk>/revisions/",
        views.RevisionListView.as_view(),
        name="forum-post-revisions",
    ),
    path("forums/posts/<id:pk>/report/", views.PostReportView.as_view(), name="forum-post-report"),
    path(
        "forums/posts/<id:pk>/moderate/",
        views.PostModerateView.as_view(),
        name="forum-post-moderate",
    ),
    path("forums/reports/", views.ReportListView.as_view(), name="forum-reports"),
    path(
        "forums/reports/<id:pk>/dismiss/",
        views.ReportDismissView.as_view(),
        name="forum-report-dismiss",
    ),
    path("forums/bans/", views.BanListView.as_view(), name="forum-bans"),
    path("forums/bans/<id:pk>/lift/", views.BanLiftView.as_view(), name="forum-ban-lift"),
]
