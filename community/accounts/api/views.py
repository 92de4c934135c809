from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.filters import API_FILTER_BACKENDS

from ..directory import directory_search, member_visible_to, public_portfolio, public_profile
from ..history import member_history
from ..models import PortfolioItem, Profile, RoleChange
from ..onboarding import onboarding_status
from ..roles import Role
from ..selectors import portfolio_item_of, portfolio_list, role_change_list, user_get_role
from ..services import (
    onboarding_complete,
    portfolio_item_create,
    portfolio_item_delete,
    portfolio_item_update,
    portfolio_reorder,
    profile_ensure,
    profile_set_avatar,
    profile_update,
    user_set_role,
)
from .serializers import (
    AvatarUploadSerializer,
    MemberDetailSerializer,
    MeSerializer,
    OnboardingStatusSerializer,
    PortfolioItemInputSerializer,
    PortfolioItemSerializer,
    PortfolioOrderSerializer,
    ProfileUpdateSerializer,
    PublicProfileSerializer,
    RoleAssignSerializer,
    RoleChangeSerializer,
    RoleUnchangedSerializer,
)


class CanChangeRoles(permissions.BasePermission):
    message = "Only administrators can change roles."

    def has_permission(self, request, view):
        return request.user.has_perm("accounts.add_rolechange")


def _me_payload(user) -> dict:
    user.profile = profile_ensure(user=user)
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user_get_role(user),
        "profile": user.profile,
    }


class MeView(APIView):
    """The signed-in user's account, role and profile."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: MeSerializer}, operation_id="me_retrieve")
    def get(self, request, *args, **kwargs):
        return Response(MeSerializer(_me_payload(request.user), context={"request": request}).data)

    @extend_schema(
        request=ProfileUpdateSerializer,
        responses={200: MeSerializer},
        operation_id="me_update",
    )
    def patch(self, request, *args, **kwargs):
        data = ProfileUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile = profile_ensure(user=request.user)
        profile_update(profile=profile, actor=request.user, data=dict(data.validated_data))
        return Response(MeSerializer(_me_payload(request.user), context={"request": request}).data)


class RoleChangeFilter(filters.FilterSet):
    # bounded: a huge number would overflow the database integer (a 500, not a 400)
    user = filters.NumberFilter(field_name="user_id", min_value=1, max_value=2**53)
    new_role = filters.ChoiceFilter(choices=Role.choices)

    class Meta:
        model = RoleChange
        fields = ["user", "new_role"]


class RoleChangeListView(generics.ListAPIView):
    """History of role changes, newest first (administrators only)."""

    permission_classes = [permissions.IsAuthenticated, CanChangeRoles]
    serializer_class = RoleChangeSerializer
    filter_backends = API_FILTER_BACKENDS
    filterset_class = RoleChangeFilter
    ordering_fields = ["changed_at"]

    def get_queryset(self):
        return role_change_list()


class UserRoleView(APIView):
    """Give a user a role (administrators only). Every change is recorded."""

    permission_classes = [permissions.IsAuthenticated, CanChangeRoles]

    @extend_schema(
        request=RoleAssignSerializer,
        responses={
            201: RoleChangeSerializer,
            200: OpenApiResponse(
                RoleUnchangedSerializer, description="The user already had that role."
            ),
        },
        operation_id="users_role_update",
    )
    def put(self, request, user_id: int, *args, **kwargs):
        user = get_object_or_404(get_user_model(), pk=user_id)
        data = RoleAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        change = user_set_role(
            user=user,
            role=data.validated_data["role"],
            actor=request.user,
            reason=data.validated_data["reason"],
        )
        if change is None:
            return Response({"changed": False, "role": data.validated_data["role"]})
        return Response(RoleChangeSerializer(change).data, status=status.HTTP_201_CREATED)


class DirectoryFilter(filters.FilterSet):
    q = filters.CharFilter(method="noop", max_length=100, help_text="Name or organization.")
    interest = filters.CharFilter(method="noop", max_length=50)
    skill = filters.CharFilter(method="noop", max_length=50)
    experience_level = filters.ChoiceFilter(method="noop", choices=Profile.ExperienceLevel.choices)
    profile_type = filters.ChoiceFilter(method="noop", choices=Profile.ProfileType.choices)

    class Meta:
        model = Profile
        fields = ["q", "interest", "skill", "experience_level", "profile_type"]

    def noop(self, queryset, name, value):
        return queryset  # validated here; applied by directory_search, which knows privacy

    def filter_queryset(self, queryset):
        data = {k: v for k, v in self.form.cleaned_data.items() if v}
        query = data.pop("q", "")
        return directory_search(viewer=self.request.user, query=query, **data)


@extend_schema_view(get=extend_schema(operation_id="members_list"))
class MemberListView(generics.ListAPIView):
    """The member directory (signed-in members only), respecting each member's privacy.
    Ordered by name unless `ordering` says otherwise."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PublicProfileSerializer
    filter_backends = API_FILTER_BACKENDS
    filterset_class = DirectoryFilter
    # only what every viewer sees: a field a member can hide must not order the list
    ordering_fields = {
        "name": ("user__first_name", "user__last_name", "pk"),
        "joined": ("user__date_joined", "pk"),
    }

    def get_queryset(self):
        return Profile.objects.none()  # the filterset builds the real queryset

    def list(self, request, *args, **kwargs):
        profiles = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(profiles)
        data = [public_profile(profile, viewer=request.user) for profile in page]
        return self.get_paginated_response(PublicProfileSerializer(data, many=True).data)


class MemberDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: MemberDetailSerializer}, operation_id="members_retrieve")
    def get(self, request, user_id: int):
        from community.connections import selectors as connection_selectors

        profile = member_visible_to(viewer=request.user, user_id=user_id)
        if profile is None:
            raise Http404
        connection = connection_selectors.connection_between(request.user, profile.user)
        data = {
            **public_profile(profile, viewer=request.user),
            "connection_status": connection.status if connection else None,
            "mutual_connections": connection_selectors.mutual_count(request.user, profile.user),
            "history": member_history(user=profile.user, viewer=request.user, profile=profile),
        }
        portfolio = public_portfolio(profile, viewer=request.user)
        if portfolio is not None:
            data["portfolio"] = portfolio
        return Response(MemberDetailSerializer(data).data)


class AvatarView(APIView):
    """Upload (multipart, field `avatar`) or remove the signed-in member's avatar."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": AvatarUploadSerializer},
        responses={200: MeSerializer},
        operation_id="me_avatar_update",
    )
    def put(self, request, *args, **kwargs):
        data = AvatarUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = profile_ensure(user=request.user)
        profile_set_avatar(profile=profile, upload=data.validated_data["avatar"])
        return Response(MeSerializer(_me_payload(request.user), context={"request": request}).data)

    @extend_schema(responses={200: MeSerializer}, operation_id="me_avatar_delete")
    def delete(self, request, *args, **kwargs):
        profile_set_avatar(profile=profile_ensure(user=request.user), upload=None)
        return Response(MeSerializer(_me_payload(request.user), context={"request": request}).data)


class PortfolioListView(generics.ListAPIView):
    """The signed-in member's portfolio, in their order; POST adds a work at the end."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = PortfolioItemSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return PortfolioItem.objects.none()
        return portfolio_list(profile=profile_ensure(user=self.request.user))

    @extend_schema(
        request=PortfolioItemInputSerializer,
        responses={201: PortfolioItemSerializer},
        operation_id="me_portfolio_create",
    )
    def post(self, request):
        data = PortfolioItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = portfolio_item_create(
            profile=profile_ensure(user=request.user),
            actor=request.user,
            data=dict(data.validated_data),
        )
        return Response(PortfolioItemSerializer(item).data, status=status.HTTP_201_CREATED)


class PortfolioItemView(APIView):
    """Change or remove one of your works (anyone else's: 404)."""

    permission_classes = [permissions.IsAuthenticated]

    def _item(self, request, pk: int) -> PortfolioItem:
        item = portfolio_item_of(user=request.user, pk=pk)
        if item is None:
            raise Http404
        return item

    @extend_schema(
        request=PortfolioItemInputSerializer,
        responses={200: PortfolioItemSerializer},
        operation_id="me_portfolio_update",
    )
    def patch(self, request, pk: int):
        item = self._item(request, pk)
        data = PortfolioItemInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        portfolio_item_update(item=item, actor=request.user, data=dict(data.validated_data))
        return Response(PortfolioItemSerializer(item).data)

    @extend_schema(
        responses={204: OpenApiResponse(description="Removed.")},
        operation_id="me_portfolio_delete",
    )
    def delete(self, request, pk: int):
        portfolio_item_delete(item=self._item(request, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PortfolioOrderView(APIView):
    """Reorder your portfolio: `{"ids": [...]}` names every item once, in the new order."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=PortfolioOrderSerializer,
        responses={200: PortfolioItemSerializer(many=True)},
        operation_id="me_portfolio_reorder",
    )
    def post(self, request):
        data = PortfolioOrderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        items = portfolio_reorder(
            profile=profile_ensure(user=request.user),
            actor=request.user,
            item_ids=data.validated_data["ids"],
        )
        return Response(PortfolioItemSerializer(items, many=True).data)


class OnboardingView(APIView):
    """Onboarding steps, which are done and what is missing, and the profile's completeness.
    Fill the fields in with PATCH /api/v1/me/ (and notification preferences), then finish
    with POST /api/v1/me/onboarding/complete/."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: OnboardingStatusSerializer}, operation_id="me_onboarding")
    def get(self, request):
        progress = onboarding_status(profile_ensure(user=request.user))
        return Response(OnboardingStatusSerializer(progress).data)


class OnboardingCompleteView(APIView):
    """Finish onboarding (sets signup_completed). 400 `onboarding_incomplete` with `fields`
    naming each required field still empty. Finishing again changes nothing."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: OnboardingStatusSerializer},
        operation_id="me_onboarding_complete",
    )
    def post(self, request):
        profile = onboarding_complete(profile=profile_ensure(user=request.user), actor=request.user)
        return Response(OnboardingStatusSerializer(onboarding_status(profile)).data)
