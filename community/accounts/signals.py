"""Every user has a profile, however the user was created (sign-up, admin, shell); a member
who logs in (through allauth: sign-up, confirmation, password, code, social) before
finishing onboarding is offered it once in that session."""

from allauth.account.signals import user_logged_in
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_profile_for_user")
def create_profile_for_new_user(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services import profile_ensure

        profile_ensure(user=instance)


@receiver(user_logged_in, dispatch_uid="accounts_onboarding_due_after_login")
def onboarding_due_after_login(sender, request, user, **kwargs):
    from .middleware import ONBOARDING_DUE
    from .services import profile_ensure

    session = getattr(request, "session", None)
    if session is not None and not profile_ensure(user=user).signup_completed:
        session[ONBOARDING_DUE] = True
