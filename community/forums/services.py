"""Forum writes: topics, replies, edits with history, subscriptions, reports, moderation and
bans. Site views and the API both call these, so every rule (bans, locks, rate limits, first
posts held for approval) lives here once, and every moderator's decision is audited here."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from config import audit
from config.errors import Conflict, NotPermitted, RateLimited, ValidationFailed
from config.markdown import mentioned_handles, render_markdown
from config.tasks import enqueue

from .models import ForumBan, ForumCategory, Post, PostReport, PostRevision, Subscription, Topic
from .selectors import active_ban, can_moderate, member_urls

MAX_BODY = 20000
TITLE_LENGTH = (5, 200)


# ---- rules shared by every write -------------------------------------------------------


def _check_can_write(user) -> None:
    if not (user and user.is_authenticated and user.is_active):
        raise NotPermitted(_("Sign in to take part in the forums."), code="not_signed_in")
    ban = active_ban(user)
    if ban is not None:
        if ban.until is None:
            message = _("You cannot write in the forums: %(reason)s") % {"reason": ban.reason}
        else:
            with translation.override(translation.get_language()):
                until = formats.date_format(timezone.localtime(ban.until), "DATETIME_FORMAT")
            message = _("You cannot write in the forums until %(until)s: %(reason)s") % {
                "until": until,
                "reason": ban.reason,
            }
        raise NotPermitted(message, code="banned")


def _check_rate(user, *, new_topic: bool) -> None:
    """Counted from the database, so every web worker sees the same numbers."""
    if can_moderate(user):
        return
    now = timezone.now()
    per_minute = settings.FORUM_POSTS_PER_MINUTE
    recent = Post.objects.filter(author=user, created_at__gte=now - timedelta(minutes=1)).count()
    if recent >= per_minute:
        raise RateLimited(
            _("You are posting very fast: at most %(n)d posts a minute. Wait a moment.")
            % {"n": per_minute},
            code="posting_too_fast",
        )
    if new_topic:
        per_day = settings.FORUM_TOPICS_PER_DAY
        today = Topic.objects.filter(author=user, created_at__gte=now - timedelta(days=1)).count()
        if today >= per_day:
            raise RateLimited(
                _("You started %(n)d topics in the last 24 hours, the most allowed. "
                  "Reply in an existing topic or try again tomorrow.") % {"n": per_day},
                code="too_many_topics",
            )  # fmt: skip


def _held_for_approval(user) -> bool:
    """New members' first posts wait for a moderator (FORUM_HOLD_FIRST_POSTS published posts
    are needed before posting freely)."""
    needed = settings.FORUM_HOLD_FIRST_POSTS
    if needed <= 0 or can_moderate(user):
        return False
    published = Post.objects.filter(author=user, status=Post.Status.VISIBLE)[:needed].count()
    return published < needed


def _clean_body(body) -> str:
    body = (body or "").strip() if isinstance(body, str) else ""
    if not body:
        raise ValidationFailed(
            _("Write something first."),
            code="empty",
            fields={"body": [_("Write something first.")]},
        )
    if len(body) > MAX_BODY:
        message = _("Keep it under %(max)d characters.") % {"max": MAX_BODY}
        raise ValidationFailed(message, code="too_long", fields={"body": [message]})
    return body


def _clean_title(title) -> str:
    title = " ".join(title.split()) if isinstance(title, str) else ""
    low, high = TITLE_LENGTH
    if not low <= len(title) <= high:
        message = _("The title needs %(low)d to %(high)d characters.") % {"low": low, "high": high}
        raise ValidationFailed(message, code="invalid_title", fields={"title": [message]})
    return title


def post_html(body: str) -> str:
    """A post's Markdown as safe HTML, its @mentions linked to the members' profiles."""
    return render_markdown(body, mention_urls=member_urls(mentioned_handles(body)))


def _slug_for(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "tema"
    if not Topic.objects.filter(slug=base).exists():
        return base
    return f"{base[:100]}-{secrets.token_hex(3)}"


def _after_commit_reindex(topic_id: int) -> None:
    from wagtail.search.index import insert_or_update_object

    def reindex():
        topic = Topic.objects.filter(pk=topic_id).first()
        if topic is not None:
            insert_or_update_object(topic)

    transaction.on_commit(reindex)


def _refresh_topic(topic: Topic) -> None:
    """Recount replies and last activity from the published posts."""
    visible = topic.posts.filter(status=Post.Status.VISIBLE)
    last = visible.order_by("-created_at").only("created_at", "author_id").first()
    topic.reply_count = visible.filter(is_opening=False).count()
    if last is not None:
        topic.last_activity_at, topic.last_post_author_id = last.created_at, last.author_id
    topic.save(update_fields=["reply_count", "last_activity_at", "last_post_author", "updated_at"])
    _after_commit_reindex(topic.pk)


# ---- topics and posts ----------------------------------------------------------------------


def topic_create(*, author, category: ForumCategory, title: str, body: str, language=None) -> Topic:
    _check_can_write(author)
    if not category.is_active:
        raise ValidationFailed(
            _("This category is closed; choose another."),
            code="category_closed",
            fields={"category": [_("This category is closed; choose another.")]},
        )
    title, body = _clean_title(title), _clean_body(body)
    languages = {code for code, _name in settings.LANGUAGES}
    language = language if language in languages else (translation.get_language() or "es")[:2]
    _check_rate(author, new_topic=True)
    held = _held_for_approval(author)
    now = timezone.now()
    with transaction.atomic():
        for attempt in range(3):
            try:
                with transaction.atomic():
                    topic = Topic.objects.create(
                        category=category,
                        title=title,
                        slug=_slug_for(title)
                        if attempt == 0
                        else f"{slugify(title)[:100]}-{secrets.token_hex(4)}",
                        author=author,
                        language=language if language in languages else "es",
                        status=Topic.Status.PENDING if held else Topic.Status.ACTIVE,
                        last_activity_at=now,
                        last_post_author=author,
                    )
                break
            except IntegrityError:  # the same slug, taken a moment ago
                if attempt == 2:
                    raise
        post = Post.objects.create(
            topic=topic,
            author=author,
            is_opening=True,
            body=body,
            body_html=post_html(body),
            status=Post.Status.PENDING if held else Post.Status.VISIBLE,
        )
        Subscription.objects.get_or_create(user=author, topic=topic)
        _announce(post)
    return topic


def post_create(*, author, topic: Topic, body: str, parent: Post | None = None) -> Post:
    _check_can_write(author)
    body = _clean_body(body)
    with transaction.atomic():
        topic = Topic.objects.select_for_update().get(pk=topic.pk)
        if topic.status != Topic.Status.ACTIVE:
            raise NotPermitted(_("This topic is not open for replies."), code="topic_closed")
        if topic.is_locked and not can_moderate(author):
            raise NotPermitted(
                _("This topic is locked: it takes no new replies."), code="topic_locked"
            )
        if parent is not None and (
            parent.topic_id != topic.pk or parent.status != Post.Status.VISIBLE
        ):
            raise ValidationFailed(
                _("You can only reply to a published post of this topic."),
                code="invalid_parent",
                fields={"parent": [_("You can only reply to a published post of this topic.")]},
            )
        _check_rate(author, new_topic=False)
        held = _held_for_approval(author)
        post = Post.objects.create(
            topic=topic,
            author=author,
            parent=parent,
            body=body,
            body_html=post_html(body),
            status=Post.Status.PENDING if held else Post.Status.VISIBLE,
        )
        if not held:
            Topic.objects.filter(pk=topic.pk).update(
                reply_count=F("reply_count") + 1,
                last_activity_at=post.created_at,
                last_post_author=author,
            )
            _after_commit_reindex(topic.pk)
        Subscription.objects.get_or_create(user=author, topic=topic)
        _announce(post)
    return post


def _announce(post: Post) -> None:
    """Published: tell the people it concerns. Held: tell the moderators."""
    if post.status == Post.Status.VISIBLE:
        enqueue("community.forums.tasks.post_published", post.pk)
    elif post.status == Post.Status.PENDING:
        enqueue("community.forums.tasks.moderators_alert", "post", post.pk)


def post_edit(*, post: Post, editor, body: str, title: str | None = None) -> Post:
    """Change a post's text, keeping the previous text as a revision. Members mentioned for
    the first time by the edit are told; the others were told already."""
    moderator = can_moderate(editor)
    if post.author_id != editor.pk and not moderator:
        raise NotPermitted(_("You can only edit your own posts."), code="not_your_post")
    if not moderator:
        _check_can_write(editor)
        if post.status in (Post.Status.HIDDEN, Post.Status.REJECTED):
            raise NotPermitted(
                _("A moderator removed this post; it cannot be edited."), code="post_removed"
            )
        if post.topic.is_locked:
            raise NotPermitted(
                _("This topic is locked: its posts cannot be edited."), code="topic_locked"
            )
    body = _clean_body(body)
    title = _clean_title(title) if (title is not None and post.is_opening) else None
    with transaction.atomic():
        post = Post.objects.select_for_update(of=("self",)).select_related("topic").get(pk=post.pk)
        title_changed = title is not None and title != post.topic.title
        if body == post.body and not title_changed:
            return post  # nothing changed: no revision
        if body != post.body:
            before = set(mentioned_handles(post.body))
            PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
            post.body, post.body_html, post.edited_at = body, post_html(body), timezone.now()
            post.save(update_fields=["body", "body_html", "edited_at"])
            added = [h for h in mentioned_handles(body) if h not in before]
            if added and post.status == Post.Status.VISIBLE:
                enqueue("community.forums.tasks.post_mentions", post.pk, ",".join(added))
        if title_changed:
            post.topic.title = title
            post.topic.save(update_fields=["title", "updated_at"])
        _after_commit_reindex(post.topic_id)
    return post


def topic_record_view(*, topic: Topic, session) -> None:
    """Count a view once per visitor session, so reloading doesn't inflate the figure."""
    seen = session.get("forum_seen", [])
    if topic.pk in seen:
        return
    Topic.objects.filter(pk=topic.pk).update(view_count=F("view_count") + 1)
    session["forum_seen"] = [*seen[-199:], topic.pk]


# ---- subscriptions -------------------------------------------------------------------------


def subscribe(*, user, topic: Topic | None = None, category: ForumCategory | None = None):
    if (topic is None) == (category is None):
        raise ValidationFailed(_("Follow a topic or a category."), code="invalid_subscription")
    subscription, _created = Subscription.objects.get_or_create(
        user=user, topic=topic, category=category
    )
    return subscription


def unsubscribe(*, user, topic: Topic | None = None, category: ForumCategory | None = None) -> None:
    Subscription.objects.filter(user=user, topic=topic, category=category).delete()


# ---- reports ----------------------------------------------------------------------------------

REPORTS_PER_DAY = 20


def report_create(*, reporter, post: Post, reason: str, note: str = "") -> PostReport:
    _check_can_write(reporter)
    if post.author_id == reporter.pk:
        raise ValidationFailed(_("You cannot report your own post."), code="own_post")
    if reason not in PostReport.Reason.values:
        raise ValidationFailed(
            _("Choose a reason."), code="invalid_reason", fields={"reason": [_("Choose a reason.")]}
        )
    since = timezone.now() - timedelta(days=1)
    if (
        PostReport.objects.filter(reporter=reporter, created_at__gte=since).count()
        >= REPORTS_PER_DAY
    ):
        raise RateLimited(
            _("You sent many reports today; the moderators are on them. Try again tomorrow."),
            code="too_many_reports",
        )
    try:
        with transaction.atomic():
            report = PostReport.objects.create(
                post=post, reporter=reporter, reason=reason, note=(note or "")[:1000]
            )
            enqueue("community.forums.tasks.moderators_alert", "report", report.pk)
    except IntegrityError:
        raise Conflict(
            _("You already reported this post; thank you."), code="already_reported"
        ) from None
    return report


def report_dismiss(*, moderator, report: PostReport) -> PostReport:
    _require_moderator(moderator)
    with transaction.atomic():
        dismissed = PostReport.objects.filter(pk=report.pk, status=PostReport.Status.OPEN).update(
            status=PostReport.Status.DISMISSED, resolved_by=moderator, resolved_at=timezone.now()
        )
        if dismissed:
            report.refresh_from_db()
            audit.record(
                report,
                "medellin.forum_report_dismiss",
                user=moderator,
                data={"post": report.post_id, "report_reason": report.reason},
            )
    return report


# ---- moderation --------------------------------------------------------------------------------


def _require_moderator(user) -> None:
    if not can_moderate(user):
        raise NotPermitted(_("Only moderators can do this."), code="not_a_moderator")


POST_ACTIONS = ("hide", "restore", "approve", "reject")


def post_moderate(*, moderator, post: Post, action: str, reason: str = "") -> Post:
    """Hide or restore a published post; approve or reject a held one. Open reports on the
    post are closed as acted on; the author is told, in their language."""
    _require_moderator(moderator)
    allowed_from = {
        "hide": (Post.Status.VISIBLE,),
        "restore": (Post.Status.HIDDEN,),
        "approve": (Post.Status.PENDING,),
        "reject": (Post.Status.PENDING,),
    }
    if action not in allowed_from:
        raise ValidationFailed(
            _("Unknown action “%(action)s”.") % {"action": action}, code="unknown_action"
        )
    if action in ("hide", "reject") and not reason.strip():
        raise ValidationFailed(
            _("Say why, so the author understands."),
            code="reason_required",
            fields={"reason": [_("Say why, so the author understands.")]},
        )
    with transaction.atomic():
        post = Post.objects.select_for_update(of=("self",)).select_related("topic").get(pk=post.pk)
        old_status = post.status
        if post.status not in allowed_from[action]:
            raise Conflict(
                _("This post is “%(status)s” now; reload the queue.")
                % {"status": post.get_status_display()},
                code="state_changed",
            )
        post.status = {
            "hide": Post.Status.HIDDEN,
            "restore": Post.Status.VISIBLE,
            "approve": Post.Status.VISIBLE,
            "reject": Post.Status.REJECTED,
        }[action]
        post.moderation_note, post.moderated_by = reason.strip()[:500], moderator
        post.save(update_fields=["status", "moderation_note", "moderated_by"])
        if post.is_opening:
            post.topic.status = (
                Topic.Status.ACTIVE if post.status == Post.Status.VISIBLE else Topic.Status.HIDDEN
            )
            post.topic.save(update_fields=["status", "updated_at"])
        _refresh_topic(post.topic)
        closed = post.reports.filter(status=PostReport.Status.OPEN).update(
            status=PostReport.Status.ACTIONED, resolved_by=moderator, resolved_at=timezone.now()
        )
        audit.record(
            post,
            f"medellin.forum_post_{action}",
            user=moderator,
            data={
                "old_status": old_status,
                "new_status": post.status,
                "reason": post.moderation_note,
                "topic": post.topic_id,
                "reports_closed": closed,
            },
        )
        if action == "approve":
            _announce(post)
        enqueue("community.forums.tasks.author_told", post.pk, action)
    return post


TOPIC_ACTIONS = ("lock", "unlock", "pin", "unpin", "move")


def topic_moderate(
    *, moderator, topic: Topic, action: str, category: ForumCategory | None = None
) -> Topic:
    _require_moderator(moderator)
    if action not in TOPIC_ACTIONS:
        raise ValidationFailed(
            _("Unknown action “%(action)s”.") % {"action": action}, code="unknown_action"
        )
    if action == "move" and (category is None or not category.is_active):
        raise ValidationFailed(
            _("Choose an open category to move the topic to."),
            code="invalid_category",
            fields={"category": [_("Choose an open category to move the topic to.")]},
        )
    with transaction.atomic():
        topic = Topic.objects.select_for_update().select_related("category").get(pk=topic.pk)
        before = (topic.is_locked, topic.is_pinned, topic.category_id)
        data = {}
        if action in ("lock", "unlock"):
            topic.is_locked = action == "lock"
        elif action in ("pin", "unpin"):
            topic.is_pinned = action == "pin"
        else:
            data = {
                "from_category": {"es": topic.category.name_es, "en": topic.category.name_en},
                "to_category": {"es": category.name_es, "en": category.name_en},
                "from_category_id": topic.category_id,
                "to_category_id": category.pk,
            }
            topic.category = category
        topic.save(update_fields=["is_locked", "is_pinned", "category", "updated_at"])
        if before != (topic.is_locked, topic.is_pinned, topic.category_id):
            audit.record(topic, f"medellin.forum_topic_{action}", user=moderator, data=data)
        _after_commit_reindex(topic.pk)
    return topic


BAN_DAYS = (1, 7, 30, 365)


def user_ban(*, moderator, user, reason: str, days: int | None) -> ForumBan:
    """Stop a member writing in the forums for `days` (None: until lifted)."""
    _require_moderator(moderator)
    if user.pk == moderator.pk:
        raise ValidationFailed(_("You cannot ban yourself."), code="self_ban")
    if can_moderate(user):
        raise NotPermitted(_("Moderators and admins cannot be banned."), code="ban_moderator")
    if not reason or not reason.strip():
        raise ValidationFailed(
            _("Say why, so the member understands."),
            code="reason_required",
            fields={"reason": [_("Say why, so the member understands.")]},
        )
    if days is not None and days not in BAN_DAYS:
        raise ValidationFailed(
            _("Choose a ban of 1, 7, 30 or 365 days, or no end."), code="invalid_days",
            fields={"days": [_("Choose a ban of 1, 7, 30 or 365 days, or no end.")]},
        )  # fmt: skip
    until = timezone.now() + timedelta(days=days) if days else None
    with transaction.atomic():
        replaced = ForumBan.objects.filter(user=user, lifted_at=None).update(
            lifted_at=timezone.now()
        )
        ban = ForumBan.objects.create(
            user=user, reason=reason.strip()[:500], until=until, created_by=moderator
        )
        audit.record(
            ban,
            "medellin.forum_ban_create",
            user=moderator,
            data={
                "member": user.pk,
                "days": days,
                "until": until,
                "reason": ban.reason,
                "bans_replaced": replaced,
            },
        )
    return ban


def ban_lift(*, moderator, ban: ForumBan) -> ForumBan:
    _require_moderator(moderator)
    with transaction.atomic():
        lifted = ForumBan.objects.filter(pk=ban.pk, lifted_at=None).update(lifted_at=timezone.now())
        if lifted:
            ban.refresh_from_db()
            audit.record(
                ban, "medellin.forum_ban_lift", user=moderator, data={"member": ban.user_id}
            )
    return ban
