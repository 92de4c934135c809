"""Who may open a members-only resource: users holding `resources.view_members_only` (the
Member and Organizer roles, and Admins). The one rule the page, the download route,
Wagtail's document URL, the listings, the API, search and media privacy all apply."""

from __future__ import annotations

from .choices import Visibility

PERMISSION = "resources.view_members_only"


def can_view_members_only(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def can_open(user, resource) -> bool:
    return resource.visibility == Visibility.PUBLIC or can_view_members_only(user)
