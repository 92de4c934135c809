from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_BODY = 5000
MAX_NOTE = 1000


class MessagingPreference(models.Model):
    """Who may start a conversation with a member. No row means the default: connections."""

    class From(models.TextChoices):
        CONNECTIONS = "connections", _("Only my connections")
        MEMBERS = "members", _("Any signed-in member")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messaging_preference"
    )
    messages_from = models.CharField(
        _("who can message me"), max_length=20, choices=From, default=From.CONNECTIONS
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("messaging preference")
        verbose_name_plural = _("messaging preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.messages_from}"


class Conversation(models.Model):
    """The one conversation between two members.

    The pair is stored ordered (user_low < user_high), as connections are, so the database
    refuses a second conversation for the same two people and any conversation with oneself;
    a block between them is found with the same pair."""

    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations_started"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["user_low", "user_high"], name="one_conversation_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(user_low__lt=F("user_high")), name="no_self_conversation"
            ),
        ]
        indexes = [
            models.Index(fields=["user_low", "-last_message_at"]),
            models.Index(fields=["user_high", "-last_message_at"]),
            # rate limit: conversations a member started in the last day
            models.Index(fields=["started_by", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_low_id}–{self.user_high_id}"

    def other_id(self, user_id: int) -> int:
        return self.user_high_id if user_id == self.user_low_id else self.user_low_id

    def other(self, user):
        """The other participant (uses the rows the selectors loaded)."""
        return self.user_high if user.pk == self.user_low_id else self.user_low

    def has_participant(self, user) -> bool:
        return user.pk in (self.user_low_id, self.user_high_id)


class Message(models.Model):
    """One message. The body is stored as the sender typed it (plain text) and escaped when
    shown. `recipient` repeats the conversation's other member so unread counts and
    read receipts are one indexed query."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_received"
    )
    body = models.TextField(_("message"), max_length=MAX_BODY)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    removed_at = models.DateTimeField(
        _("removed by a moderator at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["conversation", "created_at"]),
            models.Index(fields=["sender", "created_at"]),  # rate limit per minute
            models.Index(
                fields=["recipient"], name="message_unread_idx", condition=Q(read_at=None)
            ),
        ]

    def __str__(self) -> str:
        return self.excerpt

    @property
    def excerpt(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= 140 else text[:139] + "…"


class MessageReport(models.Model):
    """A participant's report of a message to the moderators; one per message and reporter."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        HARASSMENT = "harassment", _("Harassment or hate")
        INAPPROPRIATE = "inappropriate", _("Inappropriate content")
        SCAM = "scam", _("Scam or fraud")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        RESOLVED = "resolved", _("Resolved (message removed)")
        DISMISSED = "dismissed", _("Dismissed (message kept)")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="reports", verbose_name=_("message")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="message_reports",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    note = models.TextField(_("note"), max_length=MAX_NOTE, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="message_reports_resolved",
        verbose_name=_("handled by"),
    )
    resolved_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="one_report_per_reporter")
        ]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.message.excerpt}"


MessageReportReason = MessageReport.Reason  # named in the API schema (ENUM_NAME_OVERRIDES)
