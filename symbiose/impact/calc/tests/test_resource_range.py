"""Virgin material saved carries the range of its ratio, from the same factor ends as the CO2.

Before the seventh December 2026 review it was computed from the central ratio only, so a
class with a ratio range (GGBS, fly ash, microsilica, wood ash) showed one figure while its
CO2 and money had a range (docs/impact-method.md, "Resources").
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.substitution import product_per_scrap, raw_per_product
from symbiose.impact.calc.types import ExchangeInputs

RANGED = sorted(
    fid.removeprefix("ratio.").removesuffix(".low")
    for fid in load_factors().ids()
    if fid.startswith("ratio.") and fid.endswith(".low")
)


def test_some_classes_have_a_ratio_range():
    assert {"ash_wood", "slag_blast_furnace"} <= set(RANGED)


@pytest.mark.parametrize("cls", RANGED)
def test_each_end_is_the_quantity_times_that_case_ratio(cls):
    factors, row = load_factors(), load_material_map()[cls]
    r = assess_exchange(ExchangeInputs("material", 1000, material_class=cls, offer_route="unused"))
    span = r.resources["virgin_material_saved_range_t"]
    for case in ("low", "high"):
        look = Lookup(factors, case)
        ratio = look.value(f"ratio.{cls}", "dimensionless", favourable=True)
        expected = 1000 * ratio * raw_per_product(look, row) * product_per_scrap(look, row)
        assert span[case] == pytest.approx(expected), (cls, case)
    assert span["low"] <= span["central"] == r.resources["virgin_material_saved_t"] <= span["high"]


def test_a_ratio_the_user_enters_has_no_range():
    r = assess_exchange(ExchangeInputs("material", 1000, material_class="ash_wood",
                                       substitution_ratio=0.4))  # fmt: skip
    assert "virgin_material_saved_range_t" not in r.resources
    assert r.resources["virgin_material_saved_t"] == pytest.approx(400)


def test_a_material_already_used_saves_nothing_and_has_no_range():
    r = assess_exchange(ExchangeInputs("material", 1000, material_class="ash_wood",
                                       offer_route="sold"))  # fmt: skip
    assert r.resources["virgin_material_saved_t"] == 0.0
    assert "virgin_material_saved_range_t" not in r.resources
