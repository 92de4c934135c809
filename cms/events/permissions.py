"""Who may do what with events, in one place (the site, the API and the admin ask here).

- Organizers (and admins) submit events; they see and edit only their own submissions and
  events. In the Wagtail admin they hold the page "add" permission on the event indexes,
  which Wagtail reads as "create events here and edit the ones you own" — never publish.
- Moderators see every submission; they decide through the page moderation workflow.
- Only administrators (the Admin role: superusers) approve venues, whichever door they use
  (the API or the venue snippet in the admin); holding the snippet's "change" permission
  lets a group edit a venue's details, never its approval.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from community.accounts.roles import ROLE_GROUPS, Role


def can_submit(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("events.submit_event"))


def sees_all_submissions(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("events.view_eventsubmission"))


def can_approve_venues(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def visible_submissions(user, queryset: QuerySet) -> QuerySet:
    if sees_all_submissions(user):
        return queryset
    if not can_submit(user):
        return queryset.none()
    return queryset.filter(organizer=user)


def own_events_filter(user) -> Q:
    """Events the user organizes or co-organizes."""
    return Q(organizer=user) | Q(co_organizers=user)


def grant_organizer_page_permissions() -> int:
    """Give the Organizer group "add" on every event index (idempotent); returns how many
    indexes were granted now. Runs after migrate and whenever an event index is created."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from .models import EventIndexPage

    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[Role.ORGANIZER])
    add = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    granted = 0
    for index in EventIndexPage.objects.all().only("pk"):
        _row, created = GroupPagePermission.objects.get_or_create(
            group=group, page_id=index.pk, permission=add
        )
        granted += created
    return granted
