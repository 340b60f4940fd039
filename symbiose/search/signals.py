"""Registry writes keep the search columns current and wake the watch check.

* Every save of a stream or an organisation, and every replacement of a stream's composition
  rows, rewrites the stream's (the organisation's streams') search index rows in the same
  transaction; after an import (bulk writes) a task worker rewrites the rows that are out of
  date, and ``migrate`` does it itself, or leaves it to a task worker when more than
  :data:`MIGRATE_INLINE_ROWS` are (``search.index``).
* After commit, a worker checks the changed streams against the watches. Nothing is queued
  while nobody watches anything, so registry writes cost nothing extra then.
"""

from __future__ import annotations

from django.db import transaction


def connect(app_config: object) -> None:
    from django.db.models.signals import post_migrate, post_save

    from symbiose.registry.models import Organisation, Stream
    from symbiose.registry.signals import (
        area_levels_changed,
        registry_written,
        streams_bulk_changed,
    )
    from symbiose.resources.signals import composition_changed, composition_written

    post_save.connect(_on_stream_saved, sender=Stream, dispatch_uid="search-index-stream")
    post_save.connect(_on_organisation_saved, sender=Organisation,
                      dispatch_uid="search-index-organisation")  # fmt: skip
    streams_bulk_changed.connect(_on_bulk_index, dispatch_uid="search-index-bulk")
    area_levels_changed.connect(_on_area_levels, dispatch_uid="search-index-area")
    post_migrate.connect(_on_migrated, sender=app_config, dispatch_uid="search-index-migrate")
    registry_written.connect(_on_written, dispatch_uid="search-watches")
    streams_bulk_changed.connect(_on_bulk, dispatch_uid="search-watches-bulk")
    composition_changed.connect(_on_composition, dispatch_uid="search-watches-composition")
    composition_written.connect(_on_composition_written, dispatch_uid="search-index-composition")


def _on_written(sender, stream_id: int | None = None, organisation_id: int | None = None,
                **kwargs) -> None:  # fmt: skip
    from symbiose.registry.models import Stream
    from symbiose.search.models import Watch

    if not Watch.objects.exists():
        return
    if stream_id is not None:
        ids = [stream_id]
    else:
        ids = list(Stream.objects.filter(organisation_id=organisation_id)
                   .values_list("pk", flat=True))  # fmt: skip
    transaction.on_commit(lambda: _enqueue(ids))


def _on_composition(sender, stream_id: int | None = None, **kwargs) -> None:
    """After commit (the resources app sends it then): check the stream's watches."""
    from symbiose.search.models import Watch

    if stream_id is not None and Watch.objects.exists():
        _enqueue([stream_id])


def _on_bulk(sender, **kwargs) -> None:
    from symbiose.search.models import Watch

    if Watch.objects.exists():
        _enqueue(None)


def _enqueue(stream_ids: list[int] | None) -> None:
    from symbiose.search.tasks import check_watches

    check_watches.enqueue(stream_ids=stream_ids)


def enqueue_full_watch_check() -> None:
    """Queue a check of every watch against every stream (``symbiose send_alerts`` does, to
    catch what changes visibility without a stream write: disclosures, hub membership)."""
    from symbiose.search.models import Watch

    if Watch.objects.exists():
        _enqueue(None)


def _on_stream_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    from symbiose.registry.models import Stream
    from symbiose.search.actions import do_refresh_index

    if not raw:
        do_refresh_index(Stream.objects.filter(pk=instance.pk))


def _on_organisation_saved(sender, instance, raw: bool = False, created: bool = False,
                           **kwargs) -> None:  # fmt: skip
    from symbiose.registry.models import Stream
    from symbiose.search.actions import do_refresh_index

    if not raw and not created:
        do_refresh_index(Stream.objects.filter(organisation_id=instance.pk))


def _on_area_levels(sender, organisation_ids: list[int] = (), bulk: bool = False,
                    **kwargs) -> None:  # fmt: skip
    """In the writing transaction: the area a hidden owner is named by changed for these
    organisations (``registry.area``), so their streams' rows (place, county, words) are
    rewritten, and their watches checked after commit. After an import the rows are left
    out of date (their organisation's ``updated_at`` moved, so they are not read) for the
    task that follows the import's commit (:func:`_on_bulk_index`)."""
    from symbiose.registry.models import Stream
    from symbiose.search.actions import do_refresh_index
    from symbiose.search.models import Watch

    if bulk:
        return
    streams = Stream.objects.filter(organisation_id__in=list(organisation_ids))
    do_refresh_index(streams)
    if Watch.objects.exists():
        ids = list(streams.values_list("pk", flat=True))
        transaction.on_commit(lambda: _enqueue(ids))


def _on_composition_written(sender, stream_id: int | None = None, **kwargs) -> None:
    """In the writing transaction: rewrite the stream's row (its composition columns). In
    an import's bulk writes the row is left out of date and rewritten after commit."""
    from symbiose.registry.models import Stream
    from symbiose.registry.signals import in_bulk
    from symbiose.search.actions import do_refresh_index

    if stream_id is not None and not in_bulk():
        do_refresh_index(Stream.objects.filter(pk=stream_id))


def _on_bulk_index(sender, **kwargs) -> None:
    """After an import's commit: a worker rewrites the rows its bulk writes left out of date
    (``search.tasks.refresh_stale_index``; until then those streams are tested row by row)."""
    from symbiose.search.tasks import enqueue_index_refresh

    enqueue_index_refresh()


#: Out-of-date index rows ``migrate`` rewrites itself; when more are stale (a deploy that
#: changed the taxonomy makes every row stale: minutes at 100 000 streams) a task worker
#: rewrites them, so the deploy does not wait; search reads those streams row by row
#: meanwhile, with the same answers.
MIGRATE_INLINE_ROWS = 2000


def _on_migrated(sender, using: str = "default", **kwargs) -> None:
    """After ``migrate`` (and a test database's flush): fill rows missing or out of date,
    once the table exists; many are left to a task (:data:`MIGRATE_INLINE_ROWS`)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder
    from django_tasks_db.models import DBTaskResult

    from symbiose.search import marks, wordtext
    from symbiose.search.actions import do_mark_stale, do_refresh_stale_index
    from symbiose.search.index import stale
    from symbiose.search.models import StaleMark, StreamIndex
    from symbiose.search.tasks import enqueue_index_refresh

    tables = connections[using].introspection.table_names()
    if StreamIndex._meta.db_table not in tables:
        return
    if StaleMark._meta.db_table in tables:
        marks.install(connections[using])
        do_mark_stale()
    if ("search", wordtext.MIGRATION) in MigrationRecorder(connections[using]).applied_migrations():
        wordtext.install(connections[using])  # on SQLite a rebuilt index table lost its triggers
    many = stale().values("pk")[: MIGRATE_INLINE_ROWS + 1].count() > MIGRATE_INLINE_ROWS
    if many and DBTaskResult._meta.db_table in tables:
        enqueue_index_refresh()
    else:
        do_refresh_stale_index()
