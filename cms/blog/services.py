"""Blog comment writes. The post page, the API and the admin moderation view all call these,
so the rules (signed-in members only, one level of replies, rate limit, pending until a
moderator approves, sanitised Markdown) live here once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config import audit
from config.errors import Conflict, NotPermitted, RateLimited, ValidationFailed
from config.markdown import render_markdown
from config.tasks import enqueue

from .models.comments import BlogComment
from .selectors import can_moderate

MAX_BODY = 5000
ACTIONS = ("approve", "reject")


def _clean_body(body) -> str:
    body = body.strip() if isinstance(body, str) else ""
    if not body:
        message = _("Write your comment first.")
        raise ValidationFailed(message, code="empty", fields={"body": [message]})
    if len(body) > MAX_BODY:
        message = _("Keep your comment under %(max)d characters.") % {"max": MAX_BODY}
        raise ValidationFailed(message, code="too_long", fields={"body": [message]})
    return body


def _check_rate(user) -> None:
    """Counted from the database, so every web worker sees the same numbers."""
    per_minute = settings.BLOG_COMMENTS_PER_MINUTE
    since = timezone.now() - timedelta(minutes=1)
    if BlogComment.objects.filter(author=user, created_at__gte=since).count() >= per_minute:
        raise RateLimited(
            _("You are commenting very fast: at most %(n)d comments a minute. Wait a moment.")
            % {"n": per_minute},
            code="commenting_too_fast",
            retry_after=60,
        )


def comment_create(*, author, post, body: str, parent_id: int | None = None) -> BlogComment:
    """A member's comment or reply, held as pending until a moderator approves it. A reply
    answers an approved top-level comment of the same post (one level of replies)."""
    if not (author and author.is_authenticated and author.is_active):
        raise NotPermitted(_("Sign in to comment."), code="not_signed_in")
    if not post.live:
        raise NotPermitted(_("This post takes no comments."), code="post_not_live")
    body = _clean_body(body)
    parent = None
    if parent_id:
        parent = BlogComment.objects.filter(
            pk=parent_id, post_id=post.pk, parent=None, status=BlogComment.Status.APPROVED
        ).first()
        if parent is None:
            message = _("You can only reply to a published comment of this post.")
            raise ValidationFailed(message, code="invalid_parent", fields={"parent": [message]})
    _check_rate(author)
    comment = BlogComment.objects.create(
        post_id=post.pk,
        author=author,
        parent=parent,
        body=body,
        body_html=render_markdown(body),
        status=BlogComment.Status.PENDING,
    )
    return comment


def _require_moderator(user) -> None:
    if not can_moderate(user):
        raise NotPermitted(_("Only moderators can do this."), code="not_a_moderator")


def comment_moderate(
    *, moderator, comment: BlogComment, action: str, reason: str = ""
) -> BlogComment:
    """Approve or reject a pending comment. The commenter is told either way; once approved,
    the post's author and the author of the comment replied to are told too."""
    _require_moderator(moderator)
    if action not in ACTIONS:
        raise ValidationFailed(
            _("Unknown action “%(action)s”.") % {"action": action}, code="unknown_action"
        )
    with transaction.atomic():
        comment = BlogComment.objects.select_for_update().get(pk=comment.pk)
        if comment.status != BlogComment.Status.PENDING:
            raise Conflict(
                _("This comment is “%(status)s” now; reload the list.")
                % {"status": comment.get_status_display()},
                code="state_changed",
            )
        comment.status = (
            BlogComment.Status.APPROVED if action == "approve" else BlogComment.Status.REJECTED
        )
        comment.moderation_note = (reason or "").strip()[:500]
        comment.moderated_by, comment.moderated_at = moderator, timezone.now()
        comment.save(update_fields=["status", "moderation_note", "moderated_by", "moderated_at"])
        audit.record(
            comment,
            f"medellin.blog_comment_{action}",
            user=moderator,
            data={"post": comment.post_id, "reason": comment.moderation_note},
        )
        enqueue("cms.blog.tasks.comment_decided", comment.pk, action)
        if action == "approve":
            # the post shows one more comment: anonymous copies of it are stale now
            from cms.cache import invalidate_pages

            transaction.on_commit(invalidate_pages)
    return comment


def comment_bulk_moderate(*, moderator, comment_ids: list[int], action: str) -> int:
    """Approve or reject many pending comments at once; the ones no longer pending are left
    alone. Returns how many changed."""
    _require_moderator(moderator)
    changed = 0
    ids = [pk for pk in comment_ids if isinstance(pk, int)][:500]
    for comment in BlogComment.objects.filter(pk__in=ids, status=BlogComment.Status.PENDING):
        try:
            comment_moderate(moderator=moderator, comment=comment, action=action)
        except Conflict:
            continue
        changed += 1
    return changed
