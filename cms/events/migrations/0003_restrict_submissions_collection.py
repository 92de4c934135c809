"""Event submissions upload into the "Event submissions" collection; it is now restricted
to Wagtail's moderators (cms/media_privacy.py), so the images of submissions not yet
published stop being public. New sites get the restriction on the first upload."""

from django.db import migrations


def restrict(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    for collection in Collection.objects.filter(name="Event submissions", depth=2):
        if CollectionViewRestriction.objects.filter(collection=collection).exists():
            continue
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="groups"
        )
        restriction.groups.set(Group.objects.filter(name="Moderators"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_submissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(restrict, migrations.RunPython.noop)]
