from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.dashboard_home, name="dashboard"),
    path("profile/", views.dashboard_profile, name="profile"),
    path("profile/portfolio/", views.portfolio_add, name="portfolio_add"),
    path("profile/portfolio/<id:pk>/", views.portfolio_edit, name="portfolio_edit"),
    path("profile/portfolio/<id:pk>/delete/", views.portfolio_delete, name="portfolio_delete"),
    path("profile/portfolio/<id:pk>/move/", views.portfolio_move, name="portfolio_move"),
    path("welcome/", views.onboarding_start, name="welcome"),
    path("welcome/<slug:step>/", views.onboarding_step, name="welcome_step"),
]
