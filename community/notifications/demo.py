"""Demo notifications, so the bell and the inbox have something to show (idempotent)."""

from django.contrib.auth import get_user_model

from .models import Notification
from .services import notify

WELCOME = {
    "es": (
        "Bienvenida a Medellín AI",
        "ya puedes completar tu perfil y elegir qué avisos recibir.",
    ),
    "en": ("Welcome to Medellín AI", "you can now complete your profile and choose your notices."),
}


def demo_notifications(emails: list[str]) -> int:
    sent = 0
    for user in get_user_model().objects.filter(email__in=emails).select_related("profile"):
        if Notification.objects.filter(recipient=user, type_code="community.announcement").exists():
            continue
        title, message = WELCOME.get(user.profile.preferred_language, WELCOME["es"])
        if notify(
            recipient=user,
            type_code="community.announcement",
            context={"title": title, "message": message},
            url="/es/dashboard/settings/",
        ):
            sent += 1
    return sent
