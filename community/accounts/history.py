"""A member's history: member since, connections, and what they did on the platform.

The activity list is pluggable. Each app that records something worth showing registers a
source once, in its AppConfig.ready():

    from community.accounts.history import HistoryItem, register_history_source

    def events_attended(user, viewer) -> list[HistoryItem]:
        ...  # the most recent HISTORY_LIMIT items `viewer` may see, newest first

    register_history_source("events.attended", _("Events attended"), events_attended)

A source decides itself what `viewer` may see (the member themself, another member) and
returns at most HISTORY_LIMIT items; `member_history` merges them, newest first. A failing
source is a bug in that source and is not hidden.

The first source is built in: "Connected with X" (accounts reads connections, which sit
below it; connections import nothing of accounts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.connections.models import Connection
from community.connections.selectors import connected_user_ids, involving

HISTORY_LIMIT = 20


@dataclass(frozen=True)
class HistoryItem:
    when: datetime
    text: str  # already translated, plain text (templates escape it)
    url: str = ""
    source: str = ""  # filled in by member_history with the source's code


HistoryFetch = Callable[..., list[HistoryItem]]


@dataclass(frozen=True)
class HistorySource:
    code: str
    label: str | Promise
    fetch: HistoryFetch


_SOURCES: dict[str, HistorySource] = {}


def register_history_source(code: str, label: str | Promise, fetch: HistoryFetch) -> HistorySource:
    """Add (or replace, by code) a source of history items: `fetch(user, viewer)`."""
    source = HistorySource(code=code, label=label, fetch=fetch)
    _SOURCES[code] = source
    return source


def history_sources() -> list[HistorySource]:
    return list(_SOURCES.values())


def member_history(*, user, viewer, profile=None, limit: int = HISTORY_LIMIT) -> dict:
    """What `viewer` sees of `user`'s history. The connections count is hidden (None) from
    others when the member made "connections" private."""
    profile = profile or user.profile
    own = user.pk == viewer.pk
    items = []
    for source in _SOURCES.values():
        for item in source.fetch(user, viewer)[:limit]:
            items.append(
                HistoryItem(when=item.when, text=item.text, url=item.url, source=source.code)
            )
    items.sort(key=lambda item: item.when, reverse=True)
    show_connections = own or profile.is_public("connections")
    return {
        "member_since": user.date_joined,
        "connections_count": len(connected_user_ids(user)) if show_connections else None,
        "items": items[:limit],
    }


def connections_made(user, viewer) -> list[HistoryItem]:
    """ "Connected with X", shown only to the member themself (whom someone is connected
    with is theirs to share)."""
    if viewer is None or user.pk != viewer.pk:
        return []
    connections = (
        involving(user)
        .filter(status=Connection.Status.ACCEPTED)
        .select_related("user_low__profile", "user_high__profile")
        .order_by("-responded_at", "-pk")[:HISTORY_LIMIT]
    )
    items = []
    for connection in connections:
        other = connection.user_high if connection.user_low_id == user.pk else connection.user_low
        items.append(
            HistoryItem(
                when=connection.responded_at or connection.created_at,
                text=_("Connected with %(name)s") % {"name": other.profile.display_name},
                url=reverse("directory:detail", args=[other.pk]),
            )
        )
    return items


register_history_source("connections.accepted", gettext_lazy("Connections"), connections_made)
