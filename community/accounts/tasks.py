"""Background tasks for accounts. They take primary keys and re-read the rows."""

from django.urls import reverse
from django.utils import translation

from community.notifications.services import notify

from .models import RoleChange


def role_change_notify(role_change_id: int) -> None:
    """Tell a user, through the notification service, that an administrator changed their
    role (in their language, on the channels they allow)."""
    change = RoleChange.objects.select_related("user__profile").get(pk=role_change_id)
    language = getattr(getattr(change.user, "profile", None), "preferred_language", "es")
    with translation.override(language):
        role = str(change.get_new_role_display())
        url = reverse("members:dashboard")
    notify(
        recipient=change.user,
        type_code="account.role_changed",
        context={"role": role, "reason": change.reason},
        url=url,
    )
