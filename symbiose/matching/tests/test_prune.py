"""The change log is pruned up to the last full recompute, and an engine replayed from a
snapshot over the pruned log equals one built afresh."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from symbiose.matching import worker
from symbiose.matching.actions import do_prune_changes
from symbiose.matching.adapter import TOP_N, live_streams, stream_input
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.models import Change, MatchState
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


def _edits(n: int) -> None:
    """Edits handled by refresh passes, as in production."""
    in_production(save, f"S{n}", "A", "offer", n % 5, PLACES[n % 4], 100 + n)
    in_production(save, "N1", "B", "need", 1, PLACES[(n + 1) % 4], 80 + n)
    in_production(org, "C", PLACES[n % 3], "10.20" if n % 2 else "24.10")


def _handled() -> list[int]:
    return sorted(Change.objects.exclude(handled_in=None).values_list("handled_in", flat=True))


def test_pruning_deletes_only_changes_handled_up_to_the_last_recompute(base):  # noqa: F811
    _edits(1)
    recomputed = MatchState.current().recomputed_pass
    later = [p for p in _handled() if p > recomputed]
    assert recomputed and later and min(_handled()) <= recomputed
    save("S9", "A", "offer", 2, PLACES[0], 10)  # not run by a worker: pending
    assert do_prune_changes() > 0
    assert _handled() == later
    assert Change.objects.pending().count() == 1
    assert do_prune_changes() == 0  # nothing more until the next recompute


def test_a_full_recompute_prunes_what_it_handled_and_everything_before(base):  # noqa: F811
    _edits(1)
    save("S9", "A", "offer", 2, PLACES[0], 10)  # pending, then handled by the recompute
    worker.recompute_all()
    assert Change.objects.exists()  # the recompute only marks them
    call_command("match", stdout=io.StringIO())  # recomputes, then prunes
    state = MatchState.current()
    assert state.recomputed_pass == state.pass_no and not Change.objects.exists()


def test_an_engine_replayed_over_a_pruned_log_equals_a_fresh_build(
    base,  # noqa: F811 - the fixture imported above
    settings,
    tmp_path,
):
    settings.MATCH_ENGINE_SNAPSHOT = str(tmp_path / "engine.pickle")
    _edits(1)
    worker.recompute_all()  # a new fit, and the snapshot at its pass
    _edits(2)
    in_production(lambda: do_archive_stream(Stream.objects.get(ref="O2"), acting_user=None))
    assert do_prune_changes() > 0
    worker.reset()  # a worker started later, on the pruned log
    assert worker.warm_up() == "snapshot"
    assert worker._me.pass_no < MatchState.current().pass_no  # it replays the later passes
    replayed = worker.current_engine()
    fit = MatchState.objects.get(pk=1).vectoriser
    fresh = MatchEngine([stream_input(s) for s in live_streams()], vectoriser=worker.load_fit(fit))
    assert set(replayed.slots) == set(fresh.slots) == {s.ref for s in live_streams()}
    want = {(m.offer_ref, m.need_ref): m for m in fresh.match_all(TOP_N, True)}
    have = {(m.offer_ref, m.need_ref): m for m in replayed.match_all(TOP_N, True)}
    assert set(have) == set(want)
    for pair, m in want.items():
        assert have[pair].score == pytest.approx(m.score, abs=1e-12), pair
        assert (have[pair].feasible, have[pair].distance_km) == (m.feasible, m.distance_km)
    assert_equal_to_full_recompute()


def test_the_prune_command_says_what_it_deleted(base):  # noqa: F811
    _edits(1)
    count = Change.objects.filter(handled_in__lte=MatchState.current().recomputed_pass).count()
    out = io.StringIO()
    with translation.override("nb"):
        call_command("prune_changes", stdout=out)
    assert f"Slettet {count} behandlede endringer" in out.getvalue() and count > 0
    out = io.StringIO()
    with translation.override("en"):
        call_command("prune_changes", stdout=out)
    assert "Deleted 0 handled changes up to pass" in out.getvalue()
