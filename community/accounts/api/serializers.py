from rest_framework import serializers

from ..models import Profile, RoleChange
from ..roles import Role
from ..validators import CONTACT_CHANNELS, MAX_TAG_LENGTH, MAX_TAGS, PRIVATE_CAPABLE_FIELDS


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
            "ai_interests",
            "skills",
            "contact_preferences",
            "experience_level",
            "linkedin_url",
            "preferred_language",
            "signup_completed",
            "directory_visible",
            "private_fields",
        ]
        read_only_fields = ["signup_completed"]


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
    ai_interests = serializers.ListField(
        child=serializers.CharField(max_length=MAX_TAG_LENGTH), max_length=MAX_TAGS, required=False
    )
    skills = serializers.ListField(
        child=serializers.CharField(max_length=MAX_TAG_LENGTH), max_length=MAX_TAGS, required=False
    )
    contact_preferences = ContactPreferencesSerializer(required=False)
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
    ai_interests = serializers.ListField(child=serializers.CharField(), required=False)
    skills = serializers.ListField(child=serializers.CharField(), required=False)
    experience_level = serializers.CharField(required=False, allow_blank=True)
    experience_level_label = serializers.CharField(required=False)
    linkedin_url = serializers.CharField(required=False, allow_blank=True)


class MemberDetailSerializer(PublicProfileSerializer):
    connection_status = serializers.CharField(allow_null=True)
    mutual_connections = serializers.IntegerField()


class AvatarUploadSerializer(serializers.Serializer):
    avatar = serializers.FileField(help_text="JPEG, PNG, WebP or GIF, at most 5 MB.")
