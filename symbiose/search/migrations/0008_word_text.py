"""The word index moves into the database's own full-text index (``search.wordtext``):
the table of one row per word and stream goes."""

from django.db import migrations


def install(apps, schema_editor):
    from symbiose.search import wordtext

    wordtext.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from symbiose.search import wordtext

    wordtext.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_stale_marks"),
    ]

    operations = [
        migrations.DeleteModel(name="StreamWord"),
        migrations.RunPython(install, uninstall),
    ]
