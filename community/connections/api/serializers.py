from rest_framework import serializers


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField(source="profile.display_name")
    ai_interests = serializers.ListField(
        child=serializers.CharField(), source="profile.ai_interests"
    )


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
