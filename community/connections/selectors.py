from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from .models import Connection


def pair(a_id: int, b_id: int) -> tuple[int, int]:
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


def connection_between(a, b) -> Connection | None:
    low, high = pair(a.pk, b.pk)
    return Connection.objects.filter(user_low_id=low, user_high_id=high).first()


def involving(user) -> QuerySet[Connection]:
    return Connection.objects.filter(Q(user_low=user) | Q(user_high=user))


def is_blocked(a, b) -> bool:
    found = connection_between(a, b)
    return found is not None and found.status == Connection.Status.BLOCKED


def member_reachable(viewer, user_id: int):
    """The active member with this id, unless blocked either way (then None): what the
    viewer may ask to connect with or block."""
    other = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if other is None or (other.pk != viewer.pk and is_blocked(viewer, other)):
        return None
    return other


def connected_user_ids(user) -> set[int]:
    rows = (
        involving(user)
        .filter(status=Connection.Status.ACCEPTED)
        .values_list("user_low_id", "user_high_id")
    )
    return {low if high == user.pk else high for low, high in rows}


def connection_list(user) -> QuerySet:
    """The member's connections as users, with profiles, by name."""
    return (
        get_user_model()
        .objects.filter(pk__in=connected_user_ids(user))
        .select_related("profile")
        .order_by("first_name", "last_name", "email")
    )


def requests_incoming(user) -> QuerySet[Connection]:
    return (
        involving(user)
        .filter(status=Connection.Status.PENDING)
        .exclude(requester=user)
        .select_related("requester__profile")
        .order_by("-created_at")
    )


def requests_outgoing(user) -> QuerySet[Connection]:
    return (
        Connection.objects.filter(requester=user, status=Connection.Status.PENDING)
        .select_related("user_low__profile", "user_high__profile")
        .order_by("-created_at")
    )


def mutual_count(a, b) -> int:
    return len(connected_user_ids(a) & connected_user_ids(b))


def _visible_topics(profile) -> set[str]:
    """The AI interests and skills that other members may see of `profile`, lowercased."""
    shown = (profile.public_value("ai_interests") or []) + (profile.public_value("skills") or [])
    return {topic.lower() for topic in shown}


def people_you_may_know(user, *, limit: int = 10) -> list:
    """Listed members sharing AI interests or skills with `user`, most shared first,
    excluding anyone already connected, pending, declined or blocked either way.

    Only what `user` may see of a member counts: a member who is not listed in the
    directory is never suggested, and their hidden interests or skills never match (a
    suggestion would tell the viewer what the member hid). The viewer's own fields all
    count: they are the viewer's to use."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return []
    mine = {s.lower() for s in (profile.ai_interests or []) + (profile.skills or [])}
    if not mine:
        return []
    excluded = {user.pk}
    for low, high in involving(user).values_list("user_low_id", "user_high_id"):
        excluded |= {low, high}
    candidates = (
        get_user_model()
        .objects.filter(is_active=True, profile__directory_visible=True)
        .exclude(pk__in=excluded)
        .select_related("profile")
        .order_by("-date_joined")[:500]  # bounded: most recent members first
    )
    scored = []
    for candidate in candidates:
        shared = len(mine & _visible_topics(candidate.profile))
        if shared:
            scored.append((shared, candidate))
    scored.sort(key=lambda item: -item[0])
    return [candidate for _shared, candidate in scored[:limit]]
