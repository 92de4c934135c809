"""Blog reads shared by pages, feeds, the home page block and the API. Every one of them is
bounded: a fixed number of queries whatever the number of posts or comments."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.urls import reverse
from wagtail.models import Locale

from .models import BlogCategory, BlogComment, BlogIndexPage, BlogPostPage

MODERATE_PERMISSION = "blog.moderate_blogcomment"
NEWEST = F("publication_date").desc(nulls_last=True)
MAX_COMMENTS = 200  # top-level comments shown under a post (newest threads beyond: not shown)


def can_moderate(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


def post_list(
    *, index: BlogIndexPage, tag=None, category: BlogCategory | None = None
) -> QuerySet[BlogPostPage]:
    """Live public posts of an index, newest first."""
    posts = BlogPostPage.objects.child_of(index).live().public().with_card_data()
    if tag is not None:
        posts = posts.filter(tagged_items__tag=tag)
    if category is not None:
        posts = posts.filter(categories=category)
    return posts.order_by(NEWEST, "-pk").defer_streamfields()


def latest_posts(*, locale: Locale | None, count: int, category=None) -> list[BlogPostPage]:
    """The newest live posts of a language (optionally of a category): the home page block."""
    posts = BlogPostPage.objects.live().public().with_card_data()
    if locale is not None:
        posts = posts.filter(locale=locale)
    if category is not None:
        posts = posts.filter(categories__translation_key=category.translation_key)
    count = max(1, min(int(count or 3), 12))
    return list(posts.order_by(NEWEST, "-pk").defer_streamfields()[:count])


def related_posts(post: BlogPostPage, *, limit: int = 3) -> list[BlogPostPage]:
    """Live posts in the same language sharing the most tags and categories with `post`."""
    tag_ids = [tag.pk for tag in post.tags.all()]
    category_ids = [category.pk for category in post.categories.all()]
    if not tag_ids and not category_ids:
        return []
    shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
    shared_categories = Count("categories", filter=Q(categories__in=category_ids), distinct=True)
    return list(
        BlogPostPage.objects.live()
        .public()
        .with_card_data()
        .filter(locale_id=post.locale_id)
        .exclude(pk=post.pk)
        .filter(Q(tagged_items__tag_id__in=tag_ids) | Q(categories__in=category_ids))
        .annotate(shared=shared + shared_categories)
        .order_by("-shared", NEWEST, "-pk")
        .defer_streamfields()[:limit]
    )


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


def comment_tree(post: BlogPostPage) -> list[BlogComment]:
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


def comment_count(post: BlogPostPage) -> int:
    return BlogComment.objects.filter(post=post, status=BlogComment.Status.APPROVED).count()


def approved_comments(post: BlogPostPage) -> QuerySet[BlogComment]:
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


def live_post(pk: int) -> BlogPostPage | None:
    """A published, public post (what the comments API may talk about)."""
    return BlogPostPage.objects.live().public().filter(pk=pk).defer_streamfields().first()


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
