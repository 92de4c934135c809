import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

HANDLE_RE = re.compile(r"^[a-z0-9_]{3,30}$")


def validate_handle(value) -> None:
    """Handles are what @mentions name: 3-30 lowercase letters, digits or underscores."""
    if not isinstance(value, str) or not HANDLE_RE.match(value):
        raise ValidationError(
            _("Use 3 to 30 lowercase letters, digits or underscores."), code="invalid_handle"
        )


MAX_TAGS = 30
MAX_TAG_LENGTH = 50


def validate_tag_list(value) -> None:
    """Interests and skills are short labels: a list of at most 30 strings of 1-50 chars."""
    if not isinstance(value, list):
        raise ValidationError(_("Enter a list of labels."), code="not_a_list")
    if len(value) > MAX_TAGS:
        raise ValidationError(
            _("Enter at most %(max)d labels.") % {"max": MAX_TAGS}, code="too_many"
        )
    for item in value:
        if not isinstance(item, str) or not item.strip() or len(item) > MAX_TAG_LENGTH:
            raise ValidationError(
                _("Each label must be text of 1 to %(max)d characters.") % {"max": MAX_TAG_LENGTH},
                code="invalid_label",
            )


CONTACT_CHANNELS = ("email", "phone", "whatsapp")


def validate_contact_preferences(value) -> None:
    if not isinstance(value, dict) or not all(
        key in CONTACT_CHANNELS and isinstance(flag, bool) for key, flag in value.items()
    ):
        raise ValidationError(
            _("Contact preferences map email, phone or whatsapp to true or false."),
            code="invalid_contact_preferences",
        )


# What a member may hide from other members (name and type always show; the phone number
# is never shown to anyone else). "portfolio" hides the portfolio items, "connections" the
# number of connections in the member's history.
PRIVATE_CAPABLE_FIELDS = (
    "bio",
    "location",
    "ai_interests",
    "skills",
    "experience_level",
    "linkedin_url",
    "portfolio",
    "connections",
)


def validate_private_fields(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(PRIVATE_CAPABLE_FIELDS):
        raise ValidationError(
            _("Private fields must be a list drawn from: %(fields)s.")
            % {"fields": ", ".join(PRIVATE_CAPABLE_FIELDS)},
            code="invalid_private_fields",
        )


PHONE_RE = re.compile(r"^\+[1-9]\d{7,14}$")


def normalize_phone_number(value: str) -> str:
    """Accept how people write numbers (+57 300 123 4567, (604) …) and keep E.164 digits."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"[\s().-]", "", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    return digits


def validate_phone_number(value: str) -> None:
    if value and not PHONE_RE.match(value):
        raise ValidationError(
            _("Enter the number with its country code, e.g. +57 300 123 4567."),
            code="invalid_phone_number",
        )


validate_http_url = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)
