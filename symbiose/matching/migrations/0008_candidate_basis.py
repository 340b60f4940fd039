from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0007_candidate_digest"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidate",
            name="basis",
            field=models.BigIntegerField(default=0),
        ),
    ]
