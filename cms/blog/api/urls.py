from django.urls import path

from . import views

urlpatterns = [
    path(
        "blog/posts/<id:pk>/comments/",
        views.PostCommentsView.as_view(),
        name="blog-post-comments",
    ),
]
