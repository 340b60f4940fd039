"""A full recompute stores its candidates batch by batch and stores exactly what the engine's
whole ``match_all`` list gives: every pair, score, component, reason, rank and top-N flag."""

from __future__ import annotations

import json
import logging

import pytest

from symbiose.matching import worker
from symbiose.matching.adapter import TOP_N, live_streams, stream_input
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.synthetic import synthetic_streams
from symbiose.matching.models import Candidate, MatchState
from symbiose.registry.actions import check_save_organisation, check_save_stream

UNIT = {"t/yr": "t", "MWh/yr": "MWh", "m3/yr": "m3", "h/yr": "h"}
FIELDS = ("offer__ref", "need__ref", "score", "feasible", "distance_km", "intra_company",
          "components", "reasons", "rank", "by_offer", "by_need")  # fmt: skip


def _registry(n: int) -> None:
    """``n`` synthetic streams (seed 11) saved through the registry's own actions."""
    streams = synthetic_streams(n, seed=11)
    for org_ref in sorted({s.org_ref for s in streams}):
        first = next(s for s in streams if s.org_ref == org_ref)
        check_save_organisation({"ref": org_ref, "name": f"Firma {org_ref}",
                                 "lat": f"{first.lat:.4f}", "lon": f"{first.lon:.4f}"},
                                acting_user=None)  # fmt: skip
    for s in streams:
        check_save_stream({
            "ref": s.ref, "organisation_ref": s.org_ref, "direction": s.direction,
            "category": s.category, "title": s.title, "description": s.description,
            "ewc_code": s.ewc_code or "", "quantity": str(s.quantity), "unit": UNIT[s.unit],
            "period": "year", "accepts_hazardous": "yes" if s.accepts_hazardous else "no",
            "temperature_c": "" if s.temperature_c is None else str(s.temperature_c),
            "visibility": "public", "lat": f"{s.lat:.4f}", "lon": f"{s.lon:.4f}",
        }, acting_user=None)  # fmt: skip


def _stored() -> list[tuple]:
    rows = Candidate.objects.order_by("offer__ref", "need__ref").values_list(*FIELDS)
    return [tuple(r) for r in rows]


def _whole_list() -> list[tuple]:
    """The rows built from one whole ``match_all`` list (the path before batches)."""
    fit = worker.load_fit(MatchState.objects.get(pk=1).vectoriser)
    streams = list(live_streams())
    engine = MatchEngine([stream_input(s) for s in streams], vectoriser=fit)
    matches = engine.match_all(top_n=TOP_N, include_intra_company=True)
    flags = worker.flags_of(matches, TOP_N)
    ids = {s.ref: s.pk for s in streams}
    refs = {pk: ref for ref, pk in ids.items()}
    out = []
    for m in matches:
        row = worker._row(m, ids, flags[m.offer_ref, m.need_ref])
        out.append((refs[row["offer_id"]], refs[row["need_id"]], row["score"], row["feasible"],
                    row["distance_km"], row["intra_company"], json.loads(row["components"]),
                    json.loads(row["reasons"]), row["rank"], row["by_offer"],
                    row["by_need"]))  # fmt: skip
    return sorted(out, key=lambda r: (r[0], r[1]))


@pytest.mark.django_db
def test_recompute_in_batches_stores_what_the_whole_list_gives():
    worker.reset()
    _registry(160)
    stored_pairs = worker.recompute_all(batch=37)
    batched = _stored()
    assert stored_pairs == len(batched) > 3 * 37  # several batches were stored
    assert batched == _whole_list()
    assert any(r[7] for r in batched) and any(not r[9] for r in batched)  # reasons, flags vary
    worker.recompute_all(batch=100_000)  # one batch
    assert _stored() == batched
    worker.reset()


@pytest.mark.django_db
def test_a_recompute_rewrites_only_the_rows_that_differ_and_mends_every_one():
    """A second recompute keeps the rows that are still right (same ids) and puts back a
    changed score, changed flags, a deleted row, an edited reason and removes a stray pair."""
    worker.reset()
    _registry(160)
    worker.recompute_all(batch=37)
    right = _stored()
    ids = dict(Candidate.objects.values_list("pk", "offer__ref"))
    rows = list(Candidate.objects.order_by("pk"))
    changed_score, flipped, deleted, edited = rows[0], rows[1], rows[2], rows[3]
    Candidate.objects.filter(pk=changed_score.pk).update(score=changed_score.score + 1e-6)
    Candidate.objects.filter(pk=flipped.pk).update(by_offer=not flipped.by_offer)
    Candidate.objects.filter(pk=deleted.pk).delete()
    Candidate.objects.filter(pk=edited.pk).update(reasons=[], digest=0)
    stored_pairs = set(Candidate.objects.values_list("offer_id", "need_id"))
    offer = Candidate.objects.values_list("offer_id", flat=True).first()
    stray = next(n for n in Candidate.objects.values_list("need_id", flat=True)
                 if (offer, n) not in stored_pairs)  # fmt: skip
    Candidate.objects.create(offer_id=offer, need_id=stray, score=0.5, feasible=True)
    assert _stored() != right

    worker.recompute_all(batch=37)
    assert _stored() == right
    kept = dict(Candidate.objects.values_list("pk", "offer__ref"))
    touched = {changed_score.pk, flipped.pk, deleted.pk, edited.pk}
    assert {pk for pk in ids if pk not in touched} <= set(kept)  # untouched rows kept
    assert not touched & set(kept)  # rewritten rows are new rows
    worker.reset()


@pytest.mark.django_db
def test_rows_built_in_forked_processes_are_the_same_rows(monkeypatch):
    worker.reset()
    _registry(160)
    monkeypatch.setattr(worker, "PARALLEL_ROWS", 0)  # two forked processes build the rows
    forked = []

    class Spy(worker.ForkPipeline):
        def __enter__(self):
            super().__enter__()
            forked.append(self.pool is not None and self.workers)
            return self

    monkeypatch.setattr(worker, "ForkPipeline", Spy)
    stored_pairs = worker.recompute_all(batch=29)
    assert forked == [2]
    assert stored_pairs == Candidate.objects.count() > 3 * 29
    assert _stored() == _whole_list()
    worker.reset()


@pytest.mark.django_db
def test_forked_builders_keep_the_rows_that_read_the_same_after_new_engine_code(
    monkeypatch, caplog
):
    """The forked processes compare the rows they build with the stored ones (looked up by
    the parent) and send back only what to write: after a deploy of new code every row is
    built again, those that read the same keep their id with the new basis, and a row that
    reads differently is replaced."""
    worker.reset()
    _registry(160)
    worker.recompute_all(batch=29)
    monkeypatch.setattr(worker, "PARALLEL_ROWS", 0)  # two forked processes build the rows
    ids = dict(Candidate.objects.values_list("pk", "basis"))
    odd = min(ids)
    Candidate.objects.filter(pk=odd).update(digest=1)  # as if it said something else
    monkeypatch.setattr(worker.rows_mod, "code_salt", lambda: 12345)  # a deploy of new code
    with caplog.at_level(logging.INFO, logger="symbiose.matching.worker"):
        worker.recompute_all(batch=29)
    counts = f"(0 kept without building, {len(ids) - 1} built and kept with a new basis, 1 written)"
    assert counts in caplog.text
    after = dict(Candidate.objects.values_list("pk", "basis"))
    assert set(after) - set(ids) != set() and odd not in after  # the odd row replaced ...
    assert set(ids) - {odd} <= set(after)  # ... every other row kept its id
    assert all(after[pk] != ids[pk] for pk in ids if pk != odd)  # with the new basis
    assert _stored() == _whole_list()
    worker.reset()
