from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0009_matchstate_storing"),
    ]

    operations = [
        migrations.AddField(
            model_name="matchstate",
            name="storing_closed",
            field=models.BooleanField(default=False),
        ),
    ]
