"""A material offered to a heat need is valued by the fuel it replaces (calc/energy_recovery.py).

Every expected figure is worked out by hand from the factor rows, written out in the test.
"""

from __future__ import annotations

import csv

import pytest

from symbiose.impact.calc.energy_recovery import (
    CLASS_FAMILY,
    FAMILIES,
    energy_case,
    fuel_family,
    net_calorific_value,
)
from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors, merge_factors
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.taxonomy.knowledge import class_knowledge
from symbiose.taxonomy.lists import DATA_DIR
from symbiose.taxonomy.materials import materials_by_id

#: Truck haul and loading, NOK/tkm and NOK/t (transport.cost.truck, transport.handling.truck).
TKM, HANDLING = 2.0, 30.0


def value(r) -> float:
    return r.annual_net_benefit_nok.central


def lines(r, text: str) -> list:
    return [line for line in r.lines if text in line.label_template]


def test_sawmill_bark_sold_as_fuel_today_gains_nothing_but_the_haul_costs():
    """2 000 t of bark at 45 % water, sold as wood fuel today, to a plant 25 km away that
    burns wood chips: both buyers pay the wood-fuel price for its energy, so the exchange
    costs the haul and the loading."""
    r = assess_exchange(ExchangeInputs("material", 2000, material_class="wood_clean",
                                       distance_km=25, energy_recovery=True))  # fmt: skip
    ncv = 19.0 * (1 - 0.45) - 2.443 * 0.45  # MJ/kg as received
    fuel_mwh = 2000 * ncv / 3.6
    assert r.energy_recovery
    assert lines(r, "no longer buys")[0].value == pytest.approx(fuel_mwh * 200.0)
    assert lines(r, "today's buyer")[0].value == pytest.approx(-fuel_mwh * 200.0)
    assert value(r) == pytest.approx(-(2000 * 25 * TKM + 2000 * HANDLING))
    assert not r.worth_it and r.verdict.code == "not_worth_used"
    assert r.counterfactual["receiver"] == "wood_chips"
    # ranges: both sides read the same price, so every case loses about the haul
    assert r.annual_net_benefit_nok.high < 0


def test_bakery_bread_to_a_plant_burning_wood_chips():
    """30 t of bread (36 % water, 18.2 MJ/kg dry: USDA's record of white bread) 20 km to a
    heating plant on wood chips: the bakery no longer pays the food-waste fee, the plant buys
    fewer chips."""
    r = assess_exchange(ExchangeInputs("material", 30, material_class="bakery_waste",
                                       distance_km=20, energy_recovery=True))  # fmt: skip
    ncv = 18.2 * (1 - 0.36) - 2.443 * 0.36  # 10.8 MJ/kg
    fuel_mwh = 30 * ncv / 3.6  # 89.7 MWh
    chips = fuel_mwh * 200.0  # same boiler, the same energy of chips at 0.20 NOK/kWh
    fee = 30 * 1600.0  # fee.biowaste avoided
    haul = 30 * 20 * TKM + 30 * HANDLING
    assert value(r) == pytest.approx(chips + fee - haul)
    assert lines(r, "heat delivered")[0].value == pytest.approx(fuel_mwh * 0.77)
    # the chips' and the bread's methane and nitrous oxide cancel; biogenic CO2 not counted
    co2 = 30 * 13.0 / 1000 - 30 * 20 * 0.107 / 1000  # incineration N2O avoided, truck
    assert r.co2e_t_per_yr.central == pytest.approx(co2)
    assert not lines(r, "product replaced") and not lines(r, "what the receiver no longer buys")
    assert r.resources["virgin_material_saved_t"] == 0.0


def test_bread_to_a_boiler_on_fuel_oil():
    """The receiver says it burns fuel oil today: the heat replaces oil in an oil boiler."""
    r = assess_exchange(ExchangeInputs("material", 30, material_class="bakery_waste",
                                       distance_km=20, energy_recovery=True,
                                       receiver_supply="fuel_oil"))  # fmt: skip
    ncv = 18.2 * (1 - 0.36) - 2.443 * 0.36
    fuel_mwh = 30 * ncv / 3.6
    heat = fuel_mwh * 0.77  # eff.wood_pellets: a solid-fuel boiler
    oil = heat / (0.86 * 1.07)  # eff.fuel_oil x cv.gross_per_net.fuel_oil
    haul = 30 * 20 * TKM + 30 * HANDLING
    assert value(r) == pytest.approx(oil * 1400.0 + 30 * 1600.0 - haul)
    co2 = oil * 0.267 - fuel_mwh * 0.034 + 30 * 13.0 / 1000 - 30 * 20 * 0.107 / 1000
    assert r.co2e_t_per_yr.central == pytest.approx(co2)
    assert r.resources["fuel_saved_mwh"]["central"] == pytest.approx(oil)


def test_per_unit_when_the_quantity_is_hidden():
    r = assess_exchange(ExchangeInputs("material", 30, material_class="bakery_waste",
                                       distance_km=20, energy_recovery=True,
                                       per_unit=True))  # fmt: skip
    ncv = 18.2 * (1 - 0.36) - 2.443 * 0.36
    assert r.per_unit
    assert value(r) == pytest.approx(ncv / 3.6 * 200.0 + 1600.0 - 20 * TKM - HANDLING)


def test_used_oil_replaces_heavy_fuel_oil_and_its_fossil_co2_is_counted():
    """500 t of used oil (40.2 MJ/kg) to an oil boiler: it replaces heavy fuel oil in the same
    boiler; burning it emits IPCC's waste-oil CO2 (73.3 t/TJ), the oil not burnt 77.4 t/TJ."""
    r = assess_exchange(ExchangeInputs("material", 500, material_class="oil",
                                       energy_recovery=True))  # fmt: skip
    fuel_mwh = 500 * 40.2 / 3.6
    assert value(r) == pytest.approx(fuel_mwh * 1100.0 + 500 * 2000.0)  # HFO, treatment fee
    assert r.co2e_t_per_yr.central == pytest.approx(fuel_mwh * 0.279 - 500 * 2.947)
    assert r.counterfactual["receiver"] == "heavy_fuel_oil"
    assert any(n.code == "waste_fuel" for n in r.notes)


def test_a_heat_need_caps_the_heat_not_the_tonnes():
    r = assess_exchange(ExchangeInputs("material", 500, material_class="oil",
                                       energy_recovery=True, need_quantity=1000,
                                       need_quantity_unit="MWh/yr"))  # fmt: skip
    assert lines(r, "heat delivered")[0].value == pytest.approx(1000.0)
    assert any(n.code == "energy_need_cap" for n in r.notes)
    assert not any(n.code == "need_unit" for n in r.notes)


def test_plastics_burnt_today_and_tomorrow_emit_the_same_fossil_co2_in_every_case():
    inputs = ExchangeInputs("material", 100, material_class="plastic_pe_pp", energy_recovery=True)
    plastics = load_material_map()["plastic_pe_pp"]
    for case in ("low", "central", "high"):
        c = energy_case(Lookup(load_factors(), case), inputs, 100.0, plastics)
        burnt = [li.value for li in c.lines if "fossil CO2 of burning" in li.label_template]
        avoided = [li.value for li in c.lines if "disposal avoided" in li.label_template]
        assert burnt[0] == pytest.approx(-avoided[0]), case
    r = assess_exchange(inputs)
    assert r.co2e_t_per_yr.low <= r.co2e_t_per_yr.central <= r.co2e_t_per_yr.high


def test_moisture_matters():
    """The same wood at 15 % water holds 60 % more energy per tonne than at 45 %."""
    base = load_factors()
    dry = merge_factors(base, [{"id": "moisture.wood_clean", "value": 0.15,
                                "unit": "dimensionless", "source": "test", "year": 2026,
                                "region": "DRY", "version": "test"}])  # fmt: skip
    wet, _ = net_calorific_value(Lookup(base), FAMILIES["wood"])
    drier, line = net_calorific_value(Lookup(dry, region="DRY"), FAMILIES["wood"])
    assert wet == pytest.approx(19.0 * 0.55 - 2.443 * 0.45)
    assert drier == pytest.approx(19.0 * 0.85 - 2.443 * 0.15)
    assert drier > 1.5 * wet and line.params["water"] == 0.15
    low, _ = net_calorific_value(Lookup(base, "low"), FAMILIES["food"])
    assert low == pytest.approx(max(0.0, 13.0 * 0.15 - 2.443 * 0.85))  # too wet: ~no heat


def test_a_material_that_does_not_burn_replaces_nothing_a_heat_need_buys():
    r = assess_exchange(ExchangeInputs("material", 100, material_class="metal_ferrous",
                                       energy_recovery=True))  # fmt: skip
    assert not r.energy_recovery
    assert not lines(r, "product replaced") and not lines(r, "what the receiver no longer buys")
    assert r.counterfactual["receiver"] == "none"
    # the receiver cannot use it, so the owner is not rid of it either: nothing is counted
    assert r.annual_net_benefit_nok.central == 0.0 and r.co2e_t_per_yr.central == 0.0
    assert not r.worth_it and r.verdict.code == "not_a_fuel"
    assert r.resources["kept_from_landfill_t"] == 0.0


def test_every_material_class_the_matching_burns_has_a_fuel_family():
    """The engine bridges fuels to energy needs; each such material class gets a fuel value,
    except the ones listed with their reason."""
    without = {"spent_bleaching_earth"}  # clay with some oil: kept on the material model
    fuels = {c for c, m in materials_by_id().items()
             if m.category == "material" and class_knowledge(c).fuel}  # fmt: skip
    assert fuels
    assert {c for c in fuels if fuel_family(c) is None} == without
    assert set(CLASS_FAMILY) <= set(materials_by_id())


def test_every_family_reads_rows_the_tables_have_with_a_range():
    factors = load_factors()
    for family in FAMILIES.values():
        for fid in filter(None, (family.ncv_id, family.moisture_id)):
            assert fid in factors and f"{fid}.low" in factors and f"{fid}.high" in factors
        for fid in filter(None, (family.boiler_id, family.fossil_id)):
            assert fid in factors, fid


def test_the_class_knowledge_file_is_where_the_test_reads_it():
    with (DATA_DIR / "class_knowledge.csv").open(encoding="utf-8") as fh:
        assert "lhv_mj_kg" in next(csv.reader(fh))


def test_a_water_share_its_owner_states_replaces_the_typical_one_in_every_case():
    stated = ExchangeInputs("material", 2000, material_class="wood_clean", energy_recovery=True,
                            moisture=0.55, receiver_supply="fuel_oil")  # fmt: skip
    r = assess_exchange(stated)
    ncv = 19.0 * 0.45 - 2.443 * 0.55
    line = lines(r, "energy content")[0]
    assert line.value == pytest.approx(ncv) and line.factor_ids == ("ncv_dry.wood",)
    low = energy_case(Lookup(load_factors(), "low"), stated, 2000.0,
                      load_material_map()["wood_clean"])  # fmt: skip
    assert low.lines[0].params["water"] == 0.55 and low.lines[0].params["dry"] == 18.5
    # wood valued as received (treated wood) takes the dry value with a stated water share
    treated = assess_exchange(ExchangeInputs("material", 10, material_class="wood_treated",
                                             energy_recovery=True, moisture=0.2))  # fmt: skip
    assert lines(treated, "energy content")[0].value == pytest.approx(19.0 * 0.8 - 2.443 * 0.2)


def test_a_water_share_of_one_or_more_is_refused():
    with pytest.raises(ImpactInputError):
        assess_exchange(ExchangeInputs("material", 10, material_class="wood_clean",
                                       energy_recovery=True, moisture=1.0))  # fmt: skip


def test_a_price_its_owner_asks_is_taken_as_what_it_fetches_today():
    """Soya hulls offered at 900 NOK/t with no stated practice: sold today at that price, not
    incinerated against a gate fee; the receiver's value is the fuel they replace."""
    r = assess_exchange(ExchangeInputs("material", 100, material_class="crop_residue",
                                       energy_recovery=True,
                                       resource_price_nok_per_unit=900.0))  # fmt: skip
    fuel_mwh = 100 * 11.6 / 3.6
    assert r.counterfactual["route"] == "sold"
    assert value(r) == pytest.approx(fuel_mwh * 200.0 - 100 * 900.0)
    assert not lines(r, "cost today avoided")


def test_a_fuel_burnt_elsewhere_is_not_kept_from_incineration_nor_explained_as_feed():
    r = assess_exchange(ExchangeInputs("material", 30, material_class="bakery_waste",
                                       energy_recovery=True))  # fmt: skip
    assert r.resources["kept_from_incineration_t"] == 0.0
    assert r.counterfactual["reasoning"] == "" and r.counterfactual["reasoning_nb"] == ""


def test_a_stated_heating_cost_values_the_heat_delivered():
    r = assess_exchange(ExchangeInputs("material", 30, material_class="bakery_waste",
                                       energy_recovery=True,
                                       current_heat_cost_nok_per_mwh=900.0))  # fmt: skip
    heat = lines(r, "heat delivered")[0].value
    assert lines(r, "heating cost avoided")[0].value == pytest.approx(heat * 900.0)
    assert not lines(r, "no longer buys")


def test_refuse_derived_fuel_in_a_cement_kiln_replaces_its_coke():
    """100 t of RDF (10 MJ/kg, IPCC's mixed waste) burnt in a kiln instead of petroleum coke
    (32.5 MJ/kg, 1 200 NOK/t, 3 169 kg CO2/t): heat for heat in the same kiln."""
    r = assess_exchange(ExchangeInputs("material", 100, material_class="rdf",
                                       energy_recovery=True,
                                       receiver_supply="petroleum_coke"))  # fmt: skip
    fuel_mwh = 100 * 10.0 / 3.6
    coke_mwh_per_t = 32.5 / 3.6
    assert lines(r, "no longer buys")[0].value == pytest.approx(fuel_mwh * 1200 / coke_mwh_per_t)
    coke_co2 = fuel_mwh * 3169 / coke_mwh_per_t / 1000  # t CO2 of the coke not burnt
    # the RDF's fossil CO2 is burnt in the kiln instead of the incinerator: it cancels
    assert r.co2e_t_per_yr.central == pytest.approx(coke_co2)
    assert r.counterfactual["receiver"] == "petroleum_coke"
