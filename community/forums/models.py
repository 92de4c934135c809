"""Forums: categories (a tree), topics, posts with replies, edit history, subscriptions,
reports and bans. A topic's opening text is its first post, so editing, reporting, hiding and
searching work the same for both."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class ForumCategory(models.Model):
    """A place for topics. Names come in both site languages on one row (topics belong to the
    category, not to a translation of it); `name` shows the one for the active language."""

    name_es = models.CharField(_("name (Spanish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    sort_order = models.IntegerField(_("sort order"), default=999)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["sort_order", "name_es"]
        indexes = [models.Index(fields=["is_active", "parent", "sort_order"])]

    def __str__(self) -> str:
        return self.name

    def _localized(self, field: str) -> str:
        language = (translation.get_language() or "es")[:2]
        value = getattr(self, f"{field}_{language}", "") if language in ("es", "en") else ""
        return value or getattr(self, f"{field}_es")

    @property
    def name(self) -> str:
        return self._localized("name")

    @property
    def description(self) -> str:
        return self._localized("description")


class Topic(index.Indexed, models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Published")
        PENDING = "pending", _("Waiting for approval")
        HIDDEN = "hidden", _("Hidden by a moderator")

    category = models.ForeignKey(
        ForumCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_topics"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="es"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ACTIVE)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    last_post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("searchable_text"),
        index.FilterField("status"),
        index.FilterField("category_id"),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            # the category page: pinned first, then latest activity
            models.Index(fields=["category", "status", "-is_pinned", "-last_activity_at"]),
            models.Index(fields=["status", "-last_activity_at"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("forums:topic", kwargs={"slug": self.slug})

    def searchable_text(self) -> str:
        """What search finds a topic by: the text of its published posts, never hidden ones."""
        return "\n".join(
            self.posts.filter(status=Post.Status.VISIBLE).values_list("body", flat=True)[:500]
        )


class Post(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Published")
        PENDING = "pending", _("Waiting for approval")
        HIDDEN = "hidden", _("Hidden by a moderator")
        REJECTED = "rejected", _("Rejected")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_posts"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
    )
    is_opening = models.BooleanField(default=False, editable=False)
    body = models.TextField(_("text (Markdown)"), max_length=20000)
    body_html = models.TextField(editable=False)  # rendered and sanitised once, at save
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.VISIBLE)
    moderation_note = models.CharField(_("moderation note"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # set when replies, mentions and followers were told: a retried task tells nobody twice
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = [("moderate_forum", _("Can moderate the forums"))]
        indexes = [
            models.Index(fields=["topic", "status", "created_at"]),
            models.Index(fields=["author", "created_at"]),  # rate limits and history
            models.Index(fields=["status", "created_at"]),  # the moderation queue
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["topic"], condition=Q(is_opening=True), name="one_opening_post_per_topic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"


class PostRevision(models.Model):
    """The text a post had before an edit: the edit history shows them newest first."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["post", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.post} @ {self.created_at:%Y-%m-%d %H:%M}"


class Subscription(models.Model):
    """Watching a topic (every new post) or a category (every new topic)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    category = models.ForeignKey(
        ForumCategory,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=True, category__isnull=False)
                | Q(topic__isnull=False, category__isnull=True),
                name="subscription_to_topic_or_category",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], condition=Q(topic__isnull=False), name="one_topic_sub"
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=Q(category__isnull=False),
                name="one_category_sub",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.topic or self.category}"


class PostReport(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Harassment or abuse")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIONED = "actioned", _("Acted on")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post report")
        verbose_name_plural = _("post reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], name="forum_one_report_per_reporter"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.post}: {self.reason}"


class ForumBan(models.Model):
    """A member who may read but not write in the forums until `until` (None: no end)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_bans",
    )
    reason = models.CharField(_("reason"), max_length=500)
    until = models.DateTimeField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum ban")
        verbose_name_plural = _("forum bans")
        indexes = [models.Index(fields=["user", "lifted_at"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.until or '∞'})"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and (self.until is None or self.until > timezone.now())


ForumReportReason = PostReport.Reason  # named in the API schema (ENUM_NAME_OVERRIDES)
