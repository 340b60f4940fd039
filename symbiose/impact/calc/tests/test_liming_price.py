"""A residue spread on fields as lime saves the farmer agricultural lime at the farm's price,
not limestone at industry's; a residue used in industry keeps the industrial price."""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import load_factors
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs

FARM, INDUSTRY = "price.agricultural_lime", "price.limestone"


def _liming(row) -> bool:
    return "liming" in row.note.lower()


def test_every_liming_use_is_priced_as_farm_lime_and_no_other_use_is():
    rows = load_material_map().values()
    liming = {r.material_class for r in rows if _liming(r)}
    assert {"ash_wood", "cement_kiln_dust"} <= liming
    assert all(r.price_id == FARM for r in rows if _liming(r))
    assert all(_liming(r) for r in rows if r.price_id == FARM)
    # industrial limestone is kept where the residue is not spread on fields
    assert load_material_map()["lime"].price_id == INDUSTRY


@pytest.mark.parametrize("cls", ["ash_wood", "cement_kiln_dust"])
def test_the_avoided_purchase_of_a_liming_use_is_farm_lime_from_the_factors(cls):
    factors = load_factors()
    row = load_material_map()[cls]
    r = assess_exchange(ExchangeInputs("material", 1000, material_class=cls), factors)
    [bought] = [line for line in r.lines if FARM in line.factor_ids]
    assert bought.value == pytest.approx(1000 * row.substitution_ratio * factors.get(FARM).value)
    # farm lime, even net of the spreading the residue still needs, is dearer than industry's
    assert factors.get(FARM).value > 2 * factors.get(INDUSTRY).value
    assert factors.get(f"{FARM}.low").value > factors.get(INDUSTRY).value
    # the spread price the estimate starts from is its high end, never passed
    assert factors.get(f"{FARM}.high").value >= factors.get(FARM).value
