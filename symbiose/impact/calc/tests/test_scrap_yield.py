"""Scrap makes less metal than it weighs: the part lost in melting replaces no primary metal.

Class fix of December 2026 (``docs/impact-method.md``, "Scrap is melted"): worldsteel's
metallic yield of the arc furnace, 1.092 t of steel scrap per t of steel
(``scrap_per_product.steel_bf_bof``), is applied to every exchange whose scrap replaces
primary steel. Every expected value is derived from the factor rows.
"""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs

FACTORS = load_factors()
YIELD_ID = "scrap_per_product.steel_bf_bof"
#: Every class whose scrap replaces primary steel.
STEEL_CLASSES = sorted(c for c, m in load_material_map().items()
                       if m.virgin_factor_id == "virgin.steel_bf_bof")  # fmt: skip


def unused(material_class: str, tonnes: float = 1000, **changes):
    return assess_exchange(ExchangeInputs("material", tonnes, material_class=material_class,
                                          offer_route="unused", **changes))  # fmt: skip


def loss_lines(result):
    return [line for line in result.lines if YIELD_ID in line.factor_ids]


@pytest.mark.parametrize("material_class", STEEL_CLASSES)
def test_every_class_valued_as_steel_scrap_loses_the_same_share_in_melting(material_class):
    assert len(STEEL_CLASSES) >= 4
    result = unused(material_class)
    (loss,) = loss_lines(result)
    central = Lookup(FACTORS, "central")
    lost = 1000 * (1 - 1 / central.value(YIELD_ID, "dimensionless"))
    ef = central.value("virgin.steel_bf_bof", "kgCO2e/t", favourable=True)
    assert loss.value == pytest.approx(-lost * ef / 1000)
    assert loss.factor_ids == (YIELD_ID, "virgin.steel_bf_bof")
    assert result.resources["virgin_material_saved_t"] == pytest.approx(
        1000 / Lookup(FACTORS).value(YIELD_ID, "dimensionless")
    )


def test_the_yield_moves_the_co2_and_the_tonnes_saved_not_the_money():
    with_yield = unused("metal_ferrous")
    money_ids = {fid for line in with_yield.lines if line.unit == "NOK/yr"
                 for fid in line.factor_ids}  # fmt: skip
    assert YIELD_ID not in money_ids
    bought = next(line for line in with_yield.lines if line.unit == "NOK/yr")
    price = Lookup(FACTORS).value("price.steel_scrap", "NOK/t", favourable=True)
    assert bought.value == pytest.approx(1000 * price)  # a tonne of scrap replaces a tonne bought


def test_a_metal_without_a_sourced_yield_keeps_one_tonne_per_tonne():
    for material_class in ("metal_aluminium", "metal_copper"):
        result = unused(material_class)
        assert not loss_lines(result)
        assert result.resources["virgin_material_saved_t"] == pytest.approx(1000)


def test_scrap_sold_today_counts_no_loss():
    sold = assess_exchange(ExchangeInputs("material", 1000, material_class="metal_ferrous"))
    assert not loss_lines(sold)
