from django.db import migrations


def schedule(apps, schema_editor):
    """Every minute: expire unpaid orders whose hold ran out, pass stale waitlist offers on."""
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name="ticketing sweep",
        defaults={"func": "commerce.ticketing.tasks.sweep", "schedule_type": "I", "minutes": 1,
                  "repeats": -1},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="ticketing sweep").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ticketing", "0003_payments_pricing_waitlist"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
