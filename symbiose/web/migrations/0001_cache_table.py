"""Create the database cache table (``SYMBIOSE_CACHE_URL=db://...``, the default) on migrate.

Running ``createcachetable`` from a migration means every path that migrates a database
(``scripts/run``, the test databases, a PostgreSQL deployment) gets the table; for other cache
backends it does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
