"""Digest emails run as django-q2 schedules: daily at 07:00 and Mondays at 07:00 (Bogotá)."""

from django.db import migrations

SCHEDULES = [
    ("notifications: daily digest", "community.notifications.tasks.digest_send_daily", "0 7 * * *"),
    ("notifications: weekly digest", "community.notifications.tasks.digest_send_weekly", "0 7 * * 1"),
]


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, cron in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": "C", "cron": cron, "repeats": -1}
        )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial"), ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]
    operations = [migrations.RunPython(create, remove)]
