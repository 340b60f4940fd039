"""``match_all`` in batches: the same matches in the same order, with each side's top-N flags."""

from __future__ import annotations

import pytest

from symbiose.matching.engine import MatchEngine
from symbiose.matching.engine.synthetic import synthetic_streams
from symbiose.matching.engine.ties import tiebreak


def _flags(matches, top_n):
    """Which side's top N each pair is in, ranked as a reader of the list would (stable)."""
    flags = {(m.offer_ref, m.need_ref): [False, False] for m in matches}
    for side in (0, 1):
        groups: dict[str, list] = {}
        for m in matches:
            groups.setdefault(m.need_ref if side else m.offer_ref, []).append(m)
        for group in groups.values():
            group.sort(key=lambda m: (-(m.score + (1.0 if m.feasible else 0.0)),
                                      tiebreak(m.offer_ref if side else m.need_ref)))  # fmt: skip
            for m in group[:top_n]:
                flags[m.offer_ref, m.need_ref][side] = True
    return flags


@pytest.fixture(scope="module")
def engine():
    return MatchEngine(synthetic_streams(600, seed=3))


@pytest.mark.parametrize(("top_n", "intra"), [(3, False), (5, True)])
def test_batches_concatenate_to_match_all_whatever_their_size(engine, top_n, intra):
    whole = engine.match_all(top_n=top_n, include_intra_company=intra)
    batches = list(engine.iter_match_all(top_n=top_n, include_intra_company=intra, batch=97))
    assert len(whole) > 300
    assert len(batches) == -(-len(whole) // 97)
    assert all(len(b.matches) == len(b.by_offer) == len(b.by_need) for b in batches)
    joined = [m for b in batches for m in b.matches]
    assert joined == whole  # every field: refs, score, components, reasons, distance
    assert [m.reasons for m in joined] == [m.reasons for m in whole]


def test_batch_flags_say_which_side_ranked_the_pair_in_its_top_n(engine):
    batches = list(engine.iter_match_all(top_n=4, include_intra_company=True, batch=50))
    matches = [m for b in batches for m in b.matches]
    expected = _flags(matches, 4)
    got = {(m.offer_ref, m.need_ref): [o, n] for b in batches
           for m, o, n in zip(b.matches, b.by_offer, b.by_need, strict=True)}  # fmt: skip
    assert got == expected
    assert all(o or n for o, n in got.values())  # a pair is in the union for a reason
    assert any(not o for o, _n in got.values()) and any(not n for _o, n in got.values())


def test_a_selection_is_built_once(engine):
    selection = engine.select_all(top_n=2, batch=1000)
    assert len(selection) == sum(len(b.matches) for b in engine.iter_matches(selection))
    with pytest.raises(ValueError, match="already built"):
        list(engine.iter_matches(selection))


def test_an_empty_engine_yields_no_batch():
    assert list(MatchEngine([]).iter_match_all()) == []


@pytest.mark.parametrize(("top_n", "intra"), [(3, False), (10, True)])
def test_pruning_contenders_as_blocks_come_in_chooses_the_same_pairs(engine, top_n, intra,
                                                                     monkeypatch):  # fmt: skip
    from symbiose.matching.engine import engine as module
    from symbiose.matching.engine import topn

    monkeypatch.setattr(topn, "PRUNE_AT", 10**12)  # every contender held at once
    whole = engine._select(top_n, intra, True)
    monkeypatch.setattr(topn, "PRUNE_AT", 200)  # pruned every few blocks
    monkeypatch.setattr(module, "PARALLEL_PAIRS", 0)  # blocks scored in two forked processes
    pruned = engine._select(top_n, intra, True)
    assert len(whole[0]) > 300
    assert whole[0].tolist() == pruned[0].tolist() and whole[1].tolist() == pruned[1].tolist()
