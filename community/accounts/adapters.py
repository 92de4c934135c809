from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import transaction

from .roles import Role
from .services import user_set_role


class AccountAdapter(DefaultAccountAdapter):
    """A new sign-up, by form, headless API or social login, becomes a Member."""

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                user_set_role(user=user, role=Role.MEMBER, reason="sign-up")
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request, sociallogin, form=None):
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form=form)
            user_set_role(
                user=user, role=Role.MEMBER, reason=f"sign-up via {sociallogin.account.provider}"
            )
        return user
