"""A worker warms up from the local engine snapshot and stays equal to a full recompute; a
snapshot of another fit, other code or a damaged file is ignored."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from symbiose.matching import snapshot, worker
from symbiose.matching.adapter import live_streams
from symbiose.matching.models import MatchState
from symbiose.matching.tests.test_change_log import (  # noqa: F401 - the fixture
    PLACES,
    assert_equal_to_full_recompute,
    base,
    in_production,
    org,
    save,
)
from symbiose.registry.actions import do_archive_stream
from symbiose.registry.models import Stream


@pytest.fixture
def snap(base, settings, tmp_path):  # noqa: F811 - the fixture imported above
    settings.MATCH_ENGINE_SNAPSHOT = str(tmp_path / "engine.pickle")
    worker.recompute_all()  # writes the snapshot
    return tmp_path / "engine.pickle"


def test_a_worker_started_later_loads_the_snapshot_and_replays_the_changes(snap):
    assert snap.exists()
    at_snapshot = MatchState.current().pass_no
    in_production(save, "S1", "A", "offer", 1, PLACES[0], 300)  # new
    in_production(save, "N1", "B", "need", 1, PLACES[3], 80)  # edited and moved
    in_production(lambda: do_archive_stream(Stream.objects.get(ref="O2"), acting_user=None))
    in_production(org, "C", PLACES[2], "10.20")  # an organisation's NACE code
    assert MatchState.current().pass_no > at_snapshot
    worker.reset()  # a new worker process
    assert worker.warm_up() == "snapshot"
    assert worker._me.pass_no == at_snapshot  # it still has to replay the later passes
    in_production(save, "S2", "C", "need", 1, PLACES[1], 40)
    assert_equal_to_full_recompute()
    engine = worker._me.engine
    assert set(engine.slots) == {s.ref for s in live_streams()}
    assert engine.stream("N1").lat == PLACES[3][0] and engine.stream("N1").nace == "24.10"
    assert worker.warm_up() == "warm"


def test_a_snapshot_of_other_code_another_fit_or_a_damaged_file_is_not_used(snap, monkeypatch):
    worker.reset()
    monkeypatch.setattr(snapshot, "fingerprint", lambda: "other code")
    assert worker.warm_up() == "built"  # and saved a snapshot marked "other code"
    monkeypatch.undo()
    worker.reset()
    assert worker.warm_up() == "built"  # that one is not ours
    worker.recompute_all()
    worker.reset()
    assert worker.warm_up() == "snapshot"
    MatchState.objects.filter(pk=1).update(fit_id="refitted elsewhere")
    worker.reset()
    assert snapshot.read("refitted elsewhere") is None
    snap.write_bytes(b"not a pickle")
    assert snapshot.read(MatchState.current().fit_id) is None


def test_snapshots_are_off_without_a_path(base, settings):  # noqa: F811
    settings.MATCH_ENGINE_SNAPSHOT = None
    worker.reset()
    assert worker.warm_up() == "built"
    assert snapshot.write(worker._me.engine, "x", 1, {}) is False


def test_the_task_worker_command_loads_the_engine_before_taking_tasks(transactional_db, snap):
    # transactional: the worker loop's close_old_connections() closes a connection held in a
    # test's atomic block on PostgreSQL (autocommit differs from the settings)
    worker.reset()
    out = io.StringIO()
    call_command("task_worker", batch=True, reload=False, startup_delay=False, nice=0, stdout=out,
                 queue_name="*")  # fmt: skip
    assert "(snapshot)" in out.getvalue()  # in the active language
    assert worker._me.source == "snapshot" and worker._me.engine is not None
