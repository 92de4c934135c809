from rest_framework import serializers

from ..models import MAX_PORTFOLIO_ITEMS, PortfolioItem, Profile, RoleChange
from ..roles import Role
from ..validators import (
    CONTACT_CHANNELS,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    PRIVATE_CAPABLE_FIELDS,
    normalize_phone_number,
)


class ProfileSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    avatar = serializers.ImageField(read_only=True)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "handle",
            "profile_type",
            "organization_name",
            "avatar",
            "bio",
            "location",
            "ai_interests",
            "skills",
            "contact_preferences",
            "phone_number",
            "experience_level",
            "linkedin_url",
            "preferred_language",
            "signup_completed",
            "signup_completed_at",
            "directory_visible",
            "private_fields",
        ]
        read_only_fields = ["signup_completed", "signup_completed_at"]


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    first_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True, allow_null=True)
    profile = ProfileSerializer(read_only=True)


class ContactPreferencesSerializer(serializers.Serializer):
    email = serializers.BooleanField(required=False)
    phone = serializers.BooleanField(required=False)
    whatsapp = serializers.BooleanField(required=False)


class ProfileUpdateSerializer(serializers.Serializer):
    """Input for PATCH /me/: only the fields given are changed."""

    first_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    handle = serializers.CharField(max_length=30, required=False, allow_blank=True)
    profile_type = serializers.ChoiceField(choices=Profile.ProfileType.choices, required=False)
    organization_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    location = serializers.CharField(max_length=100, required=False, allow_blank=True)
    ai_interests = serializers.ListField(
        child=serializers.CharField(max_length=MAX_TAG_LENGTH), max_length=MAX_TAGS, required=False
    )
    skills = serializers.ListField(
        child=serializers.CharField(max_length=MAX_TAG_LENGTH), max_length=MAX_TAGS, required=False
    )
    contact_preferences = ContactPreferencesSerializer(required=False)
    phone_number = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        help_text="Mobile number in international format (+57…), for WhatsApp; never shown.",
    )
    experience_level = serializers.ChoiceField(
        choices=Profile.ExperienceLevel.choices, required=False, allow_blank=True
    )
    linkedin_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(
        choices=[("es", "Español"), ("en", "English")], required=False
    )
    directory_visible = serializers.BooleanField(required=False)
    private_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=PRIVATE_CAPABLE_FIELDS), required=False, max_length=10
    )

    def validate_contact_preferences(self, value):
        return {key: value[key] for key in CONTACT_CHANNELS if key in value}

    def validate_phone_number(self, value):
        return normalize_phone_number(value)


class RoleChangeSerializer(serializers.ModelSerializer):
    user = serializers.EmailField(source="user.email", read_only=True)
    user_id = serializers.IntegerField(read_only=True)
    changed_by = serializers.EmailField(source="changed_by.email", read_only=True, allow_null=True)

    class Meta:
        model = RoleChange
        fields = [
            "id",
            "user_id",
            "user",
            "changed_by",
            "old_role",
            "new_role",
            "reason",
            "changed_at",
        ]


class RoleAssignSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RoleUnchangedSerializer(serializers.Serializer):
    changed = serializers.BooleanField()
    role = serializers.ChoiceField(choices=Role.choices)


class PublicProfileSerializer(serializers.Serializer):
    """A member as another member sees them: hidden fields are absent."""

    id = serializers.IntegerField()
    display_name = serializers.CharField()
    handle = serializers.CharField(allow_null=True)
    profile_type = serializers.ChoiceField(choices=Profile.ProfileType.choices)
    organization_name = serializers.CharField(allow_blank=True)
    avatar_url = serializers.CharField(allow_null=True)
    bio = serializers.CharField(required=False)
    location = serializers.CharField(required=False, allow_blank=True)
    ai_interests = serializers.ListField(child=serializers.CharField(), required=False)
    skills = serializers.ListField(child=serializers.CharField(), required=False)
    experience_level = serializers.CharField(required=False, allow_blank=True)
    experience_level_label = serializers.CharField(required=False)
    linkedin_url = serializers.CharField(required=False, allow_blank=True)


class PortfolioItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PortfolioItem
        fields = ["id", "title", "url", "description", "sort_order", "created_at"]
        read_only_fields = fields


class PortfolioItemInputSerializer(serializers.Serializer):
    """Input for creating (title required) or changing (any subset) a portfolio item."""

    title = serializers.CharField(max_length=200)
    url = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="An http:// or https:// address; any other scheme is refused.",
    )
    description = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class PortfolioOrderSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        max_length=MAX_PORTFOLIO_ITEMS,
        help_text="Every one of your portfolio item ids, in the order wanted.",
    )


class HistoryItemSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="The registered source, e.g. connections.accepted.")
    when = serializers.DateTimeField()
    text = serializers.CharField()
    url = serializers.CharField(allow_blank=True)


class HistorySerializer(serializers.Serializer):
    member_since = serializers.DateTimeField()
    connections_count = serializers.IntegerField(
        allow_null=True, help_text="null when the member keeps it private."
    )
    items = HistoryItemSerializer(many=True)


class MemberDetailSerializer(PublicProfileSerializer):
    connection_status = serializers.CharField(allow_null=True)
    mutual_connections = serializers.IntegerField()
    portfolio = PortfolioItemSerializer(
        many=True, required=False, help_text="Absent when the member keeps it private."
    )
    history = HistorySerializer()


class OnboardingStepSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    done = serializers.BooleanField()
    fields = serializers.ListField(child=serializers.CharField())
    required_fields = serializers.ListField(child=serializers.CharField())
    missing_fields = serializers.ListField(child=serializers.CharField())


class OnboardingStatusSerializer(serializers.Serializer):
    completed = serializers.BooleanField(help_text="The profile's signup_completed.")
    completed_at = serializers.DateTimeField(allow_null=True)
    completeness = serializers.IntegerField(help_text="0-100: how much of the profile is filled.")
    next_step = serializers.CharField(allow_null=True)
    steps = OnboardingStepSerializer(many=True)


class AvatarUploadSerializer(serializers.Serializer):
    avatar = serializers.FileField(help_text="JPEG, PNG, WebP or GIF, at most 5 MB.")
