"""Follow-up tasks become rows; the workshop's free text stays, renamed to what it was used for.

The old ``Workshop.follow_up`` text was printed on the participants' match sheets as "next
steps", so it is kept verbatim as ``next_steps`` (still printed there). It is not split into
tasks: it was written for participants, not as assignable work.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("facilitation", "0003_readiness_levels"),
        ("registry", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="workshop", old_name="follow_up", new_name="next_steps"),
        migrations.AlterField(
            model_name="workshop",
            name="next_steps",
            field=models.TextField(
                blank=True,
                help_text="Printed on the match sheets. Tasks for facilitators are follow-up tasks.",
                verbose_name="next steps for participants",
            ),
        ),
        migrations.CreateModel(
            name="FollowUpTask",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("sheet", "send the match sheet and confirm data"), ("match", "follow up a match"), ("other", "other task")], default="other", max_length=10, verbose_name="kind")),
                ("key", models.CharField(blank=True, max_length=200)),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                ("due_date", models.DateField(blank=True, null=True, verbose_name="due date")),
                ("status", models.CharField(choices=[("open", "open"), ("done", "done")], default="open", max_length=10, verbose_name="status")),
                ("done_at", models.DateTimeField(blank=True, null=True, verbose_name="done at")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("assignee", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="follow_up_tasks", to=settings.AUTH_USER_MODEL, verbose_name="assigned to")),
                ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="created by")),
                ("hub", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tasks", to="facilitation.hub", verbose_name="hub")),
                ("need", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.stream")),
                ("offer", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.stream")),
                ("opportunity", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="tasks", to="facilitation.opportunity", verbose_name="opportunity")),
                ("organisation", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="follow_up_tasks", to="registry.organisation", verbose_name="organisation")),
                ("workshop", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="tasks", to="facilitation.workshop", verbose_name="workshop")),
            ],
            options={
                "verbose_name": "follow-up task",
                "verbose_name_plural": "follow-up tasks",
                "ordering": ["-status", models.OrderBy(models.F("due_date"), nulls_last=True), "id"],
                "constraints": [models.UniqueConstraint(condition=models.Q(("key", ""), _negated=True), fields=("hub", "key"), name="unique_task_key")],
            },
        ),
    ]
