"""Many new rows in few statements: ``INSERT … VALUES`` with ``executemany`` in batches.

Django's ``bulk_create`` compiles every value of every row through the SQL compiler; for the
hundreds of thousands of rows an import or a full recompute writes, that compiling costs more
than the database does. :func:`insert_many` builds the statement once per model and hands the
driver plain tuples (SQLite runs them in C; psycopg pipelines them on PostgreSQL), preparing
only the values that need it (dates, JSON, decimals) with the field's own
``get_db_prep_save``. It writes exactly what ``bulk_create`` would (the same columns, defaults
and ``auto_now`` stamps) but, unlike it, does not set primary keys on the objects: read them
back by a unique key when they are needed. It sends no signals (nor does ``bulk_create``).
Call it from an action, inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import islice
from typing import Any

from django.db import connections, models, router

#: Rows per ``executemany``: large enough to amortise the round trip, small enough for memory.
BATCH = 2000
#: Field types whose Python values the drivers take as they are (when of the expected type).
_PLAIN: dict[str, tuple[type, ...]] = {
    "CharField": (str,), "TextField": (str,), "SlugField": (str,), "EmailField": (str,),
    "IntegerField": (int,), "BigIntegerField": (int,), "SmallIntegerField": (int,),
    "PositiveIntegerField": (int,), "PositiveSmallIntegerField": (int,),
    "PositiveBigIntegerField": (int,), "FloatField": (float, int), "BooleanField": (bool,),
    "ForeignKey": (int,), "BigAutoField": (int,), "AutoField": (int,),
}  # fmt: skip


class Json(str):
    """A value already encoded as JSON text, for a ``JSONField``: written as it is.

    Encoding a row's JSON in one ``json.dumps`` call (with a ``default`` for odd types) is
    much cheaper than converting it to plain types first and letting the field encode it.
    """


#: SQLite's page cache during a :func:`bulk_load`, in KiB (its default is 2 000).
LOAD_CACHE_KIB = 65_536
#: Field types whose values repeat across rows (timestamps, dates): converted once per value.
_MEMO = {"DateTimeField", "DateField", "TimeField", "DecimalField"}


def _converter(field: models.Field, connection) -> Callable[[Any], Any]:
    kind = field.get_internal_type()
    plain = _PLAIN.get(kind)
    prep = field.get_db_prep_save
    if plain is not None:
        return lambda value: (
            value if value is None or type(value) in plain else prep(value, connection)
        )
    if kind == "JSONField":
        return lambda value: str(value) if type(value) is Json else prep(value, connection)
    if kind in _MEMO:
        seen: dict[Any, Any] = {}

        def memo(value: Any) -> Any:
            if value not in seen:
                seen[value] = prep(value, connection)
            return seen[value]

        return memo
    return lambda value: prep(value, connection)


def insert_many(
    model: type[models.Model],
    objs: Iterable[models.Model | Mapping[str, Any]],
    *,
    batch: int = BATCH,
    replace_on: str | None = None,
) -> int:
    """Insert unsaved instances of ``model``, or rows given as ``{attname: value}`` (a field
    left out gets its default, ``auto_now`` fields the time of the call); returns how many.

    Rows as mappings skip building model instances, which is most of the remaining cost; an
    iterator of rows is consumed one batch at a time, so the rows need not all be in memory.
    With ``replace_on`` (a unique column), a row whose key is there already is updated in
    place (``ON CONFLICT … DO UPDATE``, SQLite and PostgreSQL): the database's own work
    that follows a column (triggers, indexes) then runs only where the column changed.
    """
    connection = connections[router.db_for_write(model)]
    # a generated column (``GeneratedField``) is the database's to write
    fields = [f for f in model._meta.concrete_fields if f.column and not f.generated]
    fields = [f for f in fields if not (f.primary_key and f.auto_created)]
    convert = [_converter(f, connection) for f in fields]
    attnames = [f.attname for f in fields]
    probe = model()  # auto_now stamps as the fields make them, once for the whole call
    stamps = {f.attname: f.pre_save(probe, add=True) for f in fields
              if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}  # fmt: skip
    defaults = {f.attname: f.get_default() for f in fields}
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    if replace_on is not None:
        kept = ", ".join(f"{quote(f.column)} = excluded.{quote(f.column)}" for f in fields
                         if f.column != replace_on)  # fmt: skip
        sql += f" ON CONFLICT ({quote(replace_on)}) DO UPDATE SET {kept}"
    pairs = list(zip(convert, attnames, strict=True))
    written = 0
    with connection.cursor() as cursor:
        items = iter(objs)
        while chunk := list(islice(items, batch)):
            rows = []
            for obj in chunk:
                if isinstance(obj, models.Model):
                    for name, value in stamps.items():
                        setattr(obj, name, value)
                    values = obj.__dict__
                else:
                    values = {**defaults, **obj, **stamps}
                rows.append(tuple(c(values[a]) for c, a in pairs))
            cursor.executemany(sql, rows)
            written += len(rows)
    return written


def insert_values(
    model: type[models.Model], columns: tuple[str, ...], rows: Iterable[tuple], *,
    batch: int = BATCH,
) -> int:  # fmt: skip
    """Insert rows given as tuples of ready values in ``columns`` order; returns how many.

    For the largest writes (a full recompute's candidates): the values must already be what
    the driver takes (numbers, booleans, text, ``None``; JSON as :class:`Json` text), so
    nothing is converted per value; ``auto_now`` fields missing from ``columns`` get the time
    of the call. On PostgreSQL the rows are sent with ``COPY … FROM STDIN`` (psycopg 3), on
    other databases with ``executemany``.
    """
    connection = connections[router.db_for_write(model)]
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    probe = model()
    auto = [f for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]  # fmt: skip
    stamped = [f for f in auto if f.attname not in columns]
    stamp = tuple(f.get_db_prep_save(f.pre_save(probe, add=True), connection) for f in stamped)
    quote = connection.ops.quote_name
    names = ", ".join(quote(by_name[c].column) for c in columns + tuple(f.attname for f in stamped))
    table = quote(model._meta.db_table)
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r + stamp)
                    written += 1
            return written
        marks = ", ".join(["%s"] * (len(columns) + len(stamp)))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        items = iter(rows)
        while chunk := [r + stamp for r in islice(items, batch)]:
            cursor.executemany(sql, chunk)
            written += len(chunk)
    return written


def update_values(model: type[models.Model], column: str, rows: Iterable[tuple[Any, int]], *,
                  batch: int = BATCH) -> int:  # fmt: skip
    """Set one column of many rows to per-row values; ``rows`` are ``(value, pk)`` pairs of
    ready values (as :func:`insert_values` takes them). Returns how many were given.

    One ``UPDATE … WHERE pk = %s`` prepared once and run with ``executemany`` (SQLite runs
    it in C, psycopg pipelines it): far cheaper than deleting and inserting whole rows.
    """
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    field = model._meta.get_field(column)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"UPDATE {table} SET {quote(field.column)} = %s WHERE {pk} = %s"
    written = 0
    with connection.cursor() as cursor:
        items = iter(rows)
        while chunk := list(islice(items, batch)):
            cursor.executemany(sql, chunk)
            written += len(chunk)
    return written


@contextmanager
def bulk_load(
    model: type[models.Model], *, reindex: bool = False, keys_checked: bool = False
) -> Iterator[None]:
    """Make a large load of ready, trusted rows into ``model``'s table cheaper on SQLite.

    For the caller's own values (a full recompute's candidates, JSON from Python's encoder):
    inside the block the table's ``CHECK`` constraints are not evaluated (on SQLite Django
    checks every ``JSONField`` value with ``JSON_VALID``, a parse of each row's text) and
    SQLite's page cache is :data:`LOAD_CACHE_KIB`; both are put back after the block. With
    ``keys_checked`` the connection does not enforce foreign keys inside the block either (a
    lookup of each referenced row as each row is written): the caller checks that what its
    rows reference still exists before it ends (a full recompute's store,
    ``matching/actions.py``). Only when the block starts outside a transaction: SQLite
    ignores the setting inside one, so there the keys stay enforced. With
    ``reindex`` the table's non-unique indexes are dropped first and created again at the
    end, which sorts once instead of inserting each row into each index: for a load that
    writes most of the table's rows. The unique indexes stay, so uniqueness is checked as
    rows come. The drop and the creation are part of the caller's transaction (required):
    if it rolls back, so do they, and readers keep the indexes throughout (WAL).

    A no-op on other databases: PostgreSQL's ``COPY`` has no per-row parse of its own, and
    dropping an index there would lock every reader of the table out until the commit.
    """
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "sqlite":
        yield
        return
    if reindex and not connection.in_atomic_block:
        raise RuntimeError("bulk_load(reindex=True) must run inside a transaction")
    keys_checked = keys_checked and not connection.in_atomic_block  # else SQLite ignores it
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
        cursor.execute("PRAGMA ignore_check_constraints")
        checks = cursor.fetchone()[0]
        cursor.execute("PRAGMA foreign_keys")
        keys = cursor.fetchone()[0]
        indexes: list[str] = []
        if reindex:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name = %s AND sql IS NOT NULL ORDER BY name", [table])  # fmt: skip
            found = [(n, q) for n, q in cursor.fetchall() if not _unique(q)]
            for name, _sql in found:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            indexes = [q for _n, q in found]
        try:
            cursor.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KIB}")
            cursor.execute("PRAGMA ignore_check_constraints = 1")
            if keys_checked:
                cursor.execute("PRAGMA foreign_keys = 0")
            yield
            for sql in indexes:
                cursor.execute(sql)
        finally:
            cursor.execute(f"PRAGMA ignore_check_constraints = {int(checks)}")
            cursor.execute(f"PRAGMA foreign_keys = {int(keys)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache)}")


def _unique(sql: str) -> bool:
    """Whether SQLite's ``CREATE … INDEX`` statement makes a unique index."""
    return sql.lstrip().upper().startswith("CREATE UNIQUE")
