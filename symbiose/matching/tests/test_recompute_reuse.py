"""A full recompute keeps a stored row without building its reasons when nothing it was
built from changed, and builds it again when either stream or its organisation changed."""

from __future__ import annotations

import logging

import pytest

from symbiose.matching import rows, worker
from symbiose.matching.access import IMPLIED_REVEALS, visible_match
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.models import Candidate, Change, MatchState
from symbiose.matching.tests.test_recompute_batches import _registry, _stored, _whole_list
from symbiose.registry.actions import check_save_organisation, check_save_stream, do_mark_sensitive
from symbiose.registry.models import Organisation, Stream
from symbiose.registry.signals import bulk_changes
from symbiose.registry.template import stream_row
from symbiose.registry.viewers import AnonymousViewer


@pytest.fixture
def built(monkeypatch) -> list[tuple[str, str]]:
    """The pairs whose reasons a recompute built (as matches or from arrays), in order."""
    pairs: list[tuple[str, str]] = []
    build, from_arrays = MatchEngine._build, rows.from_arrays

    def spy(self, o, n, sc):
        out = build(self, o, n, sc)
        pairs.extend((m.offer_ref, m.need_ref) for m in out)
        return out

    def array_spy(sides, o, n, *args):
        pairs.extend((sides.inputs[a].ref, sides.inputs[b].ref)
                     for a, b in zip(o.tolist(), n.tolist(), strict=True))  # fmt: skip
        return from_arrays(sides, o, n, *args)

    monkeypatch.setattr(MatchEngine, "_build", spy)
    monkeypatch.setattr(rows, "from_arrays", array_spy)
    worker.reset()
    _registry(160)
    worker.recompute_all(batch=37)
    pairs.clear()
    yield pairs
    worker.reset()


def _ids() -> dict[tuple[str, str], int]:
    return {
        (o, n): pk for pk, o, n in Candidate.objects.values_list("pk", "offer__ref", "need__ref")
    }


@pytest.mark.django_db
def test_a_recompute_with_nothing_changed_builds_no_match_and_keeps_every_row(built):
    before, ids = _stored(), _ids()
    assert len(before) > 100 and not Candidate.objects.filter(basis=0).exists()
    worker.recompute_all(batch=37)
    assert built == []
    assert _stored() == before == _whole_list()
    assert _ids() == ids  # no row rewritten


@pytest.mark.django_db
def test_a_row_written_without_a_basis_is_built_again_and_gets_one(built):
    row = Candidate.objects.order_by("pk").first()
    Candidate.objects.filter(pk=row.pk).update(basis=0)
    worker.recompute_all(batch=37)
    assert built == [(row.offer.ref, row.need.ref)]
    assert Candidate.objects.get(offer=row.offer, need=row.need).basis != 0
    assert _stored() == _whole_list()


@pytest.mark.django_db
def test_new_engine_code_rebuilds_every_row_and_keeps_those_that_read_the_same(
    built, monkeypatch, caplog
):
    before, ids = _stored(), _ids()
    old = dict(Candidate.objects.values_list("pk", "basis"))
    monkeypatch.setattr(worker.rows_mod, "code_salt", lambda: 12345)  # a deploy of new code
    with caplog.at_level(logging.INFO, logger="symbiose.matching.worker"):
        worker.recompute_all(batch=37)
    assert f"(0 kept without building, {len(ids)} built and kept with a new basis, 0 written)" in (
        caplog.text
    )
    assert sorted(built) == sorted(ids)  # every pair built again ...
    assert _stored() == before == _whole_list()
    assert _ids() == ids  # ... and no row rewritten: each says the same
    new = dict(Candidate.objects.values_list("pk", "basis"))
    assert all(new[pk] != old[pk] for pk in old)  # with the new code's basis, kept next time
    built.clear()
    worker.recompute_all(batch=37)
    assert built == [] and _ids() == ids


@pytest.mark.django_db
def test_a_row_that_reads_differently_is_replaced(built, monkeypatch):
    ids = _ids()
    row = Candidate.objects.order_by("pk").first()
    Candidate.objects.filter(pk=row.pk).update(basis=0, digest=1)  # as if it said something else
    worker.recompute_all(batch=37)
    assert built == [(row.offer.ref, row.need.ref)]
    after = _ids()
    assert after[row.offer.ref, row.need.ref] != row.pk  # deleted and inserted again
    assert {k: v for k, v in after.items() if v != after[row.offer.ref, row.need.ref]} == {
        k: v for k, v in ids.items() if v != row.pk
    }
    assert _stored() == _whole_list()


def _org_row(org: Organisation, **changes: str) -> dict[str, str]:
    row = {"ref": org.ref, "name": org.name, "lat": str(org.lat), "lon": str(org.lon),
           "nace": org.nace or ""}  # fmt: skip
    return {**row, **changes}


def _busiest_org() -> Organisation:
    counts: dict[int, int] = {}
    for offer, need in Candidate.objects.values_list("offer__organisation", "need__organisation"):
        counts[offer] = counts.get(offer, 0) + 1
        counts[need] = counts.get(need, 0) + 1
    return Organisation.objects.get(pk=max(counts, key=counts.__getitem__))


def _move(org: Organisation) -> set[str]:
    """Move ``org`` 40 km; its streams placed at the organisation move with it."""
    check_save_organisation(_org_row(org, lat=str(org.lat + 0.4)), acting_user=None)
    return set(org.streams.filter(lat__isnull=True).values_list("ref", flat=True))


def _nace(org: Organisation) -> set[str]:
    check_save_organisation(_org_row(org, nace="01.13" if org.nace != "01.13" else "10.20"),
                            acting_user=None)  # fmt: skip
    return set(org.streams.values_list("ref", flat=True))


def _with_rows(streams, sized: bool = False):
    """The first of ``streams`` (by ref) that has stored pairs: a change to a stream without
    any cannot reach the stored rows. With ``sized``, a pair whose two sides state their
    quantity in the same unit (else the quantity fit is neutral whatever the quantity)."""
    rows = Candidate.objects.values_list("offer", "need", "offer__unit", "need__unit",
                                         "offer__quantity", "need__quantity")  # fmt: skip
    paired = {
        pk
        for o, n, uo, un, qo, qn in rows
        if not sized or (uo == un and qo and qn)
        for pk in (o, n)
    }
    return next(s for s in streams.order_by("ref") if s.pk in paired)


def _quantity(org: Organisation) -> set[str]:
    stream = _with_rows(org.streams.all(), sized=True)
    check_save_stream({**stream_row(stream, org.ref), "quantity": "123456"}, acting_user=None)
    return {stream.ref}


def _legal_status(org: Organisation) -> set[str]:
    """A change that moves no score: only the offer's reasons say its legal status."""
    stream = _with_rows(org.streams.filter(direction="offer"))
    status = "waste" if stream.legal_status != "waste" else "by-product"
    check_save_stream({**stream_row(stream, org.ref), "legal_status": status}, acting_user=None)
    return {stream.ref}


@pytest.mark.django_db
@pytest.mark.parametrize("change", [_move, _nace, _quantity, _legal_status])
def test_a_change_to_a_stream_or_its_organisation_builds_its_pairs_again(built, change):
    org = _busiest_org()
    for stream in org.streams.order_by("ref")[:2]:  # placed at the organisation
        check_save_stream({**stream_row(stream, org.ref), "lat": "", "lon": ""},
                          acting_user=None)  # fmt: skip
    worker.recompute_all(batch=37)
    built.clear()
    before = _stored()

    changed = change(Organisation.objects.get(pk=org.pk))
    worker.recompute_all(batch=37)
    after = _stored()
    assert after != before  # the change reached the stored rows
    assert after == _whole_list()  # every row, reasons included, as built afresh
    theirs = {(r[0], r[1]) for r in after if r[0] in changed or r[1] in changed}
    assert changed and theirs and theirs <= set(built)


@pytest.mark.django_db
def test_a_kept_row_shows_no_reason_that_reveals_a_field_hidden_since(built):
    def revealing(cand: Candidate) -> list[dict]:
        def reveals(r: dict) -> list[str]:  # stored reveals and those its template implies
            return [*r.get("reveals", []), *IMPLIED_REVEALS.get(r["template"], ())]

        return [r for r in cand.reasons if "offer.quantity" in reveals(r)]

    cand = next(c for c in Candidate.objects.order_by("pk") if revealing(c))
    offer = Stream.objects.get(pk=cand.offer_id)
    shown = visible_match(AnonymousViewer(), cand).reasons
    assert len(shown) == len(cand.reasons)  # nothing hidden yet: every reason shows

    # (not the location: a hidden site changes where the pair is ranked, so its row)
    do_mark_sensitive(offer, ["quantity"], acting_user=None)
    worker.recompute_all(batch=37)
    kept = Candidate.objects.get(offer=cand.offer, need=cand.need)
    assert kept.pk == cand.pk and kept.reasons == cand.reasons  # kept as it was
    shown = visible_match(AnonymousViewer(), kept).reasons
    assert len(shown) == len(kept.reasons) - len(revealing(kept)) < len(kept.reasons)
    assert _stored() == _whole_list()


@pytest.fixture
def engines_built(monkeypatch) -> list[MatchEngine]:
    """Every engine built from here on (each one fits or loads a text fit)."""
    made: list[MatchEngine] = []
    init = MatchEngine.__init__

    def spy(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(MatchEngine, "__init__", spy)
    return made


@pytest.mark.django_db
def test_a_recompute_of_the_streams_of_the_last_fit_keeps_the_engine_and_the_fit(
    built, engines_built, settings, tmp_path
):
    settings.MATCH_ENGINE_SNAPSHOT = str(tmp_path / "engine.pickle")
    before, fit_id = _stored(), MatchState.current().fit_id
    warm = worker._me.engine
    worker.recompute_all(batch=37)
    assert engines_built == [] and worker._me.engine is warm
    assert MatchState.current().fit_id == fit_id  # the same fit: other workers keep theirs
    assert _stored() == before == _whole_list()  # (_whole_list builds an engine itself)
    engines_built.clear()

    worker.reset()  # a new worker process: the snapshot the last recompute wrote
    worker.recompute_all(batch=37)
    assert engines_built == [] and worker._me.source == "snapshot"
    assert _stored() == before


@pytest.mark.django_db
@pytest.mark.parametrize("logged", [True, False], ids=["edit", "import"])
def test_a_recompute_after_any_change_builds_the_engine_and_refits(built, engines_built, logged):
    """An import logs no change (it queues a recompute), so the change log cannot tell."""
    fit_id = MatchState.current().fit_id
    stream = Stream.objects.order_by("ref").first()
    row = {**stream_row(stream, stream.organisation.ref), "title": "Ny tittel"}
    if logged:
        check_save_stream(row, acting_user=None)
    else:
        with bulk_changes():
            check_save_stream(row, acting_user=None)
        assert not Change.objects.filter(handled_in__isnull=True).exists()
    worker.recompute_all(batch=37)
    assert len(engines_built) == 1 and MatchState.current().fit_id != fit_id
    assert _stored() == _whole_list()
