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

from collections.abc import Callable, Sequence
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


def _converter(field: models.Field, connection) -> Callable[[Any], Any]:
    plain = _PLAIN.get(field.get_internal_type())
    prep = field.get_db_prep_save
    if plain is None:
        return lambda value: prep(value, connection)
    return lambda value: value if value is None or type(value) in plain else prep(value, connection)


def insert_many(
    model: type[models.Model], objs: Sequence[models.Model], *, batch: int = BATCH
) -> int:
    """Insert unsaved instances of ``model``; returns how many rows were written."""
    if not objs:
        return 0
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or not f.auto_created]
    fields = [f for f in fields if f.column]
    stamps = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    convert = [_converter(f, connection) for f in fields]
    attnames = [f.attname for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    for obj in objs[:1]:
        for f in stamps:  # one timestamp for the whole call, as a single statement would have
            f.pre_save(obj, add=True)
    stamped = {f.attname: getattr(objs[0], f.attname) for f in stamps}
    written = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            rows = []
            for obj in objs[start : start + batch]:
                for name, value in stamped.items():
                    setattr(obj, name, value)
                values = obj.__dict__
                rows.append(tuple(c(values[a]) for c, a in zip(convert, attnames, strict=True)))
            cursor.executemany(sql, rows)
            written += len(rows)
    return written
