from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _


def validate_link(value: str) -> None:
    """A site-relative path or an absolute http(s) URL; never javascript: and the like."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise ValidationError(
            _("Enter a path starting with / or a full address starting with https://."),
            code="invalid_link",
        ) from exc
