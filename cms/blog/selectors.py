"""Blog reads about comments and authors, shared by the post page, the API and moderation.
Every one is bounded: a fixed number of queries whatever the number of comments. The post
reads are the posts' own (BlogPostPage.objects: for_index, latest, related_to)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from .models.comments import BlogComment

MODERATE_PERMISSION = "blog.moderate_blogcomment"
MAX_COMMENTS = 200  # top-level comments shown under a post (newest threads beyond: not shown)


def can_moderate(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


def author_card(user) -> dict | None:
    """Name, handle, avatar and member page of an author (the member page only when the
    member is listed in the directory)."""
    if user is None:
        return None
    profile = getattr(user, "profile", None)
    if profile is None:
        return {"name": user.get_full_name() or "", "handle": None, "url": None, "avatar": None}
    listed = profile.directory_visible and user.is_active
    return {
        "name": profile.display_name,
        "handle": profile.handle,
        "url": reverse("directory:detail", kwargs={"user_id": user.pk}) if listed else None,
        "avatar": profile.avatar.url if profile.avatar else None,
    }


def _comment_base() -> QuerySet[BlogComment]:
    return BlogComment.objects.select_related("author__profile")


def comment_tree(post) -> list[BlogComment]:
    """Approved top-level comments, oldest first, each with `.approved_replies`: two queries."""
    replies = Prefetch(
        "replies",
        queryset=_comment_base().filter(status=BlogComment.Status.APPROVED).order_by("created_at"),
        to_attr="approved_replies",
    )
    return list(
        _comment_base()
        .filter(post=post, parent=None, status=BlogComment.Status.APPROVED)
        .prefetch_related(replies)
        .order_by("created_at", "pk")[:MAX_COMMENTS]
    )


def comment_count(post) -> int:
    return BlogComment.objects.filter(post=post, status=BlogComment.Status.APPROVED).count()


def approved_comments(post) -> QuerySet[BlogComment]:
    """Approved comments and replies of a post, oldest first (the API's flat list)."""
    return (
        _comment_base()
        .filter(post=post, status=BlogComment.Status.APPROVED)
        .order_by("created_at", "pk")
    )


def moderation_queue(
    *, status: str = BlogComment.Status.PENDING, language: str = "", query: str = ""
) -> QuerySet[BlogComment]:
    comments = BlogComment.objects.select_related(
        "author__profile", "post__locale", "parent__author__profile", "moderated_by"
    ).order_by("created_at", "pk")
    if status in BlogComment.Status.values:
        comments = comments.filter(status=status)
    if language:
        comments = comments.filter(post__locale__language_code=language)
    if query:
        comments = comments.filter(Q(body__icontains=query) | Q(post__title__icontains=query))
    return comments


def moderators() -> QuerySet:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    perm = Permission.objects.filter(
        content_type__app_label="blog", codename="moderate_blogcomment"
    ).first()
    query = Q(is_superuser=True)
    if perm is not None:
        query |= Q(groups__permissions=perm) | Q(user_permissions=perm)
    return get_user_model().objects.filter(query, is_active=True).distinct()
