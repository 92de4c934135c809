from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import PortfolioItem, RoleChange
from .roles import GROUP_ROLES, Role


def user_get_role(user) -> Role | None:
    """A superuser is an Admin; otherwise the role group the user belongs to, if any."""
    if user.is_superuser:
        return Role.ADMIN
    # Uses the prefetch cache when the caller prefetched groups.
    for group in user.groups.all():
        if group.name in GROUP_ROLES:
            return GROUP_ROLES[group.name]
    return None


def user_list_with_roles() -> QuerySet:
    return get_user_model().objects.select_related("profile").prefetch_related("groups")


def role_change_list(*, user=None) -> QuerySet[RoleChange]:
    qs = RoleChange.objects.select_related("user", "changed_by")
    if user is not None:
        qs = qs.filter(user=user)
    return qs


def member_language(user) -> str:
    """The language the member chose for the platform (their profile), else the site's
    (Spanish). Cached on the user with the profile, which the admin's avatar also reads."""
    profile = getattr(user, "profile", None)  # None: no profile (yet)
    language = profile.preferred_language if profile is not None else ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def member_photo_url(user) -> str | None:
    """The address of the member's own profile photo, if they uploaded one."""
    profile = getattr(user, "profile", None)
    return profile.avatar.url if profile is not None and profile.avatar else None


COMPLETENESS_FIELDS = ("first_name", "bio", "ai_interests", "skills", "experience_level", "avatar")


def profile_completeness(*, profile) -> int:
    """Share (0-100) of the profile a member has filled in, for the dashboard's nudge."""
    filled = [
        bool(profile.user.first_name),
        bool(profile.bio),
        bool(profile.ai_interests),
        bool(profile.skills),
        bool(profile.experience_level),
        bool(profile.avatar),
    ]
    return round(100 * sum(filled) / len(filled))


def portfolio_list(*, profile) -> QuerySet[PortfolioItem]:
    """The member's works in their chosen order."""
    return PortfolioItem.objects.filter(profile=profile).order_by("sort_order", "pk")


def portfolio_item_of(*, user, pk: int) -> PortfolioItem | None:
    """One of `user`'s own works (None for anyone else's: a 404, not a 403)."""
    return PortfolioItem.objects.select_related("profile").filter(pk=pk, profile__user=user).first()
