"""New material not needed is counted in tonnes of raw materials, not of the product.

Class fix of the fourth December 2026 review (``docs/impact-method.md``, "Resources"): glass,
clinker and lime are made from a batch that loses its carbonates' CO2, so a tonne of them
takes more than a tonne of raw materials; the CO2 factors are per tonne of product and stay.
"""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

LOOK = Lookup(load_factors())


def saved(material_class: str, **changes) -> float:
    result = assess_exchange(ExchangeInputs("material", 100, material_class=material_class,
                                            offer_route="landfill", **changes))  # fmt: skip
    return result.resources["virgin_material_saved_t"]


@pytest.mark.parametrize(
    ("material_class", "product", "co2_id"),
    [("glass", "glass_batch", None), ("slag_blast_furnace", "cement_clinker", None),
     ("alkali", "quicklime", "virgin.quicklime")],
)  # fmt: skip
def test_a_product_made_from_a_batch_that_loses_co2_saves_more_raw_material(
    material_class, product, co2_id
):
    per_product = LOOK.value(f"raw_per_product.{product}", "dimensionless")
    assert per_product > 1.0
    ratio = {"glass": 1.0, "slag_blast_furnace": 1.0, "alkali": 0.5}[material_class]
    assert saved(material_class) == pytest.approx(100 * ratio * per_product)
    if co2_id:  # the mass balance: raw material = product + the CO2 it gives off
        assert per_product == pytest.approx(1 + LOOK.value(co2_id, "kgCO2e/t") / 1000)


def test_a_product_whose_raw_material_loses_nothing_counts_tonne_for_tonne():
    assert saved("gypsum") == pytest.approx(100)


def test_the_raw_materials_do_not_change_the_co2():
    glass = assess_exchange(ExchangeInputs("material", 100, material_class="glass"))
    product = [line for line in glass.lines if line.factor_ids == ("virgin.glass_batch",)]
    assert product[0].value == pytest.approx(100 * LOOK.value("virgin.glass_batch", "kgCO2e/t")
                                             / 1000)  # fmt: skip
