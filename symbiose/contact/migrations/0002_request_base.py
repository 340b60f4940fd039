"""ContactRequest shares the request base (``registry.models.Request``): who answered and when
are ``decided_by`` and ``decided_at`` in the code, as for every request. State only: the
columns keep their names (``answered_by_id``, ``answered_at``) and no row changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("contactrequest", "answered_by", "decided_by"),
                migrations.RenameField("contactrequest", "answered_at", "decided_at"),
                migrations.AlterField(
                    model_name="contactrequest",
                    name="decided_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_column="answered_by_id",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="contactrequest",
                    name="decided_at",
                    field=models.DateTimeField(blank=True, db_column="answered_at", null=True),
                ),
            ],
            database_operations=[],
        ),
    ]
