"""The platform's audit trail: every business action leaves one Wagtail log entry.

A service calls `record()` inside the transaction that performs the action, so the entry
exists exactly when the change does. Entries are Wagtail's own `ModelLogEntry` rows (or
`PageLogEntry` for pages): Reports → Site history in the admin lists them with the labels
below, in the reader's language, and filters them by action, user and type.

Action names follow `medellin.<entity>_<action>` (`medellin.venue_approve`). Every action
the platform records is declared in ACTIONS, once, whichever app performs it; Wagtail learns
them through the `register_log_actions` hook (config/wagtail_hooks.py). A name that is not
declared here is refused by `record()` before anything is written.

This module imports no app of the project: the apps import it. Values stored in an entry's
data that are choices (a role) are shown through the choices class named by a dotted path,
resolved only when an entry is displayed; a value stored per language (`{"es": …, "en": …}`,
a forum category's names) is shown in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import get_language, pgettext_lazy
from wagtail.log_actions import LogFormatter, log

PREFIX = "medellin"
NAME_FORMAT = re.compile(rf"^{PREFIX}\.[a-z]+(?:_[a-z]+)+$")


@dataclass(frozen=True)
class AuditAction:
    """One kind of business action. `label` names it in the admin's filters; `message`
    (default: the label) describes one entry and may use `%(key)s` placeholders filled from
    the entry's data; `choices` maps a data key to the dotted path of the `TextChoices` whose
    labels display its stored value."""

    name: str
    label: Promise
    message: Promise | None = None
    choices: Mapping[str, str] = field(default_factory=dict)


def _action(entity_action: str, label: Promise, message: Promise | None = None, **choices):
    return AuditAction(f"{PREFIX}.{entity_action}", label, message, choices)


_ROLE = "community.accounts.roles.Role"


# Labels carry pgettext's context "audit log", so they never collide with the site's words.
ACTIONS: dict[str, AuditAction] = {
    action.name: action
    for action in (
        # accounts: community/accounts/services.py user_set_role
        _action(
            "role_change",
            pgettext_lazy("audit log", "Role changed"),
            pgettext_lazy("audit log", "Role changed from %(old_role)s to %(new_role)s"),
            old_role=_ROLE,
            new_role=_ROLE,
        ),
        # events: cms/events/services.py venue_propose, venue_approve, venue_unapprove
        _action("venue_approve", pgettext_lazy("audit log", "Venue approved")),
        _action("venue_unapprove", pgettext_lazy("audit log", "Venue approval withdrawn")),
        # forums: community/forums/services.py
        _action("forum_post_hide", pgettext_lazy("audit log", "Forum post hidden")),
        _action("forum_post_restore", pgettext_lazy("audit log", "Forum post restored")),
        _action("forum_post_approve", pgettext_lazy("audit log", "Forum post approved")),
        _action("forum_post_reject", pgettext_lazy("audit log", "Forum post rejected")),
        _action("forum_topic_lock", pgettext_lazy("audit log", "Forum topic locked")),
        _action("forum_topic_unlock", pgettext_lazy("audit log", "Forum topic unlocked")),
        _action("forum_topic_pin", pgettext_lazy("audit log", "Forum topic pinned")),
        _action("forum_topic_unpin", pgettext_lazy("audit log", "Forum topic unpinned")),
        _action(
            "forum_topic_move",
            pgettext_lazy("audit log", "Forum topic moved"),
            pgettext_lazy("audit log", "Topic moved from %(from_category)s to %(to_category)s"),
        ),
        _action("forum_report_dismiss", pgettext_lazy("audit log", "Forum post report dismissed")),
        _action("forum_ban_create", pgettext_lazy("audit log", "Member banned from the forums")),
        _action("forum_ban_lift", pgettext_lazy("audit log", "Forum ban lifted")),
        # direct messages: community/messaging/services.py report_resolve
        _action(
            "message_report_resolve",
            pgettext_lazy("audit log", "Reported message removed"),
        ),
        _action("message_report_dismiss", pgettext_lazy("audit log", "Message report dismissed")),
        # blog comments: cms/blog/services.py comment_moderate
        _action("blog_comment_approve", pgettext_lazy("audit log", "Blog comment approved")),
        _action("blog_comment_reject", pgettext_lazy("audit log", "Blog comment rejected")),
        # ticketing: commerce/ticketing (ticket types, codes, refunds, transfers, check-in)
        _action("ticket_type_create", pgettext_lazy("audit log", "Ticket type created")),
        _action("ticket_type_update", pgettext_lazy("audit log", "Ticket type changed")),
        _action("ticket_type_delete", pgettext_lazy("audit log", "Ticket type deleted")),
        _action("promo_code_create", pgettext_lazy("audit log", "Promo code created")),
        _action("promo_code_update", pgettext_lazy("audit log", "Promo code changed")),
        _action("promo_code_delete", pgettext_lazy("audit log", "Promo code deleted")),
        _action("group_discount_create", pgettext_lazy("audit log", "Group discount created")),
        _action(
            "order_refund",
            pgettext_lazy("audit log", "Order refunded"),
            pgettext_lazy("audit log", "Order refunded: %(amount)s %(currency)s"),
        ),
        _action("order_cancel", pgettext_lazy("audit log", "Unpaid order cancelled")),
        _action("ticket_transfer", pgettext_lazy("audit log", "Ticket transferred")),
        _action("ticket_check_in", pgettext_lazy("audit log", "Ticket checked in")),
    )
}


class AuditFormatter(LogFormatter):
    """Wagtail's formatter for one of ACTIONS: the label, or the message with the entry's
    data; the `reason` kept in the data is the entry's comment."""

    action: AuditAction

    def format_message(self, log_entry) -> str:
        action = self.action
        if action.message is None:
            return str(action.label)
        data = log_entry.data if isinstance(log_entry.data, dict) else {}
        values = {key: _display(action, key, value) for key, value in data.items()}
        try:
            return str(action.message) % values
        except (KeyError, TypeError, ValueError):  # an older entry without these keys
            return str(action.label)

    def format_comment(self, log_entry) -> str:
        data = log_entry.data if isinstance(log_entry.data, dict) else {}
        reason = data.get("reason")
        return reason if isinstance(reason, str) else ""


def _display(action: AuditAction, key: str, value: Any) -> str:
    if isinstance(value, dict):  # one value per language
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        value = value.get(language) or value.get(settings.LANGUAGE_CODE[:2])
    if value in (None, ""):
        return "–"
    path = action.choices.get(key)
    if path:
        labels = dict(import_string(path).choices)
        return str(labels.get(value, value))
    return str(value)


def register_log_actions(actions_registry) -> None:
    """The `register_log_actions` hook: teach Wagtail every action in ACTIONS."""
    for action in ACTIONS.values():
        attributes = {"label": action.label, "action": action}
        formatter = type("AuditFormatter", (AuditFormatter,), attributes)
        actions_registry.register_action(action.name)(formatter)


def record(
    instance,
    action: str,
    *,
    user,
    data: Mapping[str, Any] | None = None,
    title: str = "",
):
    """Log `action` on `instance` by `user` (None, or an anonymous user: the system).

    Call it inside the transaction that performs the action, so the entry is written with
    it or not at all. `data` must be JSON-serialisable (dates and decimals are fine) and
    holds what the entry should answer later: old → new values, the reason. `title` replaces
    the object's `str()` as the entry's name when that would copy content the action hides
    (a removed message). Returns the new `ModelLogEntry` (or `PageLogEntry`)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: declare it in config/audit.py.")
    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    return log(instance, action, user=actor, data=dict(data or {}), title=title or None)
