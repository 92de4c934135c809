"""Every user has a profile, however the user was created (sign-up, admin, shell)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_profile_for_user")
def create_profile_for_new_user(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services import profile_ensure

        profile_ensure(user=instance)
