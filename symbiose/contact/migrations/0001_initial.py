"""The contact models move here from matching; their tables stay where they are.

State only: the rows in ``matching_contactrequest``, ``matching_message`` and
``matching_savedsearch`` are the same rows before and after (``db_table`` on each model).
``matching/0005`` removes them from matching's state after this.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("matching", "0004_contact_phones"),
        ("registry", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContactRequest",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("note", models.TextField(blank=True, verbose_name="note")),
                        ("requester_fields", models.JSONField(default=list, verbose_name="fields the requester reveals")),
                        ("target_fields", models.JSONField(default=list, verbose_name="fields the receiver reveals")),
                        ("requester_phone", models.CharField(blank=True, max_length=30, verbose_name="requester's phone")),
                        ("target_phone", models.CharField(blank=True, max_length=30, verbose_name="receiver's phone")),
                        ("status", models.CharField(choices=[("pending", "waiting for an answer"), ("accepted", "accepted"), ("declined", "declined")], default="pending", max_length=10, verbose_name="status")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("answered_at", models.DateTimeField(blank=True, null=True)),
                        ("answered_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("requested_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("requester_org", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.organisation")),
                        ("requester_stream", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.stream")),
                        ("target_org", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.organisation")),
                        ("target_stream", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.stream")),
                    ],
                    options={
                        "verbose_name": "contact request",
                        "verbose_name_plural": "contact requests",
                        "db_table": "matching_contactrequest",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="Message",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("body", models.TextField(verbose_name="message")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("author", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("author_org", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.organisation")),
                        ("request", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="messages", to="contact.contactrequest")),
                    ],
                    options={
                        "verbose_name": "message",
                        "verbose_name_plural": "messages",
                        "db_table": "matching_message",
                        "ordering": ["created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="SavedSearch",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("min_score", models.FloatField(default=0.5, verbose_name="minimum score")),
                        ("max_km", models.FloatField(blank=True, null=True, verbose_name="maximum distance (km)")),
                        ("feasible_only", models.BooleanField(default=True, verbose_name="feasible only")),
                        ("notified_refs", models.JSONField(default=list)),
                        ("last_sent_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("stream", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.stream")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "alert",
                        "verbose_name_plural": "alerts",
                        "db_table": "matching_savedsearch",
                        "constraints": [models.UniqueConstraint(fields=("user", "stream"), name="unique_saved_search")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
