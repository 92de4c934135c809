from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Profile, RoleChange
from .roles import Role
from .selectors import user_get_role


class RoleChangeForm(forms.ModelForm):
    """The admin's 'change a role' form; saving goes through services.user_set_role."""

    class Meta:
        model = RoleChange
        fields = ["user", "new_role", "reason"]
        labels = {"new_role": _("New role")}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.order_by("email")

    def clean(self):
        cleaned = super().clean()
        user, role = cleaned.get("user"), cleaned.get("new_role")
        if user and role and user_get_role(user) == Role(role):
            self.add_error("new_role", _("This user already has that role."))
        return cleaned


class DirectoryFilterForm(forms.Form):
    query = forms.CharField(label=_("Name or organization"), max_length=100, required=False)
    interest = forms.CharField(label=_("AI interest"), max_length=50, required=False)
    skill = forms.CharField(label=_("Skill"), max_length=50, required=False)
    experience_level = forms.ChoiceField(
        label=_("Experience level"),
        choices=[("", _("Any"))] + list(Profile.ExperienceLevel.choices),
        required=False,
    )
    profile_type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("Any"))] + list(Profile.ProfileType.choices),
        required=False,
    )


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=255, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=255, required=False)
    ai_interests = forms.CharField(
        label=_("AI interests"),
        required=False,
        help_text=_("Separate with commas, e.g. NLP, computer vision, MLOps."),
    )
    linkedin_url = forms.URLField(label=_("LinkedIn URL"), required=False, assume_scheme="https")
    avatar_upload = forms.FileField(
        label=_("Photo or logo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB; it is cropped square."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    private_fields = forms.MultipleChoiceField(
        label=_("Only I can see"),
        choices=[
            ("bio", _("bio")),
            ("ai_interests", _("AI interests")),
            ("skills", _("Skills")),
            ("experience_level", _("experience level")),
            ("linkedin_url", _("LinkedIn URL")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        help_text=_("Separate with commas, e.g. Python, PyTorch."),
    )

    class Meta:
        model = Profile
        fields = [
            "handle",
            "profile_type",
            "organization_name",
            "bio",
            "experience_level",
            "linkedin_url",
            "preferred_language",
            "directory_visible",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance
        self.initial.setdefault("first_name", profile.user.first_name)
        self.initial.setdefault("last_name", profile.user.last_name)
        self.initial["ai_interests"] = ", ".join(profile.ai_interests or [])
        self.initial["skills"] = ", ".join(profile.skills or [])
        self.initial["private_fields"] = profile.private_fields or []

    @staticmethod
    def _split(value: str) -> list[str]:
        return [part.strip() for part in (value or "").split(",") if part.strip()]

    def clean_ai_interests(self):
        return self._split(self.cleaned_data["ai_interests"])

    def clean_skills(self):
        return self._split(self.cleaned_data["skills"])

    def to_service_data(self) -> dict:
        data = dict(self.cleaned_data)
        return {k: v for k, v in data.items() if k not in ("avatar", "avatar_upload")}
