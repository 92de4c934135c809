from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import RoleChange
from ..roles import Role
from ..selectors import role_change_list, user_get_role
from ..services import profile_ensure, profile_update, user_set_role
from .serializers import (
    MeSerializer,
    ProfileUpdateSerializer,
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
    user = filters.NumberFilter(field_name="user_id")
    new_role = filters.ChoiceFilter(choices=Role.choices)

    class Meta:
        model = RoleChange
        fields = ["user", "new_role"]


class RoleChangeListView(generics.ListAPIView):
    """History of role changes, newest first (administrators only)."""

    permission_classes = [permissions.IsAuthenticated, CanChangeRoles]
    serializer_class = RoleChangeSerializer
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
