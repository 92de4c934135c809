"""Readers' comments on posts. Below the pages: the comment reads and writes (selectors.py,
services.py) that a post's page calls import this module, never the pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BlogComment(models.Model):
    """A member's comment on a post, or a reply to one (one level: a reply's parent is a
    top-level comment). Held as pending until a moderator approves it; the Markdown source
    is rendered and sanitised once, when written."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Published")
        REJECTED = "rejected", _("Rejected")

    post = models.ForeignKey(
        "blog.BlogPostPage",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    body = models.TextField(_("comment (Markdown)"), max_length=5000)
    body_html = models.TextField(editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    moderation_note = models.CharField(_("moderation note"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blog comment")
        verbose_name_plural = _("blog comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_blogcomment", _("Can moderate blog comments"))]
        indexes = [
            models.Index(fields=["post", "status", "created_at"], name="blog_comment_post"),
            models.Index(fields=["status", "created_at"], name="blog_comment_queue"),
            models.Index(fields=["author", "created_at"], name="blog_comment_author"),
        ]

    def __str__(self) -> str:
        return f"{self.post} #{self.pk}"
