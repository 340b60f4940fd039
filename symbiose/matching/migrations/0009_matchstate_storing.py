from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0008_candidate_basis"),
    ]

    operations = [
        migrations.AddField(
            model_name="matchstate",
            name="storing",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="matchstate",
            name="storing_seen",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
