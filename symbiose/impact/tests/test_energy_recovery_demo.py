"""In the demo region, a material offered to a heat need is valued as fuel: by the fuel the
receiver no longer burns (``calc/energy_recovery.py``), never as a product it buys."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from symbiose.impact.adapter import assess_pair, factor_set, material_class
from symbiose.impact.calc.co2 import FUELS
from symbiose.impact.calc.energy_recovery import default_fuel, fuel_family
from symbiose.impact.fuel_need import receiver_fuel
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.models import Candidate


@pytest.mark.django_db
def test_material_offered_to_a_heat_need_gets_the_energy_recovery_model(monkeypatch):
    monkeypatch.setenv("SYMBIOSE_MATCH_ON_SAVE", "0")
    call_command("demo", stdout=io.StringIO())
    do_recompute_all()
    factors = factor_set()
    pairs = Candidate.objects.filter(offer__category="material", need__category="heat")
    burnt, other = [], []
    for c in pairs.select_related("offer__organisation", "need__organisation"):
        pair = assess_pair(c.offer, c.need, factors=factors)
        (burnt if fuel_family(material_class(c.offer)) else other).append((c, pair))
    assert burnt, "the demo has fuels matched to heat needs (wood, food, carbon residues)"
    for c, pair in burnt:
        result = pair.result
        labels = [line.label_template for line in result.lines]
        assert result.energy_recovery, c.offer.ref
        assert any(label.startswith("heat delivered") for label in labels), c.offer.ref
        assert not any("product replaced" in label for label in labels), c.offer.ref
        # the fuel the need states or its words name ("i dag gassfyrt kjel"), else the default
        stated = c.need.current_practice if c.need.current_practice in FUELS else None
        family = fuel_family(material_class(c.offer))
        expected = stated or receiver_fuel(c.need) or default_fuel(family)
        assert result.counterfactual["receiver"] == expected, c.need.ref
        assert result.resources["virgin_material_saved_t"] == 0.0
    for c, pair in other:  # a material that does not burn replaces nothing a heat need buys
        labels = [line.label_template for line in pair.result.lines]
        assert not any("product replaced" in label for label in labels), c.offer.ref
        assert not pair.result.energy_recovery
    # the value page's text names the receiver's fuel in words, in both languages
    from django.utils import translation

    c, pair = burnt[0]
    with translation.override("nb"):
        data = pair.to_dict()
    assert data["counterfactual_text"]["receiver"].startswith(("brenner", "fyrer", "bruker"))
    assert any("MJ/kg" in line["label"] for line in data["lines"])
