"""Direct messages API: conversations, their messages (with ?after= for polling), read
receipts, the unread count, reports, the moderators' queue, and the messaging choice.

A conversation or message the caller does not take part in is a 404, for moderators and
admins too: moderators see a message only when someone reports it."""

from django.http import Http404
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from community.connections.selectors import member_reachable
from config.api.filters import API_FILTER_BACKENDS, params_of

from .. import selectors, services
from ..models import Conversation, Message, MessageReport
from .serializers import (
    ConversationSerializer,
    ConversationStartSerializer,
    MessageReportCreateSerializer,
    MessageReportDetailSerializer,
    MessageReportResolveSerializer,
    MessageReportSerializer,
    MessageSendSerializer,
    MessageSerializer,
    MessagesMarkedSerializer,
    MessagesUnreadCountSerializer,
    MessagingPreferenceSerializer,
)


class IsModerator(permissions.BasePermission):
    message = "Only moderators can see and handle message reports."

    def has_permission(self, request, view):
        return request.user.has_perm(services.MODERATE_PERMISSION)


def _conversation(request, pk: int) -> Conversation:
    conversation = selectors.conversation_for(request.user, pk)
    if conversation is None:
        raise Http404
    return conversation


def _created(message: Message, request) -> Response:
    return Response(
        MessageSerializer(message, context={"request": request}).data,
        status=status.HTTP_201_CREATED,
    )


class ConversationListView(generics.ListAPIView):
    """The caller's conversations, latest activity first, with the other member, the last
    message and the number of unread messages. Conversations across a block are hidden."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ConversationSerializer
    filter_backends = API_FILTER_BACKENDS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Conversation.objects.none()
        return selectors.conversation_list(self.request.user)

    @extend_schema(
        request=ConversationStartSerializer,
        responses={201: MessageSerializer},
        operation_id="conversations_start",
        description=(
            "Send a message to a member, starting the conversation if there is none. "
            "Allowed between connections, or to anyone whose choice is `members`, or to "
            "someone who wrote to you. Over the anti-spam limits: 429 with Retry-After."
        ),
    )
    def post(self, request):
        data = ConversationStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        other = member_reachable(request.user, data.validated_data["user_id"])
        if other is None:
            raise Http404
        message = services.message_send(
            sender=request.user, recipient=other, body=data.validated_data["body"]
        )
        return _created(message, request)


class AfterSerializer(serializers.Serializer):
    after = serializers.IntegerField(min_value=0, max_value=2**63 - 1, required=False)


class MessageListView(generics.ListAPIView):
    """Messages of one of the caller's conversations, newest first. With `?after=<id>`
    only newer messages: what a page polls for."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = MessageSerializer
    filter_backends = API_FILTER_BACKENDS
    filter_params = params_of(AfterSerializer)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Message.objects.none()
        query = AfterSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        conversation = _conversation(self.request, self.kwargs["pk"])
        return selectors.conversation_messages(
            self.request.user, conversation, after_id=query.validated_data.get("after")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "after",
                OpenApiTypes.INT,
                description="Only messages with a larger id (newer) than this one.",
            )
        ],
        operation_id="conversations_messages_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=MessageSendSerializer,
        responses={201: MessageSerializer},
        operation_id="conversations_messages_create",
        description="Reply in the conversation. Over the anti-spam limits: 429.",
    )
    def post(self, request, pk: int):
        conversation = _conversation(request, pk)
        data = MessageSendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.message_send(
            sender=request.user,
            recipient=conversation.other(request.user),
            body=data.validated_data["body"],
        )
        return _created(message, request)


class MarkReadView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: MessagesMarkedSerializer},
        operation_id="conversations_read",
        description="Mark the other member's messages seen (they see the read receipt).",
    )
    def post(self, request, pk: int):
        conversation = _conversation(request, pk)
        marked = services.conversation_mark_read(user=request.user, conversation=conversation)
        return Response({"marked": marked})


class UnreadCountView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={200: MessagesUnreadCountSerializer}, operation_id="messages_unread_count"
    )
    def get(self, request):
        return Response({"unread": selectors.unread_message_count(request.user)})


class ReportView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=MessageReportCreateSerializer,
        responses={201: MessageReportSerializer},
        operation_id="messages_report",
        description="Report a message you received; once per message (409 after).",
    )
    def post(self, request, pk: int):
        message = selectors.message_for(request.user, pk)
        if message is None:
            raise Http404
        data = MessageReportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.message_report(
            reporter=request.user, message=message, **data.validated_data
        )
        return Response(MessageReportSerializer(report).data, status=status.HTTP_201_CREATED)


class ReportFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=MessageReport.Status.choices)

    class Meta:
        model = MessageReport
        fields = ["status"]


class ModerationReportListView(generics.ListAPIView):
    """Message reports, newest first (moderators and admins); `?status=open` is the queue."""

    permission_classes = [permissions.IsAuthenticated, IsModerator]
    serializer_class = MessageReportDetailSerializer
    filter_backends = API_FILTER_BACKENDS
    filterset_class = ReportFilter

    def get_queryset(self):
        return selectors.report_list(status=None)


class ResolveView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsModerator]

    @extend_schema(
        request=MessageReportResolveSerializer,
        responses={200: MessageReportDetailSerializer},
        operation_id="message_reports_resolve",
        description="Resolve (remove the message) or dismiss (keep it) an open report.",
    )
    def post(self, request, pk: int):
        report = selectors.report_list(status=None).filter(pk=pk).first()
        if report is None:
            raise Http404
        data = MessageReportResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_resolve(
            moderator=request.user, report=report, action=data.validated_data["action"]
        )
        return Response(MessageReportDetailSerializer(report).data)


class PreferenceView(APIView):
    """Who may start a conversation with the caller."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={200: MessagingPreferenceSerializer}, operation_id="messaging_preferences"
    )
    def get(self, request):
        return Response({"messages_from": selectors.messages_from(request.user)})

    @extend_schema(
        request=MessagingPreferenceSerializer,
        responses={200: MessagingPreferenceSerializer},
        operation_id="messaging_preferences_update",
    )
    def patch(self, request):
        data = MessagingPreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.messaging_preference_set(
            user=request.user, messages_from=data.validated_data["messages_from"]
        )
        return Response({"messages_from": selectors.messages_from(request.user)})
