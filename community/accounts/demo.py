"""Demo users, one per role, for a first run (idempotent)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from .roles import Role
from .services import profile_ensure, user_set_role

DEMO_USERS = [
    # email, role, first name, last name, interests
    ("admin@medellin.ai", Role.ADMIN, "Ana", "Restrepo", ["MLOps", "LLMs"]),
    ("organizer@medellin.ai", Role.ORGANIZER, "Carlos", "Gómez", ["Computer vision"]),
    ("member@medellin.ai", Role.MEMBER, "Valentina", "Ospina", ["NLP", "Data science"]),
    ("attendee@medellin.ai", Role.ATTENDEE, "Juan", "Pérez", ["AI ethics"]),
]


@transaction.atomic
def demo_users(password: str) -> list[tuple[str, str]]:
    User = get_user_model()
    logins = []
    for email, role, first, last, interests in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password)
        else:
            user.set_password(password)
        user.first_name, user.last_name = first, last
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        profile = profile_ensure(user=user)
        profile.ai_interests = interests
        profile.bio = {
            "admin": "Coordina la comunidad Medellín AI.",
            "organizer": "Organiza meetups de visión por computador.",
            "member": "Científica de datos en Medellín.",
            "attendee": "Curioso por la ética de la IA.",
        }[role.value]
        profile.signup_completed = True
        profile.save()
        user_set_role(user=user, role=role, reason="demo data")
        logins.append((str(role.label), email))
    return logins
