"""Stored candidates: incremental refresh, and reasons that never leak hidden values."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from symbiose.matching import access as match_access
from symbiose.matching.actions import do_recompute_all, do_refresh_stream
from symbiose.matching.models import Candidate
from symbiose.registry.access import NotFound
from symbiose.registry.actions import check_save_stream, do_archive_stream
from symbiose.registry.models import Stream
from tests.workers import drain, failed
from tests.world import INSIDERS, ROLES, SECRET

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "listing"
EVALUATION = Path(__file__).resolve().parents[1] / "evaluation"


@pytest.fixture
def buyer(world, django_capture_on_commit_callbacks):
    """A public need in the outsider's organisation that the secret slag could serve.

    Saved with its after-commit work run, as in production (tests run inside a transaction),
    then the queued refresh run by the worker's code.
    """
    with django_capture_on_commit_callbacks(execute=True):
        stream, _ = check_save_stream({
        "ref": "S-OUT-SLAG", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Manganese slag or other slag as aggregate for roads",
        "quantity": "5000", "unit": "t", "visibility": "public",
        }, acting_user=None)  # fmt: skip
    assert drain() >= 1 and not failed()
    return stream


def test_a_new_stream_gets_candidates_without_a_full_recompute(buyer, world):
    pairs = Candidate.objects.filter(need=buyer)
    assert pairs.filter(offer=world.secret_stream).exists()  # refreshed on save


def test_archiving_a_stream_removes_its_candidates(
    buyer, world, django_capture_on_commit_callbacks
):
    assert Candidate.objects.filter(offer=world.secret_stream).exists()
    with django_capture_on_commit_callbacks(execute=True):
        do_archive_stream(world.secret_stream, acting_user=world.owner)
    drain()
    assert not Candidate.objects.filter(offer=world.secret_stream).exists()
    assert do_refresh_stream(world.secret_stream.id) == 0


def test_full_recompute_stores_the_same_pairs_as_incremental(buyer, world):
    before = set(Candidate.objects.values_list("offer__ref", "need__ref"))
    do_recompute_all()
    after = set(Candidate.objects.values_list("offer__ref", "need__ref"))
    assert ("S-FJORD-SLAG", "S-OUT-SLAG") in before & after


@pytest.mark.parametrize("role", ROLES)
def test_match_reasons_never_reveal_hidden_values(buyer, world, role):
    user = world.role(role)
    with translation.override("en"):
        matches = match_access.matches_for_stream(user, buyer, include_intra_company=True)
    slag = [m for m in matches if m.offer["ref"] == "S-FJORD-SLAG"]
    assert slag, "the slag offer is public, so everyone sees the pair"
    text = json.dumps([m.__dict__ for m in slag], default=str)
    if role in INSIDERS:
        assert SECRET["quantity"] in text or "7,373" in text or "7373" in text
        assert not slag[0].distance_rounded
    else:
        assert all(value not in text for value in SECRET.values())
        assert "7373" not in text and "58.0771" not in text
        assert slag[0].distance_rounded and slag[0].distance_km % 10 == 0


def test_matches_of_a_stream_the_user_may_not_see_look_missing(world):
    with pytest.raises(NotFound):
        match_access.matches_for_stream(world.outsider, world.hidden_stream)


def test_match_command_prints_json_for_every_stream(db):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    out = io.StringIO()
    with translation.override("en"):
        call_command("match", "--top", "3", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())["matches"]
    pairs = {(r["offer"], r["need"]) for r in rows}
    assert len(pairs) == len(rows)  # union without duplicates
    assert ("EX-S-HEAT", "EX-N-HEAT") in pairs
    for row in rows:
        assert 0.0 <= row["score"] <= 1.0 and isinstance(row["feasible"], bool)
        assert set(row) >= {"offer", "need", "score", "feasible", "distance_km", "reasons"}
    assert Candidate.objects.count() >= len([r for r in rows if not r["intra_company"]])


def test_match_command_for_one_stream_and_its_errors(db):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    out = io.StringIO()
    call_command("match", "--stream", "EX-N-HEAT", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())["matches"]
    assert rows and all(r["need"] == "EX-N-HEAT" for r in rows)
    assert rows[0]["offer"] == "EX-S-HEAT"
    with translation.override("en"):
        with pytest.raises(CommandError, match="No active stream with reference NOPE"):
            call_command("match", "--stream", "NOPE", stdout=io.StringIO())
        with pytest.raises(CommandError, match="--top must be at least 1"):
            call_command("match", "--top", "0", stdout=io.StringIO())


def test_infeasible_candidates_rank_below_feasible_ones(db):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    heat = Stream.objects.get(ref="EX-N-HEAT")
    from symbiose.matching.adapter import get_engine

    ranked = get_engine().candidates_for(heat.ref, top_n=10)
    flags = [m.feasible for m in ranked]
    assert flags == sorted(flags, reverse=True)


@pytest.mark.slow
def test_evaluate_command_meets_the_quality_floor_in_a_temporary_database(db):
    out = io.StringIO()
    call_command("evaluate", str(EVALUATION), "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    for side in ("offer", "need"):
        assert result["engine"][side]["recall@5"] >= 0.88
        assert result["engine"][side]["mrr"] >= 0.8
        assert result["engine"][side]["recall@5"] >= result["baseline"][side]["recall@5"] + 0.3
    assert not Stream.objects.exists()  # the real database was not touched


def test_evaluate_command_needs_a_truth_file(tmp_path):
    with translation.override("en"), pytest.raises(CommandError, match="truth.csv not found"):
        call_command("evaluate", str(tmp_path), stdout=io.StringIO())


def test_an_import_recomputes_all_candidates_once_after_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import", str(EXAMPLE), stdout=io.StringIO())
    assert len(callbacks) == 1  # one recompute, not one refresh per stream
    assert drain() >= 1 and not failed()
    ran = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert sum("recompute" in path for path in ran) == 1, ran  # the follow-ups may differ
    stored = set(Candidate.objects.values_list("offer__ref", "need__ref"))
    assert ("EX-S-HEAT", "EX-N-HEAT") in stored
    do_recompute_all()
    assert set(Candidate.objects.values_list("offer__ref", "need__ref")) == stored
