from rest_framework import serializers


class MemberSerializer(serializers.Serializer):
    """Another member, as the caller may see them: hidden fields are absent, not blank."""

    id = serializers.IntegerField()
    display_name = serializers.CharField(source="profile.display_name")
    ai_interests = serializers.ListField(
        child=serializers.CharField(),
        source="profile.ai_interests",
        required=False,
        help_text="Absent when the member keeps their interests to themself.",
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.profile.is_public("ai_interests"):
            del data["ai_interests"]
        return data


class ConnectionRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    member = MemberSerializer(help_text="The other member.")


class RequestsSerializer(serializers.Serializer):
    incoming = ConnectionRequestSerializer(many=True)
    outgoing = ConnectionRequestSerializer(many=True)


class UserIdSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1, max_value=2**53)
