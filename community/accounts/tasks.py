"""Background tasks for accounts. They take primary keys and re-read the rows."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import RoleChange


def role_change_notify(role_change_id: int) -> None:
    """Tell a user, in their language, that an administrator changed their role."""
    change = RoleChange.objects.select_related("user__profile").get(pk=role_change_id)
    user = change.user
    language = getattr(getattr(user, "profile", None), "preferred_language", "es")
    with translation.override(language):
        context = {
            "user": user,
            "change": change,
            "new_role": change.get_new_role_display(),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("accounts/email/role_changed_subject.txt", context).strip()
        body = render_to_string("accounts/email/role_changed_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
