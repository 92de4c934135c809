"""/auth/…: the PRD's URL names (login, register, reset-password) for allauth's views, then
the rest of allauth (logout, email confirmation, login by code, social providers).

Ours come after allauth's and carry the same URL names: Django reverses a name to the last
pattern that has it, so reverse("account_signup") and the links in allauth's templates and
emails lead to /auth/register/ (allauth's own paths keep working as aliases)."""

from allauth.account import views as account_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("allauth.urls")),
    path("", RedirectView.as_view(pattern_name="account_login"), name="auth"),
    path("login/", account_views.login, name="account_login"),
    path("register/", account_views.signup, name="account_signup"),
    path("reset-password/", account_views.password_reset, name="account_reset_password"),
    path(
        "reset-password/done/",
        account_views.password_reset_done,
        name="account_reset_password_done",
    ),
    path(
        "reset-password/complete/",
        account_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        r"^reset-password/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
]
