from rest_framework import serializers

from ..models import ForumBan, PostReport
from ..services import BAN_DAYS, MAX_BODY, POST_ACTIONS, TOPIC_ACTIONS


class AuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField(source="profile.display_name")
    handle = serializers.CharField(source="profile.handle", allow_null=True)


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField(help_text="In the request's language.")
    description = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    sort_order = serializers.IntegerField()
    topic_count = serializers.IntegerField()


class TopicSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    category = serializers.IntegerField(source="category_id")
    category_slug = serializers.CharField(source="category.slug")
    author = AuthorSerializer()
    language = serializers.CharField()
    status = serializers.CharField()
    is_pinned = serializers.BooleanField()
    is_locked = serializers.BooleanField()
    view_count = serializers.IntegerField()
    reply_count = serializers.IntegerField()
    last_activity_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class TopicCreateSerializer(serializers.Serializer):
    category = serializers.IntegerField(min_value=1, max_value=2**53)
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=MAX_BODY, help_text="Markdown; @handle mentions.")
    language = serializers.ChoiceField(choices=["es", "en"], required=False)


class PostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    topic = serializers.IntegerField(source="topic_id")
    author = AuthorSerializer()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    is_opening = serializers.BooleanField()
    body = serializers.CharField(help_text="The Markdown source.")
    body_html = serializers.CharField(help_text="Rendered and sanitised HTML.")
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    revision_count = serializers.IntegerField(required=False)


class PostCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, help_text="Markdown; @handle mentions.")
    parent = serializers.IntegerField(min_value=1, max_value=2**53, required=False, allow_null=True)


class PostEditSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY)
    title = serializers.CharField(
        max_length=200, required=False, help_text="Only for a topic's opening post."
    )


class RevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField(help_text="The text before this edit.")
    edited_by = serializers.IntegerField(source="edited_by_id", allow_null=True)
    created_at = serializers.DateTimeField()


class ReportCreateSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=PostReport.Reason.choices)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post = PostSerializer()
    reporter = AuthorSerializer()
    reason = serializers.CharField()
    note = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class PostModerateSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=POST_ACTIONS)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class TopicModerateSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=TOPIC_ACTIONS)
    category = serializers.IntegerField(min_value=1, max_value=2**53, required=False)


class BanCreateSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1, max_value=2**53)
    reason = serializers.CharField(max_length=500)
    days = serializers.ChoiceField(
        choices=BAN_DAYS, required=False, allow_null=True, help_text="Empty: until lifted."
    )


class BanSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForumBan
        fields = ["id", "user", "reason", "until", "created_by", "created_at", "lifted_at"]
