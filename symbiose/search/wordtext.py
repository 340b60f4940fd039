"""The word index: the database's own full-text index over the stored word columns of
``search.StreamIndex`` (``words_all`` for insiders, ``words_shared`` for everyone else), so
a word search reads only the streams with a word starting with each query word
(``search.indexed``).

Built by the database from the columns themselves, in C, inside the write that stores a
row: no row per word is built or sent from Python (the table of one row per word and stream
it replaces cost about 15 µs a row, 1.02 M rows at 100 000 streams; ``docs/benchmarks.md``).

* **SQLite:** an FTS5 table with external content (the index table itself, keyed by
  ``stream_id``), tokenised by ``ascii`` (folded words are ``[a-z0-9]`` between spaces) with
  ``detail=column`` (which column holds a word, no positions). Triggers on the index table
  keep it equal to the columns under every write (insert, delete, update, raw SQL). On
  SQLite a migration that rebuilds the index table drops its triggers, so :func:`install`
  runs after every ``migrate`` (``search.signals``) and rebuilds the FTS index from the
  columns when a trigger was missing.
* **PostgreSQL:** a GIN index on each column's words as a ``tsvector`` (each word as it is,
  no parser, no dictionary: ``array_to_tsvector``), cut to :data:`LENGTH` characters, and
  a prefix ``tsquery`` (``'word':*``) that the index answers.

Only a narrowing: the stored columns still decide each hit, so a word only insiders see
never makes a stream a hit for anyone else; what the index gives must hold every stream
whose column has the word (it does: the same columns, every prefix).
"""

from __future__ import annotations

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import RawSQL

#: The word columns, one per audience: insiders' and everyone else's.
COLUMNS = ("words_all", "words_shared")
#: SQLite: the FTS5 table.
TABLE = "search_wordtext"
#: PostgreSQL: words are indexed cut to this many characters (a lexeme has a size limit);
#: a longer query word is looked for by its start, so the index still holds every hit.
LENGTH = 40
_INDEX = "search_streamindex"
#: The migration that made the word index (``install`` runs after ``migrate`` from then on).
MIGRATION = "0008_word_text"

_SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(words_all, words_shared, "
    f"content='{_INDEX}', content_rowid='stream_id', tokenize='ascii', detail='column')"
)
_ADD = f"INSERT INTO {TABLE} (rowid, words_all, words_shared) VALUES (NEW.stream_id, " \
       "NEW.words_all, NEW.words_shared)"  # fmt: skip
_REMOVE = f"INSERT INTO {TABLE} ({TABLE}, rowid, words_all, words_shared) VALUES " \
          "('delete', OLD.stream_id, OLD.words_all, OLD.words_shared)"  # fmt: skip
#: (name, event, statements) of the SQLite triggers on the index table.
TRIGGERS = [
    ("search_wordtext_insert", "INSERT", (_ADD,)),
    ("search_wordtext_delete", "DELETE", (_REMOVE,)),
    ("search_wordtext_update", "UPDATE OF stream_id, words_all, words_shared",
     (_REMOVE, _ADD)),
]  # fmt: skip
#: The update trigger's condition: the words (or the key) changed.
_CHANGED = ("OLD.stream_id IS NOT NEW.stream_id OR OLD.words_all IS NOT NEW.words_all "
            "OR OLD.words_shared IS NOT NEW.words_shared")  # fmt: skip


def _tsvector(column: str) -> str:
    """The PostgreSQL expression of ``column``'s words as a tsvector (the GIN index's and
    the query's: they must be written the same for the index to be used)."""
    cut = rf"regexp_replace({column}, '(\S{{{LENGTH}}})\S+', '\1', 'g')"
    return f"array_to_tsvector(array_remove(string_to_array({cut}, ' '), ''))"


def _pg_index(column: str) -> str:
    return (f"CREATE INDEX IF NOT EXISTS search_{column}_gin ON {_INDEX} "
            f"USING gin (({_tsvector(column)}))")  # fmt: skip


def installed(connection: BaseDatabaseWrapper) -> set[str]:
    """Names of the SQLite triggers of :data:`TRIGGERS` the database has (none elsewhere)."""
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        found = {row[0] for row in cursor.fetchall()}
    return found & {t[0] for t in TRIGGERS}


def install(connection: BaseDatabaseWrapper) -> bool:
    """Create the word index where it is missing (idempotent); returns whether it was
    (re)built from the columns (SQLite: a trigger was missing, so writes may have passed
    unseen)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # only the missing ones: even "IF NOT EXISTS" refuses inside a transaction with
            # pending trigger events (a test's, or a migration's)
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [_INDEX])
            present = {row[0] for row in cursor.fetchall()}
            for column in COLUMNS:
                if f"search_{column}_gin" not in present:
                    cursor.execute(_pg_index(column))
            return False
        if connection.vendor != "sqlite":
            return False
        rebuild = len(installed(connection)) < len(TRIGGERS)
        cursor.execute(_SQLITE_TABLE)
        for name, event, statements in TRIGGERS:
            body = "".join(f"{s}; " for s in statements)
            when = f" WHEN {_CHANGED}" if event.startswith("UPDATE") else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")  # as this version writes it
            cursor.execute(f"CREATE TRIGGER {name} AFTER {event} ON {_INDEX}"
                           f"{when} BEGIN {body}END")  # fmt: skip
        if rebuild:
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")
        return rebuild


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Drop the word index (migrating back past the migration that made it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for column in COLUMNS:
                cursor.execute(f"DROP INDEX IF EXISTS search_{column}_gin")
        elif connection.vendor == "sqlite":
            for name, _event, _statements in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def streams_with(column: str, word: str) -> RawSQL:
    """A subquery of the ids of the streams whose ``column`` (of :data:`COLUMNS`) holds a
    word starting with ``word`` (a folded word: ``[a-z0-9]+``)."""
    if column not in COLUMNS or not word.isalnum() or not word.isascii():
        raise ValueError(f"not a word column and folded word: {column!r}, {word!r}")
    if default_connection.vendor == "postgresql":
        sql = f"SELECT stream_id FROM {_INDEX} WHERE {_tsvector(column)} @@ %s::tsquery"
        return RawSQL(sql, [f"'{word[:LENGTH]}':*"])
    return RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [f'{column} : "{word}" *'])
