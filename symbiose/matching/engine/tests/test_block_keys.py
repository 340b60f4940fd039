"""Block keys (``blockscore.BlockKeys``) equal ``rank_key(score_pairs(...))`` bit for bit.

The block scorer computes the knowledge part once per distinct profile and gathers it, and
the rest per pair; ``match_all`` chooses its pairs by these keys, so any difference in the
last bit could change which pairs are stored. Compared on a synthetic registry and on real
listings (every evaluation set: fuels and energy needs, named uses, streams without a place),
with the profile table on and off, for every block of the registry.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from symbiose.matching.engine import MatchEngine, blockscore, scoring, where
from symbiose.matching.engine.evalset import EVALUATION_DIR, load_evaluation
from symbiose.matching.engine.index import split_blocks
from symbiose.matching.engine.synthetic import synthetic_streams


@pytest.fixture(scope="module", params=["synthetic", "evaluation"])
def engine(request):
    if request.param == "synthetic":
        return MatchEngine(synthetic_streams(1500, seed=11))
    pooled = []  # every evaluation set at once, refs kept apart
    for k, folder in enumerate(sorted(EVALUATION_DIR.parent.glob("evaluation*"))):
        streams, _truth = load_evaluation(folder)
        pooled += [replace(s, ref=f"{k}:{s.ref}", org_ref=f"{k}:{s.org_ref}") for s in streams]
    return MatchEngine(pooled)


def _blocks(engine):
    t = engine.table
    return [(np.asarray(o), np.asarray(n))
            for o, n in split_blocks(engine.index.blocks(), t.lat, t.lon) if o and n]  # fmt: skip


@pytest.mark.parametrize("table", [True, False])
@pytest.mark.parametrize(("intra", "infeasible"), [(True, True), (False, False)])
def test_block_keys_equal_the_scored_rank_keys(engine, table, intra, infeasible, monkeypatch):
    monkeypatch.setattr(blockscore, "TABLE_SHARE", 1.0 if table else 0.0)
    x_all = engine._rows(range(len(engine.inputs)))
    t, cfg = engine.table, engine.cfg
    tabled = entries = 0
    for o, n in _blocks(engine):
        block = blockscore.BlockKeys(t, o, n, cfg)
        tabled += block.table is not None
        for start in range(0, len(o), 7):  # chunks of offers, as match_all scores them
            rows = slice(start, start + 7)
            text = (x_all[o[rows]] @ x_all[n].T).toarray()
            intra_org = t.org[o[rows]][:, None] == t.org[n][None, :]
            sc = scoring.score_pairs(t, o[rows][:, None], n[None, :], text, cfg)
            want = scoring.rank_key(sc, intra_org, cfg, intra, infeasible)
            got = block.keys(rows, text, intra_org, intra, infeasible)
            assert got.shape == want.shape
            assert got.tobytes() == want.tobytes()
            entries += got.size
    assert entries > 10_000
    assert (tabled > 0) == table


def test_knowledge_reads_only_the_profile_columns(engine):
    """Two streams alike in :data:`~scoring.KNOWLEDGE_COLUMNS` must have the same knowledge:
    ``knowledge`` may read no other column (a new one must be added to the list)."""
    read: set[str] = set()

    class Recording:
        def __getattr__(self, name):
            read.add(name)
            return getattr(engine.table, name)

    o, n = _blocks(engine)[0]
    scoring.knowledge(Recording(), o[:, None], n[None, :], engine.cfg)
    columns = {c for c in read if isinstance(getattr(engine.table, c), np.ndarray)}
    assert columns <= set(scoring.KNOWLEDGE_COLUMNS)
    assert {"cprof", "ckey", "ewc"} <= columns


@pytest.mark.parametrize("mix", [None, 0])  # 0: every row hashes to its last column
def test_streams_of_one_profile_share_a_representative(engine, mix, monkeypatch):
    if mix is not None:  # hashes collide: the rows are compared instead
        monkeypatch.setattr(blockscore, "_MIX", np.uint64(mix))
    o, _n = max(_blocks(engine), key=lambda b: len(b[0]))
    reps, inverse = blockscore.profiles(engine.table, o)
    assert len(reps) < len(o) and inverse.max() == len(reps) - 1
    for name in scoring.KNOWLEDGE_COLUMNS:
        col = getattr(engine.table, name)
        assert np.array_equal(col[reps[inverse]], col[o], equal_nan=True)


def test_pipe_formulas_give_the_road_values_to_road_pairs(engine, monkeypatch):
    """Pipe-bound pairs computed on their own or every pair through the pipe formulas: the
    same scores, flags and components."""
    x_all = engine._rows(range(len(engine.inputs)))
    t, cfg = engine.table, engine.cfg
    mixed = 0
    for o, n in _blocks(engine):
        text = (x_all[o] @ x_all[n].T).toarray()
        kinds = where.LOCAL_OF_CAT[t.cat[o]][:, None] >= 0
        mixed += 0 < np.count_nonzero(kinds | (where.LOCAL_OF_CAT[t.cat[n]] >= 0)) < text.size
        passes = []
        for dense in (0.0, 2.0):  # every pass with a pipe dense / none
            monkeypatch.setattr(where, "DENSE_PIPES", dense)
            passes.append(scoring.score_pairs(t, o[:, None], n[None, :], text, cfg))
        a, b = passes
        for name in ("score", "feasible", "blocked", "distance_km", "limit_km"):
            assert (
                np.broadcast_to(getattr(a, name), text.shape).tobytes()
                == np.broadcast_to(getattr(b, name), text.shape).tobytes()
            ), name
        for name, value in a.components.items():
            assert value.tobytes() == b.components[name].tobytes(), name
    assert mixed > 0


def test_a_packed_text_document_comes_back_in_its_order():
    """Forked feature extraction sends each document as one string and one array; the
    parent's document is the same mapping in the same order (the vocabulary's order)."""
    from symbiose.matching.engine.build import packed_features as _packed_features
    from symbiose.matching.engine.build import unpacked as _unpacked
    from symbiose.matching.engine.features import stream_features

    cfg = MatchEngine([]).cfg
    for s in synthetic_streams(40, seed=5):
        f, packed = _packed_features(s, cfg)
        doc = stream_features(s, cfg).doc
        assert f.doc == {} and packed is not None
        assert list(_unpacked(f, packed).items()) == list(doc.items())
