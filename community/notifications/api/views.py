from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.filters import API_FILTER_BACKENDS

from ..models import Notification
from ..selectors import notification_unread_count, preference_matrix, settings_for
from ..services import notification_archive, notification_mark_read, preferences_update
from .serializers import (
    MarkedSerializer,
    MarkReadSerializer,
    NotificationSerializer,
    PreferencesSerializer,
    UnreadCountSerializer,
)


class NotificationFilter(filters.FilterSet):
    unread = filters.BooleanFilter(method="filter_unread")
    archived = filters.BooleanFilter(method="filter_archived")

    class Meta:
        model = Notification
        fields = ["unread", "archived"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value)

    def filter_archived(self, queryset, name, value):
        return queryset.filter(archived_at__isnull=not value)


class NotificationListView(generics.ListAPIView):
    """The signed-in member's notifications, newest first (archived ones with ?archived=true)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = NotificationSerializer
    filter_backends = API_FILTER_BACKENDS
    filterset_class = NotificationFilter
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Notification.objects.none()
        # archived filtering is the filterset's; start from every notification of the user
        return Notification.objects.filter(recipient=self.request.user)


class UnreadCountView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={200: UnreadCountSerializer}, operation_id="notifications_unread_count"
    )
    def get(self, request):
        return Response({"unread": notification_unread_count(user=request.user)})


class MarkReadView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=MarkReadSerializer,
        responses={200: MarkedSerializer},
        operation_id="notifications_mark_read",
    )
    def post(self, request):
        data = MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = notification_mark_read(
            user=request.user, notification_ids=data.validated_data.get("ids")
        )
        return Response({"marked": marked})


class ArchiveView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None, responses={200: NotificationSerializer}, operation_id="notifications_archive"
    )
    def post(self, request, pk: int):
        get_object_or_404(Notification, pk=pk, recipient=request.user)  # foreign → 404
        return Response(
            NotificationSerializer(notification_archive(user=request.user, notification_id=pk)).data
        )


class PreferencesView(APIView):
    """Which types reach the member on which channel, how often, and the master switches."""

    permission_classes = [permissions.IsAuthenticated]

    def _payload(self, user) -> dict:
        master = settings_for(user)
        return {
            "enabled": master.enabled,
            "email_enabled": master.email_enabled,
            "preferences": preference_matrix(user=user),
        }

    @extend_schema(
        responses={200: PreferencesSerializer}, operation_id="notification_preferences_retrieve"
    )
    def get(self, request):
        return Response(PreferencesSerializer(self._payload(request.user)).data)

    @extend_schema(
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer},
        operation_id="notification_preferences_update",
    )
    def patch(self, request):
        data = PreferencesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preferences_update(
            user=request.user,
            changes=[dict(p) for p in data.validated_data.get("preferences", [])],
            enabled=data.validated_data.get("enabled"),
            email_enabled=data.validated_data.get("email_enabled"),
        )
        return Response(PreferencesSerializer(self._payload(request.user)).data)
