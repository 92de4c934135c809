"""The forums' entry in a member's history: topics started and replies posted, as anyone who
may see those posts sees them (public posts for everyone; held ones only for the author)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.history import HISTORY_LIMIT, HistoryItem, register_history_source

from .selectors import posts_by


def forum_posts(user, viewer) -> list[HistoryItem]:
    items = []
    for post in posts_by(user=user, viewer=viewer, limit=HISTORY_LIMIT):
        template = _("Started “%(topic)s”") if post.is_opening else _("Replied in “%(topic)s”")
        items.append(
            HistoryItem(
                when=post.created_at,
                text=template % {"topic": post.topic.title},
                url=f"{post.topic.get_absolute_url()}#post-{post.pk}",
            )
        )
    return items


def register() -> None:
    register_history_source("forums.posts", gettext_lazy("Forum posts"), forum_posts)
