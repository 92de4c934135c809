from django.urls import path

from . import views

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("me/avatar/", views.AvatarView.as_view(), name="me-avatar"),
    path("me/portfolio/", views.PortfolioListView.as_view(), name="me-portfolio"),
    path("me/portfolio/order/", views.PortfolioOrderView.as_view(), name="me-portfolio-order"),
    path("me/portfolio/<id:pk>/", views.PortfolioItemView.as_view(), name="me-portfolio-item"),
    path("me/onboarding/", views.OnboardingView.as_view(), name="me-onboarding"),
    path(
        "me/onboarding/complete/",
        views.OnboardingCompleteView.as_view(),
        name="me-onboarding-complete",
    ),
    path("role-changes/", views.RoleChangeListView.as_view(), name="role-changes"),
    path("users/<id:user_id>/role/", views.UserRoleView.as_view(), name="user-role"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("members/<id:user_id>/", views.MemberDetailView.as_view(), name="member"),
]
