"""Create the four role groups (PRD 8.4) with the permissions of the foundation.

Later permissions are added to roles.ROLE_PERMISSIONS, which a post_migrate receiver applies.
"""

from django.db import migrations

ROLES = {
    "Admin": [],  # Admins are superusers
    "Organizer": [
        ("accounts", "view_profile"),
        ("accounts", "change_profile"),
        ("wagtailadmin", "access_admin"),
        ("partner", "dashboard_access"),
    ],
    "Member": [("accounts", "view_profile"), ("accounts", "change_profile")],
    "Attendee": [("accounts", "view_profile"), ("accounts", "change_profile")],
}


def create_role_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in perms
            ]
        )


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("partner", "0007_partneraddress_code"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
