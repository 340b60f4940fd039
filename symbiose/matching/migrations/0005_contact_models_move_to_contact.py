"""The contact models now belong to the contact app (``contact/0001``); the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0004_contact_phones"),
        ("contact", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Message"),
                migrations.DeleteModel(name="ContactRequest"),
                migrations.DeleteModel(name="SavedSearch"),
            ],
            database_operations=[],
        ),
    ]
