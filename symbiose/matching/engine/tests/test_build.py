"""A build in chunks (forked or not) files every stream exactly as one pass over them would.

The reference here is the plain definition: fit the vectoriser on every stream's document in
order of ref, then transform each document in turn (adding unseen terms as they come when
the fit was made earlier). Chunked document counts merged in the wrong order, or a term
added by one chunk before an earlier chunk's, change the vocabulary's order and with it
every text vector.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from symbiose.matching.engine import engine as engine_mod
from symbiose.matching.engine.basis import input_hash
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.features import stream_features
from symbiose.matching.engine.synthetic import synthetic_streams
from symbiose.matching.engine.text import Vectoriser
from symbiose.matching.engine.types import EngineConfig


def _reference(streams, cfg, vectoriser=None):
    """Vocabulary, weights and each stream's vector, built one stream at a time."""
    ordered = sorted(streams, key=lambda s: s.ref)
    docs = [stream_features(s, cfg).doc for s in ordered]
    if vectoriser is None:
        vectoriser = Vectoriser()
        vectoriser.fit(docs)
    vectors = {s.ref: vectoriser.transform(d) for s, d in zip(ordered, docs, strict=True)}
    return vectoriser, vectors


def _same(engine, vectoriser, vectors, streams):
    assert list(engine.vectoriser.vocab.items()) == list(vectoriser.vocab.items())
    assert engine.vectoriser.idf == vectoriser.idf
    assert engine.vectoriser.max_idf == vectoriser.max_idf
    for s in streams:
        slot = engine.slots[s.ref]
        idx, val = vectors[s.ref]
        start, length = engine.vectors.start[slot], engine.vectors.length[slot]
        assert engine.vectors.idx[start : start + length].tolist() == idx.tolist()
        assert engine.vectors.val[start : start + length].tobytes() == val.tobytes()
        assert int(engine._ih[slot]) == input_hash(s)
        assert engine.features(s.ref).doc == {}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_chunked_build_fits_and_files_as_one_pass(monkeypatch, workers):
    monkeypatch.setattr(engine_mod, "PARALLEL_STREAMS", 50)  # forked with 2 workers
    streams = synthetic_streams(400, seed=11)
    cfg = EngineConfig(workers=workers)
    engine = MatchEngine(streams, config=cfg)
    _same(engine, *_reference(streams, cfg), streams)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_chunked_build_with_an_earlier_fit_adds_unseen_terms_in_order(monkeypatch, workers):
    monkeypatch.setattr(engine_mod, "PARALLEL_STREAMS", 50)
    streams = synthetic_streams(400, seed=12)
    cfg = EngineConfig(workers=workers)
    earlier = MatchEngine(streams[:60], config=EngineConfig(workers=1)).vectoriser
    engine = MatchEngine(streams, config=cfg, vectoriser=copy.deepcopy(earlier))
    vectoriser, vectors = _reference(streams, cfg, copy.deepcopy(earlier))
    assert len(vectoriser.vocab) > len(earlier.vocab)  # the later streams brought new terms
    _same(engine, vectoriser, vectors, streams)


def test_forked_and_serial_builds_score_alike(monkeypatch):
    monkeypatch.setattr(engine_mod, "PARALLEL_STREAMS", 50)
    streams = synthetic_streams(300, seed=13)
    one, two = (MatchEngine(streams, config=EngineConfig(workers=w)) for w in (1, 2))
    a, b = (e.select_all(5, include_intra_company=True) for e in (one, two))
    for (o1, n1, s1), (o2, n2, s2) in zip(a.parts, b.parts, strict=True):
        assert np.array_equal(o1, o2) and np.array_equal(n1, n2)
        assert s1.score.tobytes() == s2.score.tobytes()


def test_a_duplicate_ref_is_refused_in_a_chunked_build(monkeypatch):
    monkeypatch.setattr(engine_mod, "PARALLEL_STREAMS", 50)
    streams = synthetic_streams(100, seed=14)
    with pytest.raises(ValueError, match="duplicate stream ref"):
        MatchEngine([*streams, streams[40]], config=EngineConfig(workers=2))


def test_chosen_pairs_scored_in_forks_equal_scored_here(monkeypatch):
    """``select_all`` scores its chosen pairs part by part in forked processes on large
    registries: every array of every part, and the flags, are those of scoring them here."""
    streams = synthetic_streams(300, seed=15)
    here = MatchEngine(streams, config=EngineConfig(workers=1))
    forked = MatchEngine(streams, config=EngineConfig(workers=2))
    monkeypatch.setattr(engine_mod, "PARALLEL_SCORED", 10)
    a = here.select_all(5, include_intra_company=True, batch=97)
    b = forked.select_all(5, include_intra_company=True, batch=97)
    assert len(a.parts) > 2 and a.starts == b.starts
    assert a.by_offer.tobytes() == b.by_offer.tobytes()
    assert a.by_need.tobytes() == b.by_need.tobytes()
    for (o1, n1, s1), (o2, n2, s2) in zip(a.parts, b.parts, strict=True):
        assert o1.tobytes() == o2.tobytes() and n1.tobytes() == n2.tobytes()
        for name in ("score", "feasible", "blocked", "what", "distance_km", "limit_km"):
            assert getattr(s1, name).tobytes() == getattr(s2, name).tobytes(), name
        assert list(s1.components) == list(s2.components)
        for name, value in s1.components.items():
            assert value.tobytes() == s2.components[name].tobytes(), name
