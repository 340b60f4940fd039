"""An index of each organisation's streams by their last write: the stamp of the hub figures
a web process keeps (``facilitation.shared.stamp``) reads it alone, not every stream row."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0010_organisation_area_level"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="stream",
            index=models.Index(fields=["organisation", "updated_at"], name="stream_org_updated"),
        ),
    ]
