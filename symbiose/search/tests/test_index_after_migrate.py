"""After ``migrate``, out-of-date search index rows are rewritten: by ``migrate`` itself when
few, by a task worker when many (a taxonomy change makes every row stale), so a deploy does
not wait minutes; meanwhile search reads those streams row by row with the same answers."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from symbiose.search import signals, tasks
from symbiose.search.access import search_streams
from symbiose.search.filters import parse
from symbiose.search.index import stale
from symbiose.search.models import StreamIndex

PATH = tasks.refresh_stale_index.module_path


def _taxonomy_changed() -> int:
    """Every row read with other knowledge, as after a deploy that changed the taxonomy."""
    return StreamIndex.objects.update(knowledge="old-taxonomy")


def _answer(user) -> list[str]:
    filters, errors = parse({"material": "slag"})
    assert errors == []
    return [h.row["ref"] for h in search_streams(user, filters)]


def test_many_stale_rows_are_left_to_one_task_and_searched_row_by_row_meanwhile(world, monkeypatch):
    monkeypatch.setattr(signals, "MIGRATE_INLINE_ROWS", 1)
    before = {role: _answer(world.role(role)) for role in ("owner", "outsider", "admin")}
    rows = _taxonomy_changed()
    assert rows > 1
    signals._on_migrated(sender=None)
    signals._on_migrated(sender=None)  # a second migrate finds the task waiting
    assert DBTaskResult.objects.filter(task_path=PATH).count() == 1
    assert stale().count() == rows  # nothing rewritten in migrate
    assert {role: _answer(world.role(role)) for role in before} == before
    assert tasks.refresh_stale_index.call() == rows
    assert stale().count() == 0
    assert {role: _answer(world.role(role)) for role in before} == before


@pytest.mark.parametrize("changed", [True, False])
def test_few_stale_rows_are_rewritten_by_migrate_itself(world, changed):
    rows = _taxonomy_changed() if changed else 0
    assert stale().count() == rows
    signals._on_migrated(sender=None)
    assert stale().count() == 0
    assert not DBTaskResult.objects.filter(task_path=PATH).exists()
