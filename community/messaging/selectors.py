"""Reads for direct messages: who may write to whom, the conversation list with unread
counts, the messages of one conversation (also for polling), and the report queue."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from community.connections.models import Connection
from community.connections.selectors import connection_between

from .models import Conversation, Message, MessageReport, MessagingPreference

PAGE = 50


def pair(a_id: int, b_id: int) -> tuple[int, int]:
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


def messages_from(user) -> str:
    """The member's choice of who may start a conversation with them."""
    found = MessagingPreference.objects.filter(user=user).values_list("messages_from", flat=True)
    return next(iter(found), MessagingPreference.From.CONNECTIONS)


def conversation_between(a, b) -> Conversation | None:
    low, high = pair(a.pk, b.pk)
    return Conversation.objects.filter(user_low_id=low, user_high_id=high).first()


def messaging_refusal(sender, recipient) -> tuple[str, str] | None:
    """Why `sender` may not write to `recipient` as (code, message), or None when they may.

    Allowed: members who are connected; anyone when the recipient accepts messages from all
    members; and a member who already wrote to the sender may always be answered. Never
    oneself, an inactive account, or across a block (either way)."""
    if sender.pk == recipient.pk:
        return "self_message", _("You cannot send a message to yourself.")
    if not recipient.is_active:
        return "inactive_member", _("This member's account is not active.")
    connection = connection_between(sender, recipient)
    if connection is not None and connection.status == Connection.Status.BLOCKED:
        return "blocked", _("You cannot send messages to this member.")
    if connection is not None and connection.status == Connection.Status.ACCEPTED:
        return None
    if messages_from(recipient) == MessagingPreference.From.MEMBERS:
        return None
    low, high = pair(sender.pk, recipient.pk)
    answered = Message.objects.filter(
        conversation__user_low_id=low, conversation__user_high_id=high, sender=recipient
    ).exists()
    if answered:
        return None
    return "not_connected", _(
        "This member only receives messages from their connections. "
        "Send a connection request first."
    )


def can_message(sender, recipient) -> bool:
    return messaging_refusal(sender, recipient) is None


def _participant(user) -> Q:
    return Q(user_low=user) | Q(user_high=user)


def _not_blocked(prefix: str = "") -> Exists:
    """The pair of the conversation (or of a message's conversation) is not blocked."""
    return ~Exists(
        Connection.objects.filter(
            user_low_id=OuterRef(f"{prefix}user_low_id"),
            user_high_id=OuterRef(f"{prefix}user_high_id"),
            status=Connection.Status.BLOCKED,
        )
    )


def conversation_list(user) -> QuerySet[Conversation]:
    """The member's conversations, latest activity first, each with both members (and
    profiles), its last message (`last_body`, `last_sender_id`, `last_read_at`,
    `last_removed_at`) and `unread` (messages to the member not yet seen). One query.
    Conversations with someone blocked either way are left out."""
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-pk")
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), recipient=user, read_at=None)
        .order_by()
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Conversation.objects.filter(_participant(user))
        .filter(_not_blocked())
        .select_related("user_low__profile", "user_high__profile")
        .annotate(
            last_id=Subquery(last.values("pk")[:1]),
            last_body=Subquery(last.values("body")[:1]),
            last_sender_id=Subquery(last.values("sender_id")[:1]),
            last_read_at=Subquery(last.values("read_at")[:1]),
            last_removed_at=Subquery(last.values("removed_at")[:1]),
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
        )
        .order_by("-last_message_at", "-pk")
    )


def unread_message_count(user) -> int:
    """Messages waiting for the member, outside blocked conversations: one COUNT query on
    the partial index of unread messages."""
    return (
        Message.objects.filter(recipient=user, read_at=None)
        .filter(_not_blocked("conversation__"))
        .count()
    )


def conversation_for(user, conversation_id: int) -> Conversation | None:
    """The conversation if `user` takes part in it and no block stands between the two;
    otherwise None (callers answer 404: others' conversations do not exist for them)."""
    return (
        Conversation.objects.filter(_participant(user), pk=conversation_id)
        .filter(_not_blocked())
        .select_related("user_low__profile", "user_high__profile")
        .first()
    )


def conversation_messages(
    user, conversation: Conversation, *, after_id: int | None = None, before_id: int | None = None
) -> QuerySet[Message]:
    """Messages of a conversation the caller takes part in, newest first.

    `after_id` keeps only messages newer than that one (polling); `before_id` only older ones
    (paging back). Senders are one of the two participants the caller already has, so no
    join is needed."""
    if not conversation.has_participant(user):
        return Message.objects.none()
    messages = Message.objects.filter(conversation=conversation)
    if after_id is not None:
        messages = messages.filter(pk__gt=after_id)
    if before_id is not None:
        messages = messages.filter(pk__lt=before_id)
    return messages.order_by("-created_at", "-pk")


def message_for(user, message_id: int) -> Message | None:
    """A message in one of the member's (unblocked) conversations, or None."""
    return (
        Message.objects.filter(
            Q(conversation__user_low=user) | Q(conversation__user_high=user), pk=message_id
        )
        .filter(_not_blocked("conversation__"))
        .select_related("conversation")
        .first()
    )


def report_list(*, status: str | None = MessageReport.Status.OPEN) -> QuerySet[MessageReport]:
    """The moderation queue: reports with their message, sender and reporter, newest first."""
    reports = MessageReport.objects.select_related(
        "message__sender__profile", "reporter__profile", "resolved_by"
    )
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-created_at", "-pk")
