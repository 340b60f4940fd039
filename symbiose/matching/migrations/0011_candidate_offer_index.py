"""Drop the candidates' own index on ``offer_id``: the unique (offer, need) index starts with
the same column and serves every lookup by offer, and the second index cost each row a
full recompute inserts about 16 % more (issue 13).

On SQLite Django would remake the whole table to change ``db_index``; the index is dropped
by name instead (found by introspection, on any database), and made again on the way back.
"""

from django.db import migrations, models
import django.db.models.deletion


def _offer_indexes(schema_editor, model) -> list[str]:
    """Names of the non-unique indexes on exactly ``offer_id`` of the candidates' table."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return sorted(name for name, c in found.items()
                  if c["index"] and not c["unique"] and not c["primary_key"]
                  and c["columns"] == ["offer_id"])  # fmt: skip


def drop(apps, schema_editor) -> None:
    model = apps.get_model("matching", "Candidate")
    for name in _offer_indexes(schema_editor, model):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create(apps, schema_editor) -> None:
    model = apps.get_model("matching", "Candidate")
    if not _offer_indexes(schema_editor, model):
        field = model._meta.get_field("offer")
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0010_matchstate_storing_closed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, create)],
            state_operations=[
                migrations.AlterField(
                    model_name="candidate",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="as_offer",
                        to="registry.stream",
                    ),
                ),
            ],
        ),
    ]
