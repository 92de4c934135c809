"""The four roles (PRD 8.4) as Django groups, and the permissions each one carries.

A user holds exactly one role. Admin means full access (superuser and staff); the other
roles are group memberships. Later features add their permissions to ROLE_PERMISSIONS;
`sync_role_permissions` (run after every migrate) keeps the groups in step.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    ORGANIZER = "organizer", _("Organizer")
    MEMBER = "member", _("Member")
    ATTENDEE = "attendee", _("Attendee")


# Group names are stable identifiers (English); labels above are translated for display.
ROLE_GROUPS: dict[Role, str] = {
    Role.ADMIN: "Admin",
    Role.ORGANIZER: "Organizer",
    Role.MEMBER: "Member",
    Role.ATTENDEE: "Attendee",
}
GROUP_ROLES: dict[str, Role] = {name: role for role, name in ROLE_GROUPS.items()}

_MEMBER = [
    "accounts.view_profile",
    "accounts.change_profile",
    "resources.view_members_only",  # members-only resources (cms/resources/permissions.py)
]
# "app_label.codename" per role. Admins are superusers and need no list.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.ATTENDEE: ["accounts.view_profile", "accounts.change_profile"],
    Role.MEMBER: _MEMBER,
    Role.ORGANIZER: [
        *_MEMBER,
        "wagtailadmin.access_admin",
        "partner.dashboard_access",
        # events: submit from the site or the API; edit their own event pages in Wagtail
        # (page "add" permission on the event indexes, see cms/events/permissions.py)
        "events.submit_event",
    ],
    Role.ADMIN: [],
}

# Moderators are members who also hold Wagtail's own "Moderators" group (it already carries
# page moderation). Community features add the permissions moderators need here; the sync
# adds them without touching the page permissions Wagtail gave the group.
MODERATORS_GROUP = "Moderators"
MODERATOR_PERMISSIONS: list[str] = [
    "wagtailadmin.access_admin",
    "forums.moderate_forum",
    "forums.view_forumban",
    # direct messages: see reported messages and resolve or dismiss the reports
    "messaging.view_messagereport",
    "messaging.change_messagereport",
    # blog comments: approve or reject them in the Wagtail admin
    "blog.moderate_blogcomment",
    # event submissions: read every organizer's submissions (decisions go through the workflow)
    "events.view_eventsubmission",
]


def _permissions(Permission, group_name: str, wanted: list[str]) -> list:
    perms = []
    for dotted in wanted:
        app_label, codename = dotted.split(".", 1)
        try:
            perms.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        except Permission.DoesNotExist as exc:
            raise LookupError(
                f"Group {group_name} names permission {dotted}, which does not exist."
            ) from exc
    return perms


def sync_role_permissions(apps=None) -> None:
    """Create the role groups and set exactly the permissions ROLE_PERMISSIONS names; give
    the Moderators group what MODERATOR_PERMISSIONS names on top of its page permissions."""
    from django.apps import apps as global_apps

    registry = apps or global_apps
    Group = registry.get_model("auth", "Group")
    Permission = registry.get_model("auth", "Permission")
    for role, group_name in ROLE_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.set(_permissions(Permission, group_name, ROLE_PERMISSIONS[role]))
    # Wagtail's migrations create the group; never create it here, or a flush followed by
    # reloading serialized data (transactional tests) meets a second "Moderators" row.
    moderators = Group.objects.filter(name=MODERATORS_GROUP).first()
    if moderators is not None:
        moderators.permissions.add(
            *_permissions(Permission, MODERATORS_GROUP, MODERATOR_PERMISSIONS)
        )


def sync_role_permissions_after_migrate(sender, using="default", **kwargs) -> None:
    # Permissions of every app exist by now: Django creates them before our receiver runs
    # only for apps listed earlier, so create them all first (idempotent).
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_role_permissions()
