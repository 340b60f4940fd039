"""Every material class and every category has a value model: nothing is left unvalued."""

import json
import math

import pytest

from symbiose.impact.calc.exchange import CANONICAL_UNITS, CO2_USES, assess_exchange
from symbiose.impact.calc.factors import DATA_DIR, load_factors
from symbiose.impact.calc.material_map import ROUTES, load_material_map
from symbiose.impact.calc.types import ExchangeInputs

THESAURUS = DATA_DIR.parent.parent / "taxonomy" / "data" / "materials.json"
#: Rows valued before the thesaurus has the class (the matching thesaurus adds it).
PENDING_TAXONOMY = {"sulphur"}
UNIT = {"material": "t/yr", "gas": "t/yr", "water": "m3/yr", "heat": "MWh/yr",
        "cold": "MWh/yr", "service": "h/yr"}  # fmt: skip


def thesaurus_classes() -> list[dict]:
    return json.loads(THESAURUS.read_text(encoding="utf-8"))["classes"]


def test_every_map_row_is_a_thesaurus_class_a_fallback_or_a_co2_use():
    ids = {c["id"] for c in thesaurus_classes()}
    extra = set(load_material_map()) - ids - {"unclassified"} - PENDING_TAXONOMY
    assert extra == {f"co2@{use}" for use in CO2_USES}


@pytest.mark.parametrize("cls", thesaurus_classes(), ids=lambda c: c["id"])
def test_every_thesaurus_class_has_a_value_model(cls):
    category = cls["category"]
    result = assess_exchange(
        ExchangeInputs(category, 100, quantity_unit=UNIT[category], material_class=cls["id"]
                       if category in ("material", "gas", "water") else None,
                       distance_km=10, offer_temperature_c=70 if category == "heat" else None)
    )  # fmt: skip
    assert result.modelled
    for est in (result.co2e_t_per_yr, result.annual_net_benefit_nok):
        assert est.central is not None and math.isfinite(est.central), cls["id"]
        assert est.low <= est.central <= est.high, cls["id"]
    if category in ("material", "gas", "water"):
        assert cls["id"] in load_material_map(), "add a row to impact/data/material_map.csv"


@pytest.mark.parametrize("category", sorted(CANONICAL_UNITS))
def test_a_stream_without_a_class_is_still_valued(category):
    result = assess_exchange(ExchangeInputs(category, 10, quantity_unit=UNIT[category]))
    assert result.modelled and result.annual_net_benefit_nok.central is not None


def test_material_map_routes_and_factors_exist():
    factors = load_factors()
    for row in load_material_map().values():
        assert row.route in ROUTES
        for fid in (row.virgin_factor_id, row.disposal_factor_id, row.price_id, row.fee_id):
            assert not fid or fid in factors, (row.material_class, fid)
        assert row.note, row.material_class


def test_sulphur_to_liquid_fertiliser_is_valued():
    result = assess_exchange(
        ExchangeInputs("material", 5000, material_class="sulphur", distance_km=120)
    )
    assert result.modelled and result.annual_net_benefit_nok.central is not None
    assert result.counterfactual["route"] == "sold"


def test_a_gas_in_normal_cubic_metres_is_converted_with_its_density():
    by_volume = assess_exchange(
        ExchangeInputs("gas", 1_000_000, quantity_unit="Nm3/yr", material_class="hydrogen")
    )
    by_mass = assess_exchange(ExchangeInputs("gas", 89.9, material_class="hydrogen"))
    assert by_volume.co2e_t_per_yr.central == pytest.approx(by_mass.co2e_t_per_yr.central)


@pytest.mark.parametrize("use", CO2_USES)
def test_each_co2_use_is_valued_and_only_permanent_uses_store(use):
    result = assess_exchange(ExchangeInputs("gas", 1000, material_class="co2", use=use))
    stored = use in ("mineralisation", "storage")
    assert (result.co2e_t_per_yr.central >= 900) is stored


def test_a_need_in_another_unit_is_left_out_with_a_note():
    result = assess_exchange(
        ExchangeInputs("material", 100, material_class="gypsum", need_quantity=5,
                       need_quantity_unit="MWh/yr")
    )  # fmt: skip
    assert "need_unit" in {n.code for n in result.notes}
    assert result.resources["virgin_material_saved_t"] == 100
