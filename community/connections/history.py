"""The connections app's entry in a member's history: "Connected with X", shown only to the
member themself (whom someone is connected with is theirs to share)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.history import HISTORY_LIMIT, HistoryItem, register_history_source

from .models import Connection
from .selectors import involving


def connections_made(user, viewer) -> list[HistoryItem]:
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


def register() -> None:
    register_history_source("connections.accepted", gettext_lazy("Connections"), connections_made)
