"""Onboarding: the short flow a new member goes through after sign-up (/dashboard/welcome/).

Three steps, each naming the profile fields it asks for and those it needs before the member
can finish (they differ for personal and organization profiles). Progress lives on the
profile (`onboarding_steps`: the steps the member saved), so the site and the API
(`GET /api/v1/me/onboarding/`) agree. Writes are `services.onboarding_step_save` and
`services.onboarding_complete`; the latter sets `signup_completed`.

Who is sent here: `signals.onboarding_due_after_login` marks the session at an allauth login
(sign-up, email confirmation, password, code, social) when the member has not finished, and
`middleware.OnboardingMiddleware` redirects that session's next page view here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Profile
from .selectors import profile_completeness

PERSONAL = Profile.ProfileType.PERSONAL
ORGANIZATION = Profile.ProfileType.ORGANIZATION


@dataclass(frozen=True)
class OnboardingStep:
    code: str
    label: str | Promise
    personal_fields: tuple[str, ...]
    organization_fields: tuple[str, ...]
    personal_required: tuple[str, ...] = ()
    organization_required: tuple[str, ...] = ()

    def fields(self, profile_type: str) -> tuple[str, ...]:
        return self.organization_fields if profile_type == ORGANIZATION else self.personal_fields

    def required(self, profile_type: str) -> tuple[str, ...]:
        if profile_type == ORGANIZATION:
            return self.organization_required
        return self.personal_required

    @property
    def all_fields(self) -> set[str]:
        return set(self.personal_fields) | set(self.organization_fields)


STEPS: tuple[OnboardingStep, ...] = (
    OnboardingStep(
        code="account",
        label=_("Account"),
        personal_fields=("profile_type", "first_name", "last_name"),
        organization_fields=("profile_type", "organization_name", "first_name", "last_name"),
        personal_required=("profile_type", "first_name"),
        organization_required=("profile_type", "organization_name"),
    ),
    OnboardingStep(
        code="about",
        label=_("About you"),
        personal_fields=("bio", "location", "ai_interests", "skills", "experience_level"),
        organization_fields=("bio", "location", "ai_interests", "linkedin_url"),
        personal_required=("ai_interests", "experience_level"),
        organization_required=("bio", "ai_interests"),
    ),
    OnboardingStep(
        code="preferences",
        label=_("Privacy and notifications"),
        personal_fields=(
            "directory_visible",
            "preferred_language",
            "email_notifications",
            "phone_number",
            "whatsapp",
        ),
        organization_fields=(
            "directory_visible",
            "preferred_language",
            "email_notifications",
            "phone_number",
            "whatsapp",
        ),
        personal_required=("preferred_language",),
        organization_required=("preferred_language",),
    ),
)
STEP_CODES = tuple(step.code for step in STEPS)

FIELD_LABELS = {
    "profile_type": _("Account type"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "organization_name": _("Organization name"),
    "bio": _("About"),
    "location": _("Location"),
    "ai_interests": _("AI interests"),
    "skills": _("Skills"),
    "experience_level": _("Experience level"),
    "linkedin_url": _("LinkedIn URL"),
    "directory_visible": _("Listed in the member directory"),
    "preferred_language": _("Preferred language"),
    "email_notifications": _("Notifications by email"),
    "phone_number": _("Mobile number"),
    "whatsapp": _("WhatsApp messages"),
}


def get_step(code: str) -> OnboardingStep | None:
    return next((step for step in STEPS if step.code == code), None)


def field_value(profile: Profile, field: str):
    if field in ("first_name", "last_name"):
        return getattr(profile.user, field)
    if field == "whatsapp":
        return (profile.contact_preferences or {}).get("whatsapp", False)
    if field == "email_notifications":
        from community.notifications.selectors import settings_for

        return settings_for(profile.user).email_enabled
    return getattr(profile, field)


def missing_fields(profile: Profile, step: OnboardingStep, values: dict | None = None) -> list:
    """Required fields of `step` that are still empty; `values` are pending changes."""
    values = values or {}
    profile_type = values.get("profile_type", profile.profile_type)
    return [
        field
        for field in step.required(profile_type)
        if not (values[field] if field in values else field_value(profile, field))
    ]


def onboarding_missing(profile: Profile) -> dict[str, list[str]]:
    """{field: [message]} for every field the member must still fill in to finish."""
    return {
        field: [str(_("Needed to finish setting up your account."))]
        for step in STEPS
        for field in missing_fields(profile, step)
    }


def onboarding_status(profile: Profile) -> dict:
    """Steps, which are done, what is missing, and the profile's completeness."""
    steps = []
    for step in STEPS:
        missing = missing_fields(profile, step)
        saved = profile.signup_completed or step.code in (profile.onboarding_steps or [])
        steps.append(
            {
                "code": step.code,
                "label": str(step.label),
                "fields": list(step.fields(profile.profile_type)),
                "required_fields": list(step.required(profile.profile_type)),
                "missing_fields": missing,
                "done": saved and not missing,
            }
        )
    return {
        "completed": profile.signup_completed,
        "completed_at": profile.signup_completed_at,
        "completeness": profile_completeness(profile=profile),
        "next_step": next((s["code"] for s in steps if not s["done"]), None),
        "steps": steps,
    }


def describe_missing(fields) -> str:
    return ", ".join(str(FIELD_LABELS.get(field, field)) for field in fields)
