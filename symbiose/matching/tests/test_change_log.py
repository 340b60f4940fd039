"""Stored candidates equal a full recompute after any sequence of registry changes.

The full recompute keeps the stored text fit (IDF weights are refitted only by a full
recompute, see ``symbiose/matching/worker.py``); scores are compared at the stored precision.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbiose.matching import worker
from symbiose.matching.adapter import TOP_N, live_streams, stream_input
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.models import Candidate, Change, MatchState
from symbiose.registry.actions import (
    check_save_organisation,
    check_save_stream,
    do_archive_stream,
)
from symbiose.registry.models import Stream
from symbiose.registry.signals import bulk_changes
from tests.workers import drain, failed

TITLES = {
    "offer": ["Surplus heat from cooling water", "Steel slag from the arc furnace",
              "Gypsum from flue gas cleaning", "Wood chips and sawdust", "Fish sludge"],
    "need": ["Heat for greenhouses", "Slag as aggregate for roads", "Gypsum for plasterboard",
             "Wood for the boiler", "Sludge for biogas"],
}  # fmt: skip
CATEGORY = {0: "heat", 1: "material", 2: "material", 3: "material", 4: "material"}
PLACES = [(58.10, 8.00), (58.11, 8.02), (59.90, 10.70), (63.40, 10.40), None]


def stored() -> dict[tuple[str, str], tuple]:
    rows = Candidate.objects.values_list(
        "offer__ref",
        "need__ref",
        "score",
        "feasible",
        "distance_km",
        "by_offer",
        "by_need",
        "components",
        "reasons",
    )
    return {(o, n): rest for o, n, *rest in rows}


def full_recompute() -> dict[tuple[str, str], tuple]:
    """What a full recompute with the stored fit would store (not written anywhere)."""
    fit = MatchState.objects.get(pk=1).vectoriser
    engine = MatchEngine([stream_input(s) for s in live_streams()], vectoriser=worker.load_fit(fit))
    matches = engine.match_all(top_n=TOP_N, include_intra_company=True)
    flags = worker.flags_of(matches, TOP_N)
    ids = {ref: 0 for ref in engine.slots}
    out = {}
    for m in matches:
        row = worker._row(m, ids, flags[m.offer_ref, m.need_ref])
        out[m.offer_ref, m.need_ref] = (
            round(m.score, 6), m.feasible, m.distance_km, *flags[m.offer_ref, m.need_ref],
            json.loads(row["components"]), json.loads(row["reasons"]))  # fmt: skip
    return out


def assert_equal_to_full_recompute() -> None:
    have, want = stored(), full_recompute()
    assert set(have) == set(want), (set(have) - set(want), set(want) - set(have))
    for pair, (score, feasible, distance, by_o, by_n, components, reasons) in want.items():
        h = have[pair]
        assert h[6] == reasons, pair  # reasons built again when anything they read changed
        assert h[5].keys() == components.keys(), pair
        assert all(abs(h[5][k] - v) <= 1e-6 for k, v in components.items()), pair
        assert abs(h[0] - score) <= 1e-6 and h[1] == feasible, pair
        assert (h[2] is None) == (distance is None), pair
        assert distance is None or abs(h[2] - distance) <= 1e-6, pair
        assert (h[3], h[4]) == (by_o, by_n), pair


def org(ref: str, place, nace: str = "24.10") -> None:
    lat, lon = place or ("", "")
    check_save_organisation({"ref": ref, "name": f"Firma {ref}", "lat": str(lat),
                             "lon": str(lon), "nace": nace}, acting_user=None)  # fmt: skip


def save(ref: str, org_ref: str, direction: str, kind: int, place, quantity: int) -> Stream:
    lat, lon = place or ("", "")
    return check_save_stream({
        "ref": ref, "organisation_ref": org_ref, "direction": direction,
        "category": CATEGORY[kind], "title": TITLES[direction][kind],
        "quantity": str(quantity), "unit": "MWh" if CATEGORY[kind] == "heat" else "t",
        "visibility": "public", "lat": str(lat), "lon": str(lon),
    }, acting_user=None)[0]  # fmt: skip


def run_queue() -> None:
    drain()
    assert not failed()


def in_production(action, *args) -> None:
    """Run a write with its after-commit work, as a web request would, then the worker."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        action(*args)
    run_queue()


def ten_streams() -> None:
    """Three organisations with five offers and five needs, their candidates stored by a
    full recompute in a fresh engine (the setup of ``base`` and of
    ``tests/test_refresh_during_recompute.py``)."""
    worker.reset()
    for ref, place in (("A", PLACES[0]), ("B", PLACES[1]), ("C", PLACES[2])):
        org(ref, place)
    for k in range(5):
        save(f"O{k}", "AB"[k % 2], "offer", k, None, 100 * (k + 1))
        save(f"N{k}", "BC"[k % 2], "need", k, None, 50 * (k + 1))
    worker.recompute_all()


@pytest.fixture
def base(db):
    ten_streams()
    yield
    worker.reset()


def test_editing_a_heat_offer_keeps_the_needs_that_only_it_served(base):
    for k in range(12):  # many heat needs, each with only the heat offer as a partner
        in_production(save, f"H{k}", "C", "need", 0, PLACES[k % 2], 10 + k)
    before = stored()
    in_production(save, "O0", "A", "offer", 0, None, 999)  # a new quantity
    assert_equal_to_full_recompute()
    served = {n for o, n in before if o == "O0"}
    assert {f"H{k}" for k in range(12)} <= served  # more than its own top 10
    assert {n for o, n in stored() if o == "O0"} == served
    in_production(save, "O0", "A", "offer", 0, PLACES[3], 999)  # moved 500 km: out of reach
    assert_equal_to_full_recompute()
    assert not {n for o, n in stored() if o == "O0"} & served


def test_moving_an_organisation_refreshes_the_distances_of_its_streams(base):
    in_production(save, "HO", "A", "offer", 1, None, 500)  # slag travels far
    in_production(save, "HN", "B", "need", 1, None, 100)
    near = stored()["HO", "HN"][2]
    in_production(org, "A", PLACES[3])  # 500 km north
    far = stored()["HO", "HN"][2]
    assert near < 5 and far > 400
    assert_equal_to_full_recompute()


def test_a_rolled_back_write_leaves_no_change_and_no_candidates(base):
    with pytest.raises(RuntimeError), transaction.atomic():
        save("GONE", "A", "offer", 1, None, 10)
        assert Change.objects.filter(handled_in__isnull=True).exists()
        raise RuntimeError("the request failed")
    worker.process_changes()
    assert not Candidate.objects.filter(offer__ref="GONE").exists()
    assert not Change.objects.filter(handled_in__isnull=True).exists()
    assert_equal_to_full_recompute()


OPS = st.one_of(
    st.tuples(st.just("create"), st.sampled_from("offer need".split()), st.integers(0, 4),
              st.integers(0, 4), st.sampled_from("ABC"), st.integers(1, 9)),
    st.tuples(st.just("edit"), st.integers(0, 30), st.integers(0, 4), st.integers(0, 4),
              st.sampled_from("ABC"), st.integers(1, 9)),
    st.tuples(st.just("archive"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.sampled_from("ABC"), st.integers(0, 4),
              st.sampled_from(["24.10", "10.20", "35.30"])),
    st.tuples(st.just("import"), st.integers(0, 4), st.integers(0, 4)),
)  # fmt: skip


class Rollback(Exception):
    pass


@settings(derandomize=True, max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])  # fmt: skip
@given(ops=st.lists(OPS, min_size=1, max_size=12))
def test_stored_candidates_equal_a_full_recompute_after_any_sequence(base, ops):
    try:
        with transaction.atomic():
            _play(ops)
            raise Rollback
    except Rollback:
        pass
    worker.reset()  # the engine saw rows that were rolled back


def _play(ops) -> None:
    worker.reset()
    made: list[tuple[str, str, str]] = [(f"O{k}", "offer", "AB"[k % 2]) for k in range(5)]
    made += [(f"N{k}", "need", "BC"[k % 2]) for k in range(5)]
    for n, op in enumerate(ops):
        if op[0] == "create":
            _, direction, kind, place, org_ref, q = op
            ref = f"X{n}"
            in_production(save, ref, org_ref, direction, kind, PLACES[place], 10 * q)
            made.append((ref, direction, org_ref))
        elif op[0] == "edit":
            _, k, kind, place, org_ref, q = op
            ref, direction, _old = made[k % len(made)]
            in_production(save, ref, org_ref, direction, kind, PLACES[place], 10 * q)
        elif op[0] == "archive":
            stream = Stream.objects.get(ref=made[op[1] % len(made)][0])
            in_production(lambda s=stream: do_archive_stream(s, acting_user=None))
        elif op[0] == "move":
            _, org_ref, place, nace = op
            in_production(org, org_ref, PLACES[place], nace)
        else:  # an import: bulk writes, then one full recompute (a refit) in the worker
            _, kind, place = op

            def bulk(n=n, kind=kind, place=place):
                with bulk_changes():
                    save(f"I{n}a", "C", "offer", kind, PLACES[place], 70)
                    save(f"I{n}b", "A", "need", kind, PLACES[place], 30)

            in_production(bulk)
            made += [(f"I{n}a", "offer", "C"), (f"I{n}b", "need", "A")]
        assert_equal_to_full_recompute()


def test_stored_rows_keep_numpy_numbers_as_numbers_and_other_values_as_text(world):
    import numpy as np

    from symbiose.bulkinsert import insert_many
    from symbiose.matching.engine.types import Match, Reason
    from symbiose.matching.models import Candidate
    from symbiose.matching.worker import _row

    params = {"a": np.float64(1.5), "b": np.int64(3), "c": np.bool_(1), "d": "x"}
    reason = Reason("{a} {b} {c} {d}", params, frozenset(), "what")
    when = {"when": datetime.date(2026, 1, 2)}
    odd = Reason("{when}", when, frozenset({"offer.quantity"}), "info")
    offer, need = world.public_stream, world.secret_stream
    match = Match(offer.ref, need.ref, np.float64(0.51234567), np.bool_(1), np.float64(12.25),
                  {"what": np.float32(0.5)}, (reason, odd), False)  # fmt: skip
    ids = {offer.ref: offer.pk, need.ref: need.pk}
    insert_many(Candidate, [_row(match, ids, (True, False))])
    stored = Candidate.objects.get()
    assert stored.reasons[0]["params"] == {"a": 1.5, "b": 3, "c": True, "d": "x"}
    assert stored.reasons[1] == {"template": "{when}", "params": {"when": "2026-01-02"},
                                 "reveals": ["offer.quantity"], "kind": "info"}  # fmt: skip
    assert stored.components == {"what": 0.5} and stored.score == 0.512346
    assert stored.feasible is True and stored.by_offer and not stored.by_need
