"""The database marks every stream whose search index row stops being current
(``search.marks``), whatever writes, so a word search finds the streams it must test row by
row among the marks. If a mark were missing, the stream would be neither read through the
index (its row is not current) nor tested row by row: a hit lost, never a hidden value shown.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from symbiose.bulkinsert import insert_many
from symbiose.registry.actions import do_save_organisation, do_save_stream
from symbiose.registry.models import Organisation, Stream
from symbiose.search import marks
from symbiose.search.actions import do_mark_stale, do_refresh_stale_index
from symbiose.search.index import knowledge_version, stale
from symbiose.search.models import StaleMark, StreamIndex
from symbiose.search.signals import _on_migrated


def _unmarked_stale() -> set[str]:
    """Refs of streams whose row is not current, without a mark and with today's knowledge."""
    marked = StaleMark.objects.values("stream_id")
    old = StreamIndex.objects.exclude(knowledge=knowledge_version()).values("stream_id")
    found = stale().exclude(pk__in=marked).exclude(pk__in=old)
    return set(found.values_list("ref", flat=True))


def test_the_triggers_are_installed(db):
    assert marks.installed(connection) == {t[0] for t in marks.TRIGGERS}


def test_a_saved_stream_leaves_no_mark(hidden_world):
    """The index writer removes the marks of the rows it leaves current."""
    do_save_stream(hidden_world.org, {"ref": "S-FJORD-HEAT", "title": "Varme"}, acting_user=None)
    do_save_organisation({"ref": "ORG-FJORD", "name": "Fjordmetall ASA"}, acting_user=None)
    assert not StaleMark.objects.exists()


@pytest.mark.parametrize(
    "write",
    ["stamp", "hide", "organisation", "move", "index_deleted", "index_changed", "insert", "raw"],
)
def test_every_write_that_makes_a_row_stale_marks_it(hidden_world, write):
    world = hidden_world
    assert not stale().exists()
    slag = Stream.objects.filter(ref="S-FJORD-SLAG")
    if write == "stamp":
        slag.update(updated_at=timezone.now(), title="Renamed past every hook")
    elif write == "hide":
        slag.update(sensitive_fields=["identity", "description"])
    elif write == "organisation":
        Organisation.objects.filter(pk=world.org.pk).update(updated_at=timezone.now())
    elif write == "move":
        slag.update(organisation=world.outsider_org)
    elif write == "index_deleted":
        StreamIndex.objects.filter(stream__ref="S-FJORD-SLAG").delete()
    elif write == "index_changed":
        StreamIndex.objects.filter(stream__ref="S-FJORD-SLAG").update(words_shared=" x ")
    elif write == "insert":  # as an import writes streams: no model instances, no signals
        row = {f.attname: getattr(slag.get(), f.attname) for f in Stream._meta.concrete_fields}
        insert_many(Stream, [{**row, "id": None, "ref": "S-BULK-1"}])
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE registry_stream SET updated_at = %s WHERE ref = %s",
                [connection.ops.adapt_datetimefield_value(timezone.now()), "S-FJORD-HEAT"],
            )
    assert stale().exists() or write == "index_changed"
    assert _unmarked_stale() == set()
    assert StaleMark.objects.exists()
    do_refresh_stale_index()
    if write != "index_changed":  # a changed row keeps its mark: it is current, just extra
        assert not StaleMark.objects.exists()


def test_a_deleted_stream_takes_its_marks(hidden_world):
    Stream.objects.filter(ref="S-FJORD-HEAT").update(updated_at=timezone.now())
    assert StaleMark.objects.exists()
    Stream.objects.filter(ref="S-FJORD-HEAT").delete()
    assert not StaleMark.objects.exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drops them on a rebuild")
def test_migrate_reinstalls_triggers_a_table_rebuild_dropped(hidden_world):
    """A migration that rebuilds the stream table on SQLite drops its triggers; after
    ``migrate`` they are back, and the streams written meanwhile are marked."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_mark_stream_update")
    Stream.objects.filter(ref="S-FJORD-SLAG").update(updated_at=timezone.now())
    assert _unmarked_stale() == {"S-FJORD-SLAG"}
    assert do_mark_stale() == 1
    assert _unmarked_stale() == set()
    _on_migrated(None)
    assert marks.installed(connection) == {t[0] for t in marks.TRIGGERS}
    assert not stale().exists() and not StaleMark.objects.exists()
