"""Moving the contact models out of matching keeps every row (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("matching", "0004_contact_phones"), ("contact", None)]


def migrate(targets):
    """Migrate the test database to ``targets`` (the other apps stay as new as they can: a
    later migration of another app that depends on a newer state of these is unapplied too);
    the apps (historical models) as the database then is, read from the applied migrations."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    graph = executor.loader.graph
    applied = [n for n in executor.recorder.applied_migrations() if n in graph.nodes]
    return executor.loader.project_state(applied).apps


def test_requests_messages_and_alerts_made_before_the_move_are_there_after_it(transactional_db):
    old = migrate(BEFORE)
    try:
        User = old.get_model("auth", "User")  # noqa: N806 (historical model classes)
        Organisation = old.get_model("registry", "Organisation")  # noqa: N806
        Stream = old.get_model("registry", "Stream")  # noqa: N806
        user = User.objects.create(username="before@example.org", email="before@example.org")
        org_a = Organisation.objects.create(ref="ORG-A", name="A")
        org_b = Organisation.objects.create(ref="ORG-B", name="B")
        offer = Stream.objects.create(ref="S-A", organisation=org_a, direction="offer",
                                      category="heat", title="Heat")  # fmt: skip
        need = Stream.objects.create(ref="S-B", organisation=org_b, direction="need",
                                     category="heat", title="Heat wanted")  # fmt: skip
        req = old.get_model("matching", "ContactRequest").objects.create(
            requester_stream=need, target_stream=offer, requester_org=org_b, target_org=org_a,
            requested_by=user, note="before the move", status="accepted",
        )  # fmt: skip
        old.get_model("matching", "Message").objects.create(
            request=req, author=user, author_org=org_b, body="hello"
        )
        old.get_model("matching", "SavedSearch").objects.create(user=user, stream=need)
    finally:
        executor = MigrationExecutor(connection)
        new = migrate(executor.loader.graph.leaf_nodes())
    moved = new.get_model("contact", "ContactRequest").objects.get()
    assert (moved.note, moved.status, moved.requester_stream.ref) == (
        "before the move",
        "accepted",
        "S-B",
    )
    assert [m.body for m in moved.messages.all()] == ["hello"]
    assert new.get_model("contact", "SavedSearch").objects.get().stream.ref == "S-B"
    assert "matching_contactrequest" in connection.introspection.table_names()


def test_who_answered_a_request_is_kept_when_it_joins_the_request_base(transactional_db):
    old = migrate([("contact", "0001_initial")])
    try:
        User = old.get_model("auth", "User")  # noqa: N806 (historical model classes)
        Organisation = old.get_model("registry", "Organisation")  # noqa: N806
        Stream = old.get_model("registry", "Stream")  # noqa: N806
        user = User.objects.create(username="answerer@example.org")
        org_a = Organisation.objects.create(ref="ORG-A", name="A")
        org_b = Organisation.objects.create(ref="ORG-B", name="B")
        offer = Stream.objects.create(ref="S-A", organisation=org_a, direction="offer",
                                      category="heat", title="Heat")  # fmt: skip
        need = Stream.objects.create(ref="S-B", organisation=org_b, direction="need",
                                     category="heat", title="Heat wanted")  # fmt: skip
        answered = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
        old.get_model("contact", "ContactRequest").objects.create(
            requester_stream=need, target_stream=offer, requester_org=org_b, target_org=org_a,
            status="declined", answered_by=user, answered_at=answered,
        )  # fmt: skip
    finally:
        executor = MigrationExecutor(connection)
        new = migrate(executor.loader.graph.leaf_nodes())
    req = new.get_model("contact", "ContactRequest").objects.get()
    assert (req.status, req.decided_by.username, req.decided_at) == (
        "declined",
        "answerer@example.org",
        answered,
    )
