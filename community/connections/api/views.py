from django.contrib.auth import get_user_model
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.filters import API_FILTER_BACKENDS

from .. import selectors, services
from ..models import Connection
from .serializers import (
    ConnectionRequestSerializer,
    MemberSerializer,
    RequestsSerializer,
    UserIdSerializer,
)


def _as_request(connection: Connection, viewer) -> dict:
    """A connection as the viewer sees it: its state and the other member."""
    other_id = connection.other(viewer.pk)
    # uses what the selectors loaded: the requester for incoming, the pair for outgoing
    if connection.requester_id == other_id:
        other = connection.requester
    elif connection.user_low_id == other_id:
        other = connection.user_low
    else:
        other = connection.user_high
    return {
        "id": connection.pk,
        "status": connection.status,
        "created_at": connection.created_at,
        "member": other,
    }


def _member(user_id: int, viewer):
    other = selectors.member_reachable(viewer, user_id)
    if other is None:
        raise Http404
    return other


class ConnectionListView(generics.ListAPIView):
    """The signed-in member's connections, by name."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = MemberSerializer
    filter_backends = API_FILTER_BACKENDS
    # only what every viewer sees: a field a member can hide must not order the list
    ordering_fields = {"name": ("first_name", "last_name", "pk")}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return get_user_model().objects.none()
        return selectors.connection_list(self.request.user)

    @extend_schema(
        request=UserIdSerializer,
        responses={201: ConnectionRequestSerializer},
        operation_id="connections_request",
        description="Ask a member to connect; asking someone who asked you accepts.",
    )
    def post(self, request):
        data = UserIdSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        other = _member(data.validated_data["user_id"], request.user)
        connection = services.connection_request(sender=request.user, recipient=other)
        return Response(
            ConnectionRequestSerializer(_as_request(connection, request.user)).data, status=201
        )


class RequestsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: RequestsSerializer}, operation_id="connections_requests")
    def get(self, request):
        user = request.user
        payload = {
            "incoming": [_as_request(c, user) for c in selectors.requests_incoming(user)],
            "outgoing": [_as_request(c, user) for c in selectors.requests_outgoing(user)],
        }
        return Response(RequestsSerializer(payload).data)


class SuggestionsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={200: MemberSerializer(many=True)}, operation_id="connections_suggestions"
    )
    def get(self, request):
        return Response(
            MemberSerializer(selectors.people_you_may_know(request.user), many=True).data
        )


class _ConnectionAction(APIView):
    permission_classes = [permissions.IsAuthenticated]
    action_name = ""

    def run(self, user, pk):
        raise NotImplementedError

    def post(self, request, pk: int):
        try:
            connection = self.run(request.user, pk)
        except Connection.DoesNotExist as exc:
            raise Http404 from exc
        return Response(ConnectionRequestSerializer(_as_request(connection, request.user)).data)


class AcceptView(_ConnectionAction):
    @extend_schema(
        request=None,
        responses={200: ConnectionRequestSerializer},
        operation_id="connections_accept",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)

    def run(self, user, pk):
        return services.connection_accept(user=user, connection_id=pk)


class DeclineView(_ConnectionAction):
    @extend_schema(
        request=None,
        responses={200: ConnectionRequestSerializer},
        operation_id="connections_decline",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)

    def run(self, user, pk):
        return services.connection_decline(user=user, connection_id=pk)


class ConnectionDeleteView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={204: OpenApiResponse(description="Withdrawn or removed.")},
        operation_id="connections_delete",
    )
    def delete(self, request, pk: int):
        try:
            services.connection_delete(user=request.user, connection_id=pk)
        except Connection.DoesNotExist as exc:
            raise Http404 from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


class BlockView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=UserIdSerializer,
        responses={204: OpenApiResponse(description="Blocked.")},
        operation_id="blocks_create",
    )
    def post(self, request):
        data = UserIdSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        other = get_user_model().objects.filter(pk=data.validated_data["user_id"]).first()
        if other is None:
            raise Http404
        services.user_block(user=request.user, other=other)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnblockView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={204: OpenApiResponse(description="Unblocked.")}, operation_id="blocks_delete"
    )
    def delete(self, request, user_id: int):
        other = get_user_model().objects.filter(pk=user_id).first()
        if other is None:
            raise Http404
        services.user_unblock(user=request.user, other=other)
        return Response(status=status.HTTP_204_NO_CONTENT)
