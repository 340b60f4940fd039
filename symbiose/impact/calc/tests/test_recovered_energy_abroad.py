"""Outside Norway, the energy an incinerator no longer recovers from plastics is made
otherwise by that country's district heat where the tables have its figure, and otherwise
at the Norwegian figure, which the breakdown then names as an assumption."""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

LOOK = Lookup(load_factors())
ENERGY = "energy_recovered.incineration_plastics"
NORWAY = "fuel.district_heat"


def lost(country):
    result = assess_exchange(ExchangeInputs("material", 100, material_class="polymer",
                                            country=country))  # fmt: skip
    (line,) = [line for line in result.lines if line.factor_ids[:1] == (ENERGY,)]
    return result, line


def expected(heat_id):
    return -100 * LOOK.value(ENERGY, "MWh/t") * LOOK.value(heat_id, "kgCO2e/kWh")


@pytest.mark.parametrize("country", [None, "NO", "no"])
def test_in_norway_the_heat_is_norwegian_district_heat_and_no_assumption(country):
    _result, line = lost(country)
    assert line.factor_ids == (ENERGY, NORWAY)
    assert line.value == pytest.approx(expected(NORWAY))
    assert "assumption" not in line.label_template


def test_a_country_with_its_own_figure_uses_it_and_names_the_country():
    own = f"{NORWAY}.DK"
    assert own in load_factors()
    result, line = lost("DK")
    assert line.factor_ids == (ENERGY, own)
    assert line.value == pytest.approx(expected(own))
    assert "{country}" in line.label_template and line.params["country"] == "DK"
    assert "assumption" not in line.label_template
    # the range reads the country's own bounds, not Norway's
    assert own in {ref.id for ref in result.factors_used}
    assert f"{own}.high" in {ref.id for ref in result.factors_used}
    norway, _ = lost("NO")
    assert result.co2e_t_per_yr.central == pytest.approx(
        norway.co2e_t_per_yr.central - expected(NORWAY) + expected(own)
    )


@pytest.mark.parametrize("country", ["SE", "DE", "PL"])
def test_a_country_without_a_figure_takes_norways_and_the_breakdown_says_so(country):
    assert f"{NORWAY}.{country}" not in load_factors()
    _result, line = lost(country)
    assert line.factor_ids == (ENERGY, NORWAY)
    assert line.value == pytest.approx(expected(NORWAY))
    text = line.to_dict()["label"]
    assert "assumption" in text and "Norwegian" in text and country in text
