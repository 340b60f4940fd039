"""A pair that saves nothing before its haul is "not worth it at this distance" in plain
words: "… and the exchange saves nothing to set against it", never "more than the 0 NOK the
exchange saves" (seen on a deposit of tailings offered to a road builder)."""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs


@pytest.mark.parametrize("one_off", [False, True])
def test_a_haul_against_no_saving_says_nothing_is_saved(one_off):
    result = assess_exchange(ExchangeInputs(
        "material", 20_000, material_class="mining_waste", distance_km=300,
        offer_route="unused", receiver_supply="none", one_off=one_off))  # fmt: skip
    assert not result.worth_it
    verdict = result.verdict
    assert verdict.code == "not_worth_distance_nothing" + ("_once" if one_off else "")
    assert "saves nothing" in verdict.template and "{gain}" not in verdict.template
    assert verdict.params["transport"] == pytest.approx(20_000 * (300 * 2.0 + 30), rel=0.01)


def test_a_haul_that_eats_a_real_saving_still_names_the_saving():
    result = assess_exchange(
        ExchangeInputs("material", 1000, material_class="aggregate", distance_km=300)
    )
    assert result.verdict.code == "not_worth_distance" and result.verdict.params["gain"] > 0
