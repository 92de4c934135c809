from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import PortfolioItem, Profile, RoleChange
from .roles import Role
from .selectors import user_get_role
from .validators import normalize_phone_number, validate_http_url


def whatsapp_available() -> bool:
    from community.notifications.channels import WhatsAppChannel

    return WhatsAppChannel.configured()


def split_labels(value: str) -> list[str]:
    """'NLP, computer vision' → ['NLP', 'computer vision']."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


PRIVATE_FIELD_CHOICES = [
    ("bio", _("bio")),
    ("location", _("Location")),
    ("ai_interests", _("AI interests")),
    ("skills", _("Skills")),
    ("experience_level", _("experience level")),
    ("linkedin_url", _("LinkedIn URL")),
    ("portfolio", _("Portfolio")),
    ("connections", _("Number of connections")),
]


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
        choices=PRIVATE_FIELD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phone_number = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        required=False,
        help_text=_("For WhatsApp messages, with the country code (+57 …). Never shown."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    whatsapp = forms.BooleanField(label=_("Send me notifications on WhatsApp"), required=False)
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
            "location",
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
        self.initial["phone_number"] = profile.phone_number
        self.initial["whatsapp"] = (profile.contact_preferences or {}).get("whatsapp", False)
        if not whatsapp_available():  # nothing would use the number: don't ask for it
            del self.fields["phone_number"], self.fields["whatsapp"]

    def clean_ai_interests(self):
        return split_labels(self.cleaned_data["ai_interests"])

    def clean_skills(self):
        return split_labels(self.cleaned_data["skills"])

    def clean_phone_number(self):
        return normalize_phone_number(self.cleaned_data["phone_number"])

    def clean(self):
        cleaned = super().clean()
        if "whatsapp" in cleaned:  # the model's own check sees the choice being made
            self.instance.phone_number = cleaned.get("phone_number", "")
            self.instance.contact_preferences = {
                **(self.instance.contact_preferences or {}),
                "whatsapp": cleaned["whatsapp"],
            }
        return cleaned

    def to_service_data(self) -> dict:
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("avatar", "avatar_upload", "whatsapp")
        }
        if "whatsapp" in self.cleaned_data:
            data["contact_preferences"] = self.instance.contact_preferences
        return data


class PortfolioItemForm(forms.Form):
    """Add or edit one work; the service validates again and keeps the limit."""

    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[validate_http_url],
        help_text=_("Where to see it: an http:// or https:// address."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def for_item(cls, item: PortfolioItem, data=None):
        return cls(
            data,
            initial={"title": item.title, "url": item.url, "description": item.description},
            prefix=f"item-{item.pk}",
        )


def _tag_field(label, help_text):
    return forms.CharField(label=label, required=False, max_length=1600, help_text=help_text)


# The form field for each field an onboarding step may ask for.
ONBOARDING_FIELDS = {
    "profile_type": lambda: forms.ChoiceField(
        label=_("Account type"),
        choices=Profile.ProfileType.choices,
        widget=forms.RadioSelect,
        help_text=_("An organization profile shows the organization's name instead of yours."),
    ),
    "first_name": lambda: forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    ),
    "last_name": lambda: forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    ),
    "organization_name": lambda: forms.CharField(
        label=_("Organization name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    ),
    "bio": lambda: forms.CharField(
        label=_("About"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines: what you do, what you are looking for."),
    ),
    "location": lambda: forms.CharField(
        label=_("Location"),
        max_length=100,
        help_text=_("City or neighbourhood, e.g. Laureles, Medellín."),
    ),
    "ai_interests": lambda: _tag_field(
        _("AI interests"), _("Separate with commas, e.g. NLP, computer vision, MLOps.")
    ),
    "skills": lambda: _tag_field(_("Skills"), _("Separate with commas, e.g. Python, PyTorch.")),
    "experience_level": lambda: forms.ChoiceField(
        label=_("Experience level"),
        choices=[("", "—"), *Profile.ExperienceLevel.choices],
    ),
    "linkedin_url": lambda: forms.URLField(
        label=_("LinkedIn URL"), max_length=200, assume_scheme="https"
    ),
    "directory_visible": lambda: forms.BooleanField(
        label=_("List me in the member directory"),
        help_text=_("Other members can find you in the directory."),
    ),
    "preferred_language": lambda: forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("For emails and messages we send you."),
    ),
    "email_notifications": lambda: forms.BooleanField(
        label=_("Send me notifications by email"),
        help_text=_("You can choose which ones in your notification settings."),
    ),
    "phone_number": lambda: forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        help_text=_("For WhatsApp messages, with the country code (+57 …). Never shown."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    ),
    "whatsapp": lambda: forms.BooleanField(label=_("Send me notifications on WhatsApp")),
}
TAG_FIELDS = ("ai_interests", "skills")


class OnboardingStepForm(forms.Form):
    """The fields one onboarding step asks for, for this profile type. Fields the step needs
    are marked required; the service checks them again."""

    def __init__(self, *args, step, profile, profile_type: str, **kwargs):
        from .onboarding import field_value

        super().__init__(*args, **kwargs)
        self.step = step
        names = [
            name
            for name in step.fields(profile_type)
            if whatsapp_available() or name not in ("phone_number", "whatsapp")
        ]
        required = set(step.required(profile_type))
        for name in names:
            field = ONBOARDING_FIELDS[name]()
            field.required = name in required
            self.fields[name] = field
            value = field_value(profile, name)
            self.initial[name] = ", ".join(value) if name in TAG_FIELDS else value

    def clean(self):
        cleaned = super().clean()
        for name in TAG_FIELDS:
            if name in cleaned:
                cleaned[name] = split_labels(cleaned[name])
        if "phone_number" in cleaned:
            cleaned["phone_number"] = normalize_phone_number(cleaned["phone_number"])
        return cleaned

    def to_service_data(self) -> dict:
        return dict(self.cleaned_data)
