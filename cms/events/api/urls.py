from django.urls import path

from . import views

urlpatterns = [
    path("events/submissions/", views.SubmissionListView.as_view(), name="event-submissions"),
    path(
        "events/submissions/<id:pk>/",
        views.SubmissionDetailView.as_view(),
        name="event-submission",
    ),
    path(
        "events/submissions/<id:pk>/submit/",
        views.SubmissionSubmitView.as_view(),
        name="event-submission-submit",
    ),
    path(
        "events/submissions/<id:pk>/withdraw/",
        views.SubmissionWithdrawView.as_view(),
        name="event-submission-withdraw",
    ),
    path(
        "events/submissions/<id:pk>/image/",
        views.SubmissionImageView.as_view(),
        name="event-submission-image",
    ),
    path("events/venues/", views.VenueListView.as_view(), name="event-venues"),
    path(
        "events/venues/<id:pk>/approve/",
        views.VenueApproveView.as_view(),
        name="event-venue-approve",
    ),
    path("events/mine/", views.MyEventListView.as_view(), name="events-mine"),
]
