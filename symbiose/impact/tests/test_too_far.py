"""A pair the matching judges too far apart to haul is not worth it in its value either, so
the reason and the figures agree (impact/reach.py; docs/impact-method.md, "Too far apart").
The class test runs over every stored pair of the demo registry."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from symbiose.impact.adapter import assess_pair, factor_set
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.matching.models import Candidate


def test_past_the_haul_limit_a_pair_is_not_worth_it_whatever_its_figures():
    """10 000 t of FGD gypsum 40 km away are worth it; with a haul limit of 30 km (the
    matching's), the same figures carry a "too far" verdict."""
    base = ExchangeInputs("material", 10_000, material_class="gypsum_fgd", distance_km=40)
    assert assess_exchange(base).worth_it
    r = assess_exchange(ExchangeInputs("material", 10_000, material_class="gypsum_fgd",
                                       distance_km=40, haul_limit_km=30))  # fmt: skip
    assert r.annual_net_benefit_nok.central == assess_exchange(base).annual_net_benefit_nok.central
    assert not r.worth_it and r.verdict.code == "too_far"
    assert r.verdict.params["distance"] == 40 and r.verdict.params["limit"] == 30


@pytest.mark.django_db
def test_no_demo_pair_the_matching_finds_too_far_apart_is_worth_it():
    call_command("demo", stdout=io.StringIO())
    factors = factor_set()
    pairs = Candidate.objects.select_related("offer__organisation", "need__organisation")
    far = [c for c in pairs if any(r.get("template", "").startswith("Too far apart")
                                   for r in c.reasons)]  # fmt: skip
    assert len(far) > 50
    worth = [(c.offer.ref, c.need.ref) for c in far
             if assess_pair(c.offer, c.need, factors=factors).result.worth_it]  # fmt: skip
    assert not worth
    pair = assess_pair(far[0].offer, far[0].need, factors=factors)
    for lang in ("nb", "en"):
        with translation.override(lang):
            text = pair.to_dict()["verdict"]["text"]
        assert "{" not in text and "km" in text
