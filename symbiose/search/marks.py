"""The database marks the streams whose search index row may be missing or out of date
(``search.StaleMark``), so a search finds them without comparing every row's stamps.

Triggers on the stream, organisation and index tables mark a stream on every write that can
make its row stop being current (:func:`symbiose.search.index.current`): a new stream; a
change of a stream's ``updated_at``, ``sensitive_fields`` or organisation; a change of its
organisation's ``updated_at``; a deleted or changed index row. They fire whatever writes:
an action, an import's bulk writes, a queryset ``update``, raw SQL. The index writer
(``search.actions``) removes the marks of the streams whose rows it leaves current, in its
own transaction and only where the row is current when it does, so a write that raced it
keeps its mark. The only other way a row stops being current, a new ``knowledge``, is found
through that column's index.

The triggers are (re)installed after every ``migrate`` (``search.signals``): on SQLite a
migration that rebuilds one of these tables drops its triggers. Then every stream whose row
is not current is marked once (``search.actions.do_mark_stale``: one pass over the streams,
as ``migrate`` already makes).
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

_WHEN_STREAM = (
    "OLD.updated_at IS NOT NEW.updated_at OR OLD.sensitive_fields IS NOT "
    "NEW.sensitive_fields OR OLD.organisation_id IS NOT NEW.organisation_id"
)
_MARK_NEW = "INSERT INTO search_stalemark (stream_id) VALUES (NEW.id)"
_MARK_ORGANISATION = ("INSERT INTO search_stalemark (stream_id) "
                      "SELECT id FROM registry_stream WHERE organisation_id = NEW.id")  # fmt: skip
_UNMARK = "DELETE FROM search_stalemark WHERE stream_id = OLD.id"
_MARK_INDEX = "INSERT INTO search_stalemark (stream_id) VALUES (OLD.stream_id)"

#: (name, table, event, condition or "", statement)
TRIGGERS = [
    ("search_mark_stream_insert", "registry_stream", "INSERT", "", _MARK_NEW),
    ("search_mark_stream_update", "registry_stream", "UPDATE", _WHEN_STREAM, _MARK_NEW),
    ("search_mark_stream_delete", "registry_stream", "DELETE", "", _UNMARK),
    ("search_mark_organisation_update", "registry_organisation", "UPDATE",
     "OLD.updated_at IS NOT NEW.updated_at", _MARK_ORGANISATION),
    ("search_mark_index_delete", "search_streamindex", "DELETE", "", _MARK_INDEX),
    ("search_mark_index_update", "search_streamindex", "UPDATE", "", _MARK_INDEX),
]  # fmt: skip


def _sqlite(name: str, table: str, event: str, when: str, statement: str) -> list[str]:
    condition = f" WHEN {when}" if when else ""
    return [f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table}{condition} "
            f"BEGIN {statement}; END"]  # fmt: skip


def _postgresql(name: str, table: str, event: str, when: str, statement: str) -> list[str]:
    condition = f" WHEN ({when.replace('IS NOT', 'IS DISTINCT FROM')})" if when else ""
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {statement}; RETURN NULL; END $$",
        f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{condition} "
        f"EXECUTE FUNCTION {name}()",
    ]


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers that are missing (each once; idempotent)."""
    build = _sqlite if connection.vendor == "sqlite" else _postgresql
    with connection.cursor() as cursor:
        for trigger in TRIGGERS:
            for sql in build(*trigger):
                cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Drop the triggers (migrating back past ``search.0007``, which drops the table)."""
    with connection.cursor() as cursor:
        for name, table, *_rest in TRIGGERS:
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def installed(connection: BaseDatabaseWrapper) -> set[str]:
    """Names of the triggers of :data:`TRIGGERS` the database has."""
    if connection.vendor == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        found = {row[0] for row in cursor.fetchall()}
    return found & {t[0] for t in TRIGGERS}
