from django.urls import path

from . import views

app_name = "events_dashboard"
urlpatterns = [
    path("", views.my_events, name="events"),
    path("submissions/", views.submissions, name="submissions"),
    path("submissions/new/", views.submission_new, name="submission_new"),
    path("submissions/<id:pk>/", views.submission_detail, name="submission"),
    path("submissions/<id:pk>/submit/", views.submission_submit, name="submit"),
    path("submissions/<id:pk>/withdraw/", views.submission_withdraw, name="withdraw"),
    path("submissions/<id:pk>/<slug:step>/", views.submission_step, name="step"),
    path("venues/new/", views.venue_propose, name="venue_propose"),
]
