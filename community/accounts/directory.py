"""The member directory: who can be found, by what, and what of them is shown.

Only signed-in members browse it. A member is listed when their account is active and they
chose to be listed, and never to someone they blocked or who blocked them. Search and filters
only look at fields the member made public, so a hidden field cannot be probed."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from community.connections.models import Connection

from .models import Profile

MAX_QUERY = 100


def _blocked_ids(viewer) -> set[int]:
    rows = Connection.objects.filter(
        Q(user_low=viewer) | Q(user_high=viewer), status=Connection.Status.BLOCKED
    ).values_list("user_low_id", "user_high_id")
    return {low if high == viewer.pk else high for low, high in rows}


def _public(field: str) -> Q:
    return ~Q(private_fields__icontains=f'"{field}"')


def directory_search(
    *,
    viewer,
    query: str = "",
    interest: str = "",
    skill: str = "",
    experience_level: str = "",
    profile_type: str = "",
) -> QuerySet[Profile]:
    profiles = (
        Profile.objects.filter(directory_visible=True, user__is_active=True)
        .exclude(user_id__in=_blocked_ids(viewer))
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    query = query.strip()[:MAX_QUERY]
    if query:
        text = (
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(organization_name__icontains=query)
            | (Q(bio__icontains=query) & _public("bio"))
        )
        profiles = profiles.filter(text)
    if interest:
        profiles = profiles.filter(_public("ai_interests"), ai_interests__icontains=interest[:50])
    if skill:
        profiles = profiles.filter(_public("skills"), skills__icontains=skill[:50])
    if experience_level:
        profiles = profiles.filter(_public("experience_level"), experience_level=experience_level)
    if profile_type:
        profiles = profiles.filter(profile_type=profile_type)
    return profiles


def member_visible_to(*, viewer, user_id: int) -> Profile | None:
    """A member's profile if the viewer may see it (themself always; others when listed
    and not blocked either way)."""
    profile = Profile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or not profile.user.is_active:
        return None
    if profile.user_id == viewer.pk:
        return profile
    if not profile.directory_visible or profile.user_id in _blocked_ids(viewer):
        return None
    return profile


def public_profile(profile: Profile, *, viewer) -> dict:
    """What `viewer` sees of `profile`: hidden fields are absent, not blank."""
    own = profile.user_id == viewer.pk
    data = {
        "id": profile.user_id,
        "display_name": profile.display_name,
        "handle": profile.handle,
        "profile_type": profile.profile_type,
        "organization_name": profile.organization_name,
        "avatar_url": profile.avatar.url if profile.avatar else None,
    }
    for field in ("bio", "location", "ai_interests", "skills", "experience_level", "linkedin_url"):
        value = getattr(profile, field) if own else profile.public_value(field)
        if value is not None:
            data[field] = value
    if data.get("experience_level"):
        data["experience_level_label"] = str(
            Profile.ExperienceLevel(data["experience_level"]).label
        )
    return data


def public_portfolio(profile: Profile, *, viewer) -> list[dict] | None:
    """The member's works as `viewer` sees them; None when the member hid their portfolio."""
    from .selectors import portfolio_list

    if profile.user_id != viewer.pk and not profile.is_public("portfolio"):
        return None
    return [
        {
            "id": item.pk,
            "title": item.title,
            "url": item.url,
            "description": item.description,
            "sort_order": item.sort_order,
            "created_at": item.created_at,
        }
        for item in portfolio_list(profile=profile)
    ]
