from rest_framework import serializers

from ..services import MAX_BODY


class CommentAuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField(source="profile.display_name")
    handle = serializers.CharField(source="profile.handle", allow_null=True)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post = serializers.IntegerField(source="post_id")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    author = CommentAuthorSerializer()
    body_html = serializers.CharField(help_text="Rendered and sanitised HTML.")
    status = serializers.CharField(
        help_text="Always 'approved' in listings; 'pending' when created."
    )
    created_at = serializers.DateTimeField()


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, help_text="Plain text or Markdown.")
    parent = serializers.IntegerField(
        min_value=1,
        max_value=2**53,
        required=False,
        allow_null=True,
        help_text="An approved top-level comment of the same post, to reply to it.",
    )
