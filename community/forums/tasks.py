"""Forum background tasks: who to tell about a post, told once, in their language."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from community.notifications.rendering import recipient_language
from community.notifications.services import notify
from config.markdown import mentioned_handles

from .models import Post, PostReport, Subscription
from .selectors import moderators


def _excerpt(post: Post) -> str:
    return Truncator(" ".join(post.body.split())).chars(140)


def _context(post: Post) -> dict:
    author = post.author.profile.display_name if hasattr(post.author, "profile") else ""
    return {"author": author, "topic": post.topic.title, "excerpt": _excerpt(post)}


def _url(post: Post, language: str) -> str:
    with translation.override(language):
        return reverse("forums:topic", kwargs={"slug": post.topic.slug}) + f"#post-{post.pk}"


def _blocked_ids(user) -> set[int]:
    from community.connections.models import Connection
    from community.connections.selectors import involving

    rows = involving(user).filter(status=Connection.Status.BLOCKED)
    return {row.other(user.pk) for row in rows}


def _tell(users, type_code: str, post: Post) -> None:
    context = _context(post)
    for user in users:
        notify(
            recipient=user,
            type_code=type_code,
            context=context,
            url=_url(post, recipient_language(user)),
        )


def _mentioned(post: Post, handles: list[str]):
    from community.accounts.models import Profile

    return [
        profile.user
        for profile in Profile.objects.filter(handle__in=handles, user__is_active=True)
        .select_related("user__profile")
        .order_by("pk")
    ]


def post_published(post_id: int) -> int:
    """Tell the mentioned, the person replied to, and the followers — each at most once, the
    most specific reason winning. Returns how many were told."""
    with transaction.atomic():
        post = (
            Post.objects.select_for_update(of=("self",))
            .select_related("topic__author__profile", "author__profile", "parent__author__profile")
            .get(pk=post_id)
        )
        if post.notified_at is not None or post.status != Post.Status.VISIBLE:
            return 0
        post.notified_at = timezone.now()
        post.save(update_fields=["notified_at"])
    skip = {post.author_id} | _blocked_ids(post.author)
    told: dict[str, list] = {"forums.mention": [], "forums.reply": [], "forums.watched": []}

    def add(kind: str, user) -> None:
        if user.pk not in skip and user.is_active:
            skip.add(user.pk)
            told[kind].append(user)

    for user in _mentioned(post, mentioned_handles(post.body)):
        add("forums.mention", user)
    if not post.is_opening:
        add("forums.reply", post.parent.author if post.parent else post.topic.author)
        followers = Subscription.objects.filter(topic=post.topic)
    else:
        category = post.topic.category
        followers = Subscription.objects.filter(
            category_id__in=[category.pk, category.parent_id or category.pk]
        )
    for subscription in followers.select_related("user__profile").order_by("pk"):
        add("forums.watched", subscription.user)
    for kind, users in told.items():
        _tell(users, kind, post)
    return sum(len(users) for users in told.values())


def post_mentions(post_id: int, handles: str) -> int:
    """Members an edit mentions for the first time."""
    post = Post.objects.select_related("topic", "author__profile").get(pk=post_id)
    if post.status != Post.Status.VISIBLE:
        return 0
    skip = {post.author_id} | _blocked_ids(post.author)
    users = [u for u in _mentioned(post, handles.split(",")) if u.pk not in skip]
    _tell(users, "forums.mention", post)
    return len(users)


def moderators_alert(kind: str, pk: int) -> int:
    """A held post or a report waits: tell every moderator in the app."""
    if kind == "report":
        post = (
            PostReport.objects.select_related("post__topic", "post__author__profile")
            .get(pk=pk)
            .post
        )
    else:
        post = Post.objects.select_related("topic", "author__profile").get(pk=pk)
    users = list(moderators().select_related("profile").exclude(pk=post.author_id))
    context = _context(post)
    for user in users:
        notify(
            recipient=user,
            type_code="forums.moderation",
            context=context,
            url=reverse("forums_moderation:queue"),
        )
    return len(users)


def author_told(post_id: int, action: str) -> None:
    post = Post.objects.select_related("topic", "author__profile").get(pk=post_id)
    language = recipient_language(post.author)
    with translation.override(language):
        decision = {
            "approve": _("It is published now."),
            "restore": _("It is visible again."),
            "hide": _("It is hidden: %(reason)s") % {"reason": post.moderation_note},
            "reject": _("It was not published: %(reason)s") % {"reason": post.moderation_note},
        }[action]
    notify(
        recipient=post.author,
        type_code="forums.moderated",
        context={**_context(post), "decision": decision},
        url=_url(post, language),
    )
