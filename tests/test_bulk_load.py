"""``bulk_load`` makes a large load cheaper on SQLite and leaves the table as it found it.

Inside the block the JSON checks are skipped and, with ``reindex``, the non-unique indexes
are dropped; after the block (or a rollback) the table has exactly its indexes again, the
connection its settings, and the unique constraint held throughout. On PostgreSQL it changes
nothing.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from symbiose.bulkinsert import bulk_load, insert_values
from symbiose.matching.models import Candidate

COLUMNS = ("offer_id", "need_id", "score", "feasible", "distance_km", "intra_company",
           "components", "reasons", "rank", "by_offer", "by_need", "digest", "basis")  # fmt: skip
TABLE = Candidate._meta.db_table


def _row(offer: int, need: int, score: float = 0.5) -> tuple:
    return (offer, need, score, True, 1.5, False, '{"what": 0.5}', '[{"kind": "info"}]',
            score + 1, True, False, 7, 9)  # fmt: skip


def _indexes() -> list[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name = %s ORDER BY name", [TABLE])  # fmt: skip
        else:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                           "ORDER BY indexname", [TABLE])  # fmt: skip
        return cursor.fetchall()


def _settings() -> tuple:
    if connection.vendor != "sqlite":
        return ()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()
        cursor.execute("PRAGMA ignore_check_constraints")
        return cache, cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_a_reindexed_load_writes_its_rows_and_puts_every_index_back(world):
    offer, need = world.public_stream.pk, world.secret_stream.pk
    before, settings = _indexes(), _settings()
    assert len(before) >= 2  # the unique pair index (it serves lookups by offer), one on need
    with transaction.atomic(), bulk_load(Candidate, reindex=True):
        if connection.vendor == "sqlite":
            assert [n for n, _ in _indexes()] == [n for n, sql in before if sql is None]
        assert insert_values(Candidate, COLUMNS, [_row(offer, need), _row(need, offer)]) == 2
    assert _indexes() == before and _settings() == settings
    stored = Candidate.objects.get(offer_id=offer, need_id=need)
    assert stored.components == {"what": 0.5} and stored.reasons == [{"kind": "info"}]
    assert list(Candidate.objects.filter(need_id=offer).values_list("offer_id", flat=True)) == [
        need
    ]


@pytest.mark.django_db(transaction=True)
def test_a_load_that_fails_rolls_back_with_its_indexes_and_keeps_pairs_unique(world):
    offer, need = world.public_stream.pk, world.secret_stream.pk
    before, settings = _indexes(), _settings()
    with pytest.raises((IntegrityError, connection.Database.IntegrityError)), transaction.atomic():
        with bulk_load(Candidate, reindex=True):
            insert_values(Candidate, COLUMNS, [_row(offer, need), _row(offer, need, 0.7)])
    assert _indexes() == before and _settings() == settings
    assert not Candidate.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_dropping_indexes_outside_a_transaction_is_refused(world):
    if connection.vendor != "sqlite":
        pytest.skip("a no-op on PostgreSQL")
    with pytest.raises(RuntimeError), bulk_load(Candidate, reindex=True):
        pass  # pragma: no cover
    assert len(_indexes()) >= 2
