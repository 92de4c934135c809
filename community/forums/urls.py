from django.urls import path

from . import views

app_name = "forums"
urlpatterns = [
    path("", views.forum_index, name="index"),
    path("search/", views.forum_search, name="search"),
    path("new/", views.topic_new, name="topic_new"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("t/<slug:slug>/", views.topic_detail, name="topic"),
    path("c/<slug:slug>/follow/", views.follow, {"kind": "category"}, name="category_follow"),
    path("t/<slug:slug>/follow/", views.follow, {"kind": "topic"}, name="topic_follow"),
    path("p/<id:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<id:pk>/history/", views.post_history, name="post_history"),
    path("p/<id:pk>/report/", views.post_report, name="post_report"),
]
