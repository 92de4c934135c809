"""Forum reads. Visibility in one place: the public sees published posts in published topics
of open categories; authors also see their own held posts; moderators see everything."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from community.accounts.models import Profile
from config.fulltext import search_terms

from .models import ForumBan, ForumCategory, Post, PostReport, Topic

MODERATE_PERMISSION = "forums.moderate_forum"


def can_moderate(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


def moderators() -> QuerySet:
    """Everyone who may moderate: superusers, and holders of the permission (by group or
    directly)."""
    perm = Permission.objects.filter(
        content_type__app_label="forums", codename="moderate_forum"
    ).first()
    query = Q(is_superuser=True)
    if perm is not None:
        query |= Q(groups__permissions=perm) | Q(user_permissions=perm)
    return get_user_model().objects.filter(query, is_active=True).distinct()


def active_ban(user) -> ForumBan | None:
    now = timezone.now()
    return (
        ForumBan.objects.filter(user=user, lifted_at=None)
        .filter(Q(until=None) | Q(until__gt=now))
        .order_by("-created_at")
        .first()
    )


def category_list() -> list[ForumCategory]:
    """Open categories as a tree (top level, each with `.subcategories`), with topic and
    visible post counts and the time of their last activity, from one query."""
    categories = list(
        ForumCategory.objects.filter(is_active=True)
        .annotate(
            topic_count=Count(
                "topics", filter=Q(topics__status=Topic.Status.ACTIVE), distinct=True
            ),
            post_count=Count(
                "topics__posts",
                filter=Q(topics__status=Topic.Status.ACTIVE, topics__posts__status="visible"),
                distinct=True,
            ),
            last_activity_at=Max(
                "topics__last_activity_at", filter=Q(topics__status=Topic.Status.ACTIVE)
            ),
        )
        .order_by("sort_order", "name_es")
    )
    by_parent: dict[int | None, list[ForumCategory]] = {}
    ids = {c.pk for c in categories}
    for category in categories:
        # a child of a closed category is closed too
        parent = category.parent_id if category.parent_id in ids else None
        if category.parent_id is not None and parent is None:
            continue
        by_parent.setdefault(parent, []).append(category)
    for category in categories:
        category.subcategories = by_parent.get(category.pk, [])
    return by_parent.get(None, [])


def category_get(slug: str) -> ForumCategory | None:
    category = (
        ForumCategory.objects.filter(slug=slug, is_active=True).select_related("parent").first()
    )
    if category is None or (category.parent is not None and not category.parent.is_active):
        return None
    return category


def category_children(category: ForumCategory) -> list[ForumCategory]:
    return list(category.children.filter(is_active=True).order_by("sort_order", "name_es"))


def _topic_visibility(viewer) -> Q:
    if can_moderate(viewer):
        return Q()
    visible = Q(status=Topic.Status.ACTIVE, category__is_active=True)
    if viewer is not None and viewer.is_authenticated:
        visible |= Q(status=Topic.Status.PENDING, author=viewer)
    return visible


def topics_visible(viewer) -> QuerySet[Topic]:
    return Topic.objects.filter(_topic_visibility(viewer))


def topic_list(*, viewer, category: ForumCategory | None = None) -> QuerySet[Topic]:
    """Pinned first, then by last activity; author and last poster loaded with the topic."""
    topics = topics_visible(viewer).select_related(
        "category", "author__profile", "last_post_author__profile"
    )
    if category is not None:
        topics = topics.filter(category__in=[category, *category.children.all()])
    return topics.order_by("-is_pinned", "-last_activity_at", "-pk")


def topic_get(*, viewer, slug: str | None = None, pk: int | None = None) -> Topic | None:
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    return (
        topics_visible(viewer)
        .select_related("category__parent", "author__profile")
        .filter(**lookup)
        .first()
    )


def post_visibility(viewer) -> Q:
    if can_moderate(viewer):
        return Q()
    visible = Q(status=Post.Status.VISIBLE)
    if viewer is not None and viewer.is_authenticated:
        visible |= Q(status=Post.Status.PENDING, author=viewer)
    return visible


def post_list(*, viewer, topic: Topic) -> QuerySet[Post]:
    """The topic's posts in order, with authors, the post each replies to, and how many times
    each was edited."""
    return (
        Post.objects.filter(post_visibility(viewer), topic=topic)
        .select_related("author__profile", "parent__author__profile")
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")
    )


def post_get(*, viewer, pk: int) -> Post | None:
    """A post the viewer may see, in a topic the viewer may see."""
    return (
        Post.objects.filter(post_visibility(viewer), pk=pk)
        .filter(topic__in=topics_visible(viewer))
        .select_related("topic__category", "author__profile")
        .first()
    )


def revision_list(*, post: Post) -> QuerySet:
    return post.revisions.select_related("edited_by__profile")


def topic_search(*, viewer, query: str, category: ForumCategory | None = None):
    """Full-text search over titles and published posts (Wagtail search: PostgreSQL full-text
    search in production, SQLite FTS5 in development). Best match first."""
    terms = search_terms(query)
    if not terms:
        return []
    candidates = Topic.objects.all()
    if not can_moderate(viewer):
        candidates = candidates.filter(status=Topic.Status.ACTIVE)
    if category is not None:
        wanted = [category.pk, *category.children.values_list("pk", flat=True)]
        candidates = candidates.filter(category_id__in=wanted)
    # the search backend filters only on indexed fields; visibility is checked afterwards
    ids = [topic.pk for topic in get_search_backend().search(terms, candidates)[:200]]
    by_id = {
        topic.pk: topic
        for topic in topics_visible(viewer)
        .filter(pk__in=ids)
        .select_related("category", "author__profile", "last_post_author__profile")
    }
    return [by_id[i] for i in ids if i in by_id]


def moderation_queue() -> dict:
    """What waits for moderators: held posts, and reported posts with every reason given."""
    reports = PostReport.objects.filter(status=PostReport.Status.OPEN).select_related(
        "reporter__profile"
    )
    reported = (
        Post.objects.filter(reports__status=PostReport.Status.OPEN)
        .distinct()
        .select_related("topic__category", "author__profile")
        .prefetch_related(Prefetch("reports", queryset=reports, to_attr="open_reports"))
        .order_by("created_at")
    )
    held = (
        Post.objects.filter(status=Post.Status.PENDING)
        .select_related("topic__category", "author__profile")
        .order_by("created_at")
    )
    return {"held": held, "reported": reported}


def posts_by(*, user, viewer, limit: int = 10) -> list[Post]:
    """A member's latest published posts the viewer may see: their forum history."""
    return list(
        Post.objects.filter(author=user, status=Post.Status.VISIBLE)
        .filter(topic__in=topics_visible(viewer))
        .select_related("topic")
        .order_by("-created_at")[:limit]
    )


def subscribed(*, user, topic: Topic | None = None, category: ForumCategory | None = None) -> bool:
    if not (user and user.is_authenticated):
        return False
    return user.forum_subscriptions.filter(topic=topic, category=category).exists()


def member_urls(handles: list[str]) -> dict[str, str]:
    """handle → the member page, for the handles that belong to active members."""
    if not handles:
        return {}
    rows = Profile.objects.filter(handle__in=handles, user__is_active=True).values_list(
        "handle", "user_id"
    )
    return {handle: reverse("directory:detail", kwargs={"user_id": uid}) for handle, uid in rows}
