"""Every stored candidate pair can be valued: the demo region and an imported 700-stream one."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from symbiose.impact.adapter import assess_pair, factor_set
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.engine.synthetic import write_listing
from symbiose.matching.models import Candidate


def value_all() -> tuple[int, list[str]]:
    """Number of stored pairs, and the errors of those that could not be valued."""
    factors, errors, pairs = factor_set(), [], 0
    for c in Candidate.objects.select_related("offer__organisation", "need__organisation"):
        pairs += 1
        try:
            assess_pair(c.offer, c.need, factors=factors)
        except Exception as exc:  # noqa: BLE001 - any failure counts against the target
            errors.append(f"{c.offer.ref} -> {c.need.ref}: {exc}")
    return pairs, errors


@pytest.mark.django_db
def test_every_demo_pair_can_be_valued(settings, monkeypatch):
    monkeypatch.setenv("SYMBIOSE_MATCH_ON_SAVE", "0")
    call_command("demo", stdout=io.StringIO())
    do_recompute_all()
    pairs, errors = value_all()
    assert pairs > 500
    assert errors == []


@pytest.mark.django_db
def test_every_pair_of_an_imported_700_stream_registry_can_be_valued(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMBIOSE_MATCH_ON_SAVE", "0")
    write_listing(tmp_path, 700)
    call_command("import", str(tmp_path), stdout=io.StringIO())
    do_recompute_all()
    pairs, errors = value_all()
    assert pairs > 1000
    assert errors == []
