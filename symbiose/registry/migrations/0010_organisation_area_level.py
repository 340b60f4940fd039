"""Store the area a hidden owner is named by (``registry.area``) for every organisation.

The search index's knowledge stamp changes with the code that reads the level, so its rows
are rebuilt after this migration (``search.signals``)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from symbiose.registry.area import is_counted, levels

    Organisation = apps.get_model("registry", "Organisation")
    rows = list(Organisation.objects.values_list("id", "municipality", "verified_at",
                                                 "data_source"))  # fmt: skip
    new = levels((oid, m, is_counted(v is not None, src)) for oid, m, v, src in rows)
    for level in sorted(set(new.values())):
        ids = [oid for oid, lv in new.items() if lv == level]
        Organisation.objects.filter(pk__in=ids).update(area_level=level)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0009_stream_practice_petroleum_coke"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="area_level",
            field=models.PositiveSmallIntegerField(default=2, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
