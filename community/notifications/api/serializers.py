from rest_framework import serializers

from ..models import CHANNEL_CHOICES, FREQUENCY_CHOICES, Notification
from ..registry import type_choices


class NotificationSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="type_code")
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "type",
            "title",
            "body",
            "url",
            "created_at",
            "read_at",
            "archived_at",
            "unread",
        ]
        read_only_fields = fields

    def get_unread(self, obj) -> bool:
        return obj.read_at is None


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53), required=False,
        max_length=500, help_text="Omit to mark every unread notification read.",
    )  # fmt: skip


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class PreferenceSerializer(serializers.Serializer):
    type = serializers.CharField(max_length=80, help_text="A notification type code.")
    label = serializers.CharField(read_only=True)
    channel = serializers.ChoiceField(choices=CHANNEL_CHOICES)
    enabled = serializers.BooleanField()
    frequency = serializers.ChoiceField(choices=FREQUENCY_CHOICES, required=False)
    mandatory = serializers.BooleanField(read_only=True)

    def validate_type(self, value: str) -> str:
        if value not in dict(type_choices()):
            raise serializers.ValidationError(f"Unknown notification type “{value}”.")
        return value


class PreferencesSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(required=False, help_text="Master switch.")
    email_enabled = serializers.BooleanField(required=False)
    preferences = PreferenceSerializer(many=True, required=False, max_length=200)
