from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from oscar.apps.customer.abstract_models import AbstractUser
from wagtail.models import Orderable

from .roles import Role
from .validators import (
    validate_contact_preferences,
    validate_handle,
    validate_http_url,
    validate_phone_number,
    validate_private_fields,
    validate_tag_list,
)


class User(AbstractUser):
    """Email is the identifier (Oscar's abstract user has no username)."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["email"]


def default_contact_preferences() -> dict:
    return {"email": True, "phone": False, "whatsapp": False}


class Profile(ClusterableModel):
    """What members show of themselves (PRD profiles); one per user, created with the user.

    Clusterable only so Wagtail's admin can edit the portfolio inline with the profile."""

    class ProfileType(models.TextChoices):
        PERSONAL = "personal", _("Personal")
        ORGANIZATION = "organization", _("Organization")

    class ExperienceLevel(models.TextChoices):
        STUDENT = "student", _("Student")
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")
        EXPERT = "expert", _("Expert")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    handle = models.CharField(
        _("handle"),
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_handle],
        help_text=_("Others mention you as @handle in the forums."),
    )
    profile_type = models.CharField(
        _("profile type"), max_length=20, choices=ProfileType, default=ProfileType.PERSONAL
    )
    organization_name = models.CharField(
        _("organization name"),
        max_length=200,
        blank=True,
        help_text=_("For organization profiles: the name shown instead of the person's."),
    )
    avatar = models.ImageField(_("avatar"), upload_to="avatars/%Y/%m/", blank=True)
    bio = models.TextField(_("bio"), max_length=2000, blank=True)
    location = models.CharField(
        _("location"),
        max_length=100,
        blank=True,
        help_text=_("City or neighbourhood, e.g. Laureles, Medellín."),
    )
    ai_interests = models.JSONField(
        _("AI interests"), default=list, blank=True, validators=[validate_tag_list]
    )
    skills = models.JSONField(_("skills"), default=list, blank=True, validators=[validate_tag_list])
    contact_preferences = models.JSONField(
        _("contact preferences"),
        default=default_contact_preferences,
        validators=[validate_contact_preferences],
    )
    experience_level = models.CharField(
        _("experience level"), max_length=20, choices=ExperienceLevel, blank=True
    )
    linkedin_url = models.URLField(_("LinkedIn URL"), blank=True)
    phone_number = models.CharField(
        _("mobile number"),
        max_length=16,
        blank=True,
        validators=[validate_phone_number],
        help_text=_("For WhatsApp messages, in international format (+57 …). Never shown."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="es"
    )
    signup_completed = models.BooleanField(_("sign-up completed"), default=False)
    signup_completed_at = models.DateTimeField(_("sign-up completed at"), null=True, blank=True)
    onboarding_steps = models.JSONField(
        _("onboarding steps saved"), default=list, blank=True, editable=False
    )
    directory_visible = models.BooleanField(
        _("listed in the member directory"),
        default=True,
        help_text=_("Other members can find you in the directory."),
    )
    private_fields = models.JSONField(
        _("private fields"),
        default=list,
        blank=True,
        validators=[validate_private_fields],
        help_text=_("Fields only you can see."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [
            models.Index(fields=["experience_level"]),
            models.Index(fields=["directory_visible", "profile_type"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        if (self.contact_preferences or {}).get("whatsapp") and not self.phone_number:
            raise ValidationError(
                {"phone_number": _("Add your mobile number to receive WhatsApp messages.")}
            )

    def is_public(self, field: str) -> bool:
        return field not in (self.private_fields or [])

    def public_value(self, field: str):
        """The field's value as other members see it: None when the member hid it."""
        return None if field in (self.private_fields or []) else getattr(self, field)

    @property
    def display_name(self) -> str:
        if self.profile_type == self.ProfileType.ORGANIZATION and self.organization_name:
            return self.organization_name
        return self.user.get_full_name() or self.user.email.split("@")[0]


MAX_PORTFOLIO_ITEMS = 20


class PortfolioItem(Orderable):
    """A piece of work a member shows (a project, talk, paper, repository). At most
    MAX_PORTFOLIO_ITEMS per profile, checked by the service; hidden with the profile's
    "portfolio" private field."""

    profile = ParentalKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="portfolio_items",
        verbose_name=_("profile"),
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_http_url],
        help_text=_("Where to see it: an http:// or https:// address."),
    )
    description = models.TextField(_("description"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta(Orderable.Meta):
        verbose_name = _("portfolio item")
        verbose_name_plural = _("portfolio items")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.title


class RoleChange(models.Model):
    """Every change of a user's role: who changed whose, from what to what, and when
    (PRD role_history). changed_by is empty for changes the system made (sign-up, seeding)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_changes",
        verbose_name=_("user"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="role_changes_made",
        verbose_name=_("changed by"),
    )
    old_role = models.CharField(_("old role"), max_length=20, choices=Role, blank=True)
    new_role = models.CharField(_("new role"), max_length=20, choices=Role)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["user", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.old_role or '-'} → {self.new_role}"
