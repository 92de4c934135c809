"""Direct messages: send, mark read, report, and moderators' decisions on reports.

Every refusal is a domain error with a message a person can act on; the site and the API
call these same functions, so they share the rules and the anti-spam limits."""

from __future__ import annotations

import math
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config import audit
from config.errors import Conflict, NotPermitted, RateLimited, ValidationFailed

from .models import MAX_BODY, MAX_NOTE, Conversation, Message, MessageReport, MessagingPreference
from .selectors import messaging_refusal, pair
from .types import NEW_MESSAGE, REPORTED

# Control characters other than tab and newline never belong in a message.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
REFUSAL_ERRORS = {
    "self_message": ValidationFailed,
    "inactive_member": ValidationFailed,
    "blocked": NotPermitted,
    "not_connected": NotPermitted,
}


def _display(user) -> str:
    return user.get_full_name() or user.email.split("@")[0]


def clean_body(body: str) -> str:
    """The text as it is stored: newlines normalised, control characters and surrounding
    blank space removed. Markup is kept as typed and escaped whenever it is shown."""
    text = _CONTROL.sub("", (body or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise ValidationFailed(
            _("Write a message before sending."),
            code="empty_message",
            fields={"body": [_("Write a message before sending.")]},
        )
    if len(text) > MAX_BODY:
        message = _("A message can have at most %(max)d characters; this one has %(n)d.") % {
            "max": MAX_BODY,
            "n": len(text),
        }
        raise ValidationFailed(message, code="message_too_long", fields={"body": [message]})
    return text


def _retry_after(times: list, window: timedelta, now) -> int:
    return max(1, math.ceil((times[-1] + window - now).total_seconds()))


def _check_rate_limits(sender, *, new_conversation: bool, now) -> None:
    """Anti-spam limits, counted from the rows themselves (no extra store): messages per
    minute, and new conversations per day (settings MESSAGES_PER_MINUTE and
    MESSAGES_NEW_CONVERSATIONS_PER_DAY)."""
    per_minute = settings.MESSAGES_PER_MINUTE
    minute = timedelta(minutes=1)
    recent = list(
        Message.objects.filter(sender=sender, created_at__gt=now - minute)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:per_minute]
    )
    if len(recent) >= per_minute:
        raise RateLimited(
            _(
                "You are sending messages too quickly: at most %(n)d a minute. "
                "Wait a moment and try again."
            )
            % {"n": per_minute},
            code="too_many_messages",
            retry_after=_retry_after(recent, minute, now),
        )
    if not new_conversation:
        return
    per_day = settings.MESSAGES_NEW_CONVERSATIONS_PER_DAY
    day = timedelta(days=1)
    started = list(
        Conversation.objects.filter(started_by=sender, created_at__gt=now - day)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:per_day]
    )
    if len(started) >= per_day:
        raise RateLimited(
            _(
                "You have started %(n)d new conversations today, the daily limit. "
                "You can keep writing in your existing conversations."
            )
            % {"n": per_day},
            code="too_many_conversations",
            retry_after=_retry_after(started, day, now),
        )


def conversation_url(conversation: Conversation, *, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return reverse("messaging:conversation", args=[conversation.pk])


def _conversation_notifications(user, conversation: Conversation):
    from community.notifications.models import Notification

    return Notification.objects.filter(
        recipient=user,
        type_code=NEW_MESSAGE.code,
        url__endswith=f"/dashboard/messages/{conversation.pk}/",
    )


def _notify_recipient(conversation: Conversation, message: Message, sender, recipient) -> None:
    """Tell the recipient, once per burst: no new notification while they still have an
    unread one for this conversation, or unread earlier messages in it (they were already
    told about those, in the inbox or by email). Reading the conversation starts over."""
    from community.notifications.rendering import recipient_language
    from community.notifications.services import notify

    if _conversation_notifications(recipient, conversation).filter(read_at=None).exists():
        return
    earlier_unread = (
        Message.objects.filter(conversation=conversation, recipient=recipient, read_at=None)
        .exclude(pk=message.pk)
        .exists()
    )
    if earlier_unread:
        return
    notify(
        recipient=recipient,
        type_code=NEW_MESSAGE.code,
        context={"sender": _display(sender), "excerpt": message.excerpt},
        url=conversation_url(conversation, language=recipient_language(recipient)),
    )


def _conversation_locked(low: int, high: int) -> Conversation | None:
    return (
        Conversation.objects.select_for_update(no_key=True)
        .filter(user_low_id=low, user_high_id=high)
        .first()
    )


def message_send(*, sender, recipient, body: str) -> Message:
    """Send `body` from `sender` to `recipient`, starting their conversation if needed.

    Refused (domain errors) for oneself, inactive accounts, a block either way, a recipient
    who only accepts connections, an empty or too long body, and over the anti-spam limits
    (429). The sender's row and then the conversation's are locked, so a sender's messages
    are counted exactly and a conversation's messages get ids in commit order (what polling
    with ?after= relies on). Two members starting their conversation at the same instant
    end up in the same one (tests/community/messaging/test_concurrency.py)."""
    text = clean_body(body)
    refusal = messaging_refusal(sender, recipient)
    if refusal is not None:
        code, reason = refusal
        raise REFUSAL_ERRORS[code](reason, code=code)
    low, high = pair(sender.pk, recipient.pk)
    with transaction.atomic():
        # FOR NO KEY UPDATE: serialises this sender's sends, yet lets foreign keys to the
        # row (the other member's new message) be checked without waiting: no deadlock.
        sender_row = get_user_model().objects.select_for_update(no_key=True)
        list(sender_row.filter(pk=sender.pk).values("pk"))
        now = timezone.now()
        conversation = _conversation_locked(low, high)
        _check_rate_limits(sender, new_conversation=conversation is None, now=now)
        if conversation is None:
            try:
                with transaction.atomic():
                    conversation = Conversation.objects.create(
                        user_low_id=low, user_high_id=high, started_by=sender, created_at=now
                    )
            except IntegrityError:  # the other member started it at the same instant
                conversation = _conversation_locked(low, high)
        message = Message.objects.create(
            conversation=conversation, sender=sender, recipient=recipient, body=text
        )
        conversation.last_message_at = message.created_at
        conversation.save(update_fields=["last_message_at"])
        _notify_recipient(conversation, message, sender, recipient)
    return message


def conversation_mark_read(*, user, conversation: Conversation) -> int:
    """Mark the messages the other member sent to `user` seen (their read receipts), and
    the notifications about this conversation read. Returns how many messages changed."""
    if not conversation.has_participant(user):
        raise Conversation.DoesNotExist
    now = timezone.now()
    with transaction.atomic():
        marked = Message.objects.filter(
            conversation=conversation, recipient=user, read_at=None
        ).update(read_at=now)
        _conversation_notifications(user, conversation).filter(read_at=None).update(read_at=now)
    return marked


def messaging_preference_set(*, user, messages_from: str) -> MessagingPreference:
    if messages_from not in MessagingPreference.From.values:
        message = _("Choose who can message you: your connections or any member.")
        raise ValidationFailed(message, code="invalid_choice", fields={"messages_from": [message]})
    preference, _created = MessagingPreference.objects.update_or_create(
        user=user, defaults={"messages_from": messages_from}
    )
    return preference


MODERATE_PERMISSION = "messaging.change_messagereport"


def moderators():
    """Active members who may handle message reports (Moderators group, or admins)."""
    app_label, codename = MODERATE_PERMISSION.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    holders = Q(is_superuser=True)
    if permission is not None:
        holders |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return (
        get_user_model()
        .objects.filter(holders, is_active=True)
        .distinct()
        .select_related("profile")
        .order_by("pk")
    )


def _notify_moderators(report: MessageReport) -> None:
    from community.notifications.rendering import recipient_language
    from community.notifications.services import notify

    for moderator in moderators():
        with translation.override(recipient_language(moderator)):
            reason = str(report.get_reason_display())
        notify(
            recipient=moderator,
            type_code=REPORTED.code,
            context={"reason": reason},
            url=reverse("message_reports:edit", args=[report.pk]),
        )


def message_report(*, reporter, message: Message, reason: str, note: str = "") -> MessageReport:
    """A participant reports a message they received; the moderators are told. Reporting
    the same message twice is a conflict (409)."""
    conversation = message.conversation
    if not conversation.has_participant(reporter):
        raise NotPermitted(
            _("Only the members of a conversation can report its messages."),
            code="not_participant",
        )
    if message.sender_id == reporter.pk:
        raise ValidationFailed(_("You cannot report your own message."), code="own_message")
    if reason not in MessageReport.Reason.values:
        text = _("Choose a reason for the report.")
        raise ValidationFailed(text, code="invalid_reason", fields={"reason": [text]})
    note = _CONTROL.sub("", (note or "").replace("\r\n", "\n")).strip()
    if len(note) > MAX_NOTE:
        text = _("The note can have at most %(max)d characters.") % {"max": MAX_NOTE}
        raise ValidationFailed(text, code="note_too_long", fields={"note": [text]})
    already = _("You have already reported this message; the moderators are looking at it.")
    with transaction.atomic():
        if MessageReport.objects.filter(message=message, reporter=reporter).exists():
            raise Conflict(already, code="already_reported")
        try:
            with transaction.atomic():
                report = MessageReport.objects.create(
                    message=message, reporter=reporter, reason=reason, note=note
                )
        except IntegrityError as exc:  # the same report sent twice at once
            raise Conflict(already, code="already_reported") from exc
        _notify_moderators(report)
    return report


def report_resolve(*, moderator, report: MessageReport, action: str) -> MessageReport:
    """A moderator's decision: "resolve" removes the message (its text is no longer shown
    to anyone) and closes every open report of it; "dismiss" closes this report and keeps
    the message. A report is decided once (409 afterwards)."""
    if not moderator.has_perm(MODERATE_PERMISSION):
        raise NotPermitted(_("Only moderators can handle reports."), code="not_moderator")
    if action not in ("resolve", "dismiss"):
        raise ValidationFailed(
            _("The action must be resolve or dismiss."),
            code="invalid_action",
            fields={"action": [_("The action must be resolve or dismiss.")]},
        )
    with transaction.atomic():
        locked = MessageReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != MessageReport.Status.OPEN:
            raise Conflict(
                _("This report was already handled by a moderator."), code="already_handled"
            )
        now = timezone.now()
        data = {"message": locked.message_id, "report_reason": locked.reason}
        if action == "resolve":
            Message.objects.filter(pk=locked.message_id, removed_at=None).update(removed_at=now)
            data["reports_closed"] = MessageReport.objects.filter(
                message_id=locked.message_id, status=MessageReport.Status.OPEN
            ).update(status=MessageReport.Status.RESOLVED, resolved_by=moderator, resolved_at=now)
        else:
            locked.status = MessageReport.Status.DISMISSED
            locked.resolved_by, locked.resolved_at = moderator, now
            locked.save(update_fields=["status", "resolved_by", "resolved_at"])
        # named by number: the report's own name quotes the message, which may be removed now
        audit.record(
            locked,
            f"medellin.message_report_{action}",
            user=moderator,
            data=data,
            title=f"#{locked.pk}",
        )
    report.refresh_from_db()
    return report
