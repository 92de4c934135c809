from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import MAX_BODY, MAX_NOTE, Message, MessageReport, MessagingPreference
from ..rendering import message_html


class ConversationMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField(source="profile.display_name")
    avatar_url = serializers.SerializerMethodField()

    def get_avatar_url(self, user) -> str | None:
        return user.profile.avatar.url if user.profile.avatar else None


class MessageSerializer(serializers.ModelSerializer):
    body = serializers.SerializerMethodField(help_text="Plain text; empty when removed.")
    body_html = serializers.SerializerMethodField(
        help_text="The body as safe HTML: escaped, web addresses linked, line breaks as <br>."
    )
    mine = serializers.SerializerMethodField(help_text="Sent by the caller.")
    removed = serializers.SerializerMethodField(help_text="Removed by a moderator.")

    class Meta:
        model = Message
        fields = [
            "id",
            "conversation",
            "sender",
            "body",
            "body_html",
            "created_at",
            "read_at",
            "mine",
            "removed",
        ]
        read_only_fields = fields

    def get_body(self, message) -> str:
        return "" if message.removed_at else message.body

    def get_body_html(self, message) -> str:
        return "" if message.removed_at else str(message_html(message.body))

    def get_mine(self, message) -> bool:
        return message.sender_id == self.context["request"].user.pk

    def get_removed(self, message) -> bool:
        return message.removed_at is not None


class LastMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sender = serializers.IntegerField()
    body = serializers.CharField(help_text="Plain text; empty when removed.")
    read_at = serializers.DateTimeField(allow_null=True)
    removed = serializers.BooleanField()


class ConversationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.SerializerMethodField(help_text="The other member.")
    last_message_at = serializers.DateTimeField()
    last_message = serializers.SerializerMethodField()
    unread = serializers.IntegerField(help_text="Messages to you not seen yet.")

    @extend_schema_field(ConversationMemberSerializer)
    def get_member(self, conversation) -> dict:
        return ConversationMemberSerializer(conversation.other(self.context["request"].user)).data

    @extend_schema_field(LastMessageSerializer)
    def get_last_message(self, conversation) -> dict:
        removed = conversation.last_removed_at is not None
        return {
            "id": conversation.last_id,
            "sender": conversation.last_sender_id,
            "body": "" if removed else conversation.last_body,
            "read_at": conversation.last_read_at,
            "removed": removed,
        }


class ConversationStartSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1, max_value=2**53)
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=False, allow_blank=True)


class MessageSendSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, trim_whitespace=False, allow_blank=True)


class MessagesMarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="Messages newly marked seen.")


class MessagesUnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MessageReportCreateSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=MessageReport.Reason.choices)
    note = serializers.CharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="")


class MessageReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = MessageReport
        fields = ["id", "message", "reason", "note", "status", "created_at"]
        read_only_fields = fields


class ReportedMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    conversation = serializers.IntegerField(source="conversation_id")
    sender = ConversationMemberSerializer()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    removed = serializers.SerializerMethodField()

    def get_removed(self, message) -> bool:
        return message.removed_at is not None


class MessageReportDetailSerializer(serializers.ModelSerializer):
    message = ReportedMessageSerializer()
    reporter = ConversationMemberSerializer()
    resolved_by = serializers.IntegerField(source="resolved_by_id", allow_null=True)

    class Meta:
        model = MessageReport
        fields = [
            "id",
            "message",
            "reporter",
            "reason",
            "note",
            "status",
            "created_at",
            "resolved_by",
            "resolved_at",
        ]
        read_only_fields = fields


class MessageReportResolveSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[("resolve", "resolve"), ("dismiss", "dismiss")],
        help_text="resolve: remove the message; dismiss: keep it.",
    )


class MessagingPreferenceSerializer(serializers.Serializer):
    messages_from = serializers.ChoiceField(
        choices=MessagingPreference.From.choices,
        help_text="Who may start a conversation with you: connections (default) or members.",
    )
