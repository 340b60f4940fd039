"""Scrap replacing primary metal is credited net of the melting that scrap still needs.

Class fix of the fourth December 2026 review (``docs/impact-method.md``, "Scrap is melted"):
primary metal's footprint ends at the metal, scrap must be melted, at least by the heat the
liquid metal holds (the central, physics) and in practice by more (the low case's bound).
"""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

FACTORS = load_factors()


def scrap(material_class: str, **changes):
    return assess_exchange(ExchangeInputs("material", 1000, material_class=material_class,
                                          offer_route="unused", **changes))  # fmt: skip


def made_from(tonnes: float, product: str) -> float:
    """Tonnes of product that ``tonnes`` of scrap make: less where the product has a yield row."""
    fid = f"scrap_per_product.{product}"
    return tonnes / Lookup(FACTORS).value(fid, "dimensionless") if fid in FACTORS else tonnes


def melting_lines(result):
    return [line for line in result.lines if line.label_template.startswith("melting the scrap")]


@pytest.mark.parametrize(
    ("material_class", "fid", "emission_id"),
    [("metal_ferrous", "remelt_electricity.steel_bf_bof", "elec.EU"),
     ("metal_aluminium", "remelt_gas.primary_aluminium", "fuel.natural_gas"),
     ("metal_copper", "remelt_gas.primary_copper", "fuel.natural_gas")],
)  # fmt: skip
def test_scrap_used_instead_of_primary_metal_is_netted_of_its_melting(
    material_class, fid, emission_id
):
    result = scrap(material_class, electricity_basis="EU")
    (line,) = melting_lines(result)
    central = Lookup(FACTORS, "central")
    made = made_from(1000, fid.split(".", 1)[1])
    expected = made * central.value(fid, "MWh/t") * central.value(emission_id, "kgCO2e/kWh")
    assert line.value == pytest.approx(-expected)
    assert line.factor_ids == (fid, emission_id)
    product = [ln for ln in result.lines if ln.label_template.startswith("product replaced")]
    assert result.co2e_t_per_yr.central == pytest.approx(
        product[0].value + line.value + sum(
            ln.value for ln in result.lines
            if ln.unit == "t CO2e/yr" and ln not in (line, product[0]))
    )  # fmt: skip


def test_the_low_case_melts_with_a_real_furnace_and_the_high_case_at_the_physical_minimum():
    low, high = (Lookup(FACTORS, c) for c in ("low", "high"))
    fid = "remelt_electricity.steel_bf_bof"
    assert low.value(fid, "MWh/t", favourable=False) > high.value(fid, "MWh/t", favourable=False)
    # about 1.33 GJ of heat per tonne of liquid steel, the physical minimum
    assert high.value(fid, "MWh/t", favourable=False) == pytest.approx(1.33 / 3.6, abs=0.01)


def test_scrap_sold_today_recounts_no_substitution_and_no_melting():
    sold = assess_exchange(ExchangeInputs("material", 1000, material_class="metal_ferrous"))
    assert sold.counterfactual["route"] == "sold"
    assert not melting_lines(sold)


def test_melting_moves_the_co2_not_the_money():
    with_melt = scrap("metal_aluminium")
    assert melting_lines(with_melt)
    assert all(line.unit == "t CO2e/yr" for line in melting_lines(with_melt))
    assert not any("remelt_gas.primary_aluminium" in line.factor_ids
                   for line in with_melt.lines if line.unit == "NOK/yr")  # fmt: skip


def furnace_lines(result):
    return [line for line in result.lines if line.factor_ids == ("remelt_direct.steel_bf_bof",)]


@pytest.mark.parametrize("basis", ["NO", "EU"])
def test_steel_scrap_is_netted_of_the_arc_furnaces_own_emissions_on_every_basis(basis):
    result = scrap("metal_ferrous", electricity_basis=basis)
    (line,) = furnace_lines(result)
    per_t = Lookup(FACTORS, "central").value("remelt_direct.steel_bf_bof", "kgCO2e/t")
    assert line.value == pytest.approx(-made_from(1000, "steel_bf_bof") * per_t / 1000)
    assert line.unit == "t CO2e/yr"
    (melt,) = melting_lines(result)
    product = next(ln for ln in result.lines if ln.label_template.startswith("product replaced"))
    others = sum(ln.value for ln in result.lines
                 if ln.unit == "t CO2e/yr" and ln not in (line, melt, product))  # fmt: skip
    assert result.co2e_t_per_yr.central == pytest.approx(
        product.value + melt.value + line.value + others
    )


def test_only_a_product_with_a_furnace_row_is_charged_the_furnaces_own_emissions():
    for material_class in ("metal_aluminium", "metal_copper"):
        assert melting_lines(scrap(material_class))
        assert not furnace_lines(scrap(material_class))
    assert not furnace_lines(
        assess_exchange(ExchangeInputs("material", 1000, material_class="metal_ferrous"))
    )
