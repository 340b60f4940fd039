"""Reference cases worked by hand in docs/impact-method.md, asserted to the stated precision."""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.heat import capital_recovery_factor
from symbiose.impact.calc.money import business_case, depreciation_schedule
from symbiose.impact.calc.types import ExchangeInputs


def fgd_gypsum(**changes):
    base = dict(
        category="material",
        quantity=50_000,
        material_class="gypsum_fgd",
        distance_km=300,
        transport_mode="ship",
        virgin_distance_km=2500,
        virgin_transport_mode="ship",
    )
    return assess_exchange(ExchangeInputs(**{**base, **changes}))


def fish_farm_heat(**changes):
    base = dict(
        category="heat",
        quantity=1.0,
        quantity_unit="MW",
        need_quantity=5000,
        need_quantity_unit="MWh/yr",
        offer_temperature_c=80,
        need_temperature_c=12,
        distance_km=2,
        heat_replaced_fuel="electricity",
        electricity_basis="NO",
    )
    return assess_exchange(ExchangeInputs(**{**base, **changes}))


def slag_clinker(**changes):
    base = dict(
        category="material",
        quantity=20_000,
        material_class="slag_blast_furnace",
        distance_km=80,
        transport_mode="truck",
        processing_mwh_per_t=0.05,
    )
    return assess_exchange(ExchangeInputs(**{**base, **changes}))


def test_fgd_gypsum_replacing_natural_gypsum_matches_the_hand_calculation():
    result = fgd_gypsum()
    assert result.co2e_t_per_yr.central == pytest.approx(1880.0, abs=0.1)
    assert result.co2e_t_per_yr.low == pytest.approx(710.0, abs=0.1)
    assert result.co2e_t_per_yr.high == pytest.approx(5140.0, abs=0.1)
    assert result.annual_net_benefit_nok.central == pytest.approx(23_000_000, abs=1)
    assert result.resources["kept_from_landfill_t"] == 50_000


def test_fgd_gypsum_breakdown_lists_each_term_with_its_factor():
    lines = {line.label_template.split(":")[0]: line for line in fgd_gypsum().lines}
    assert lines["product replaced"].value == pytest.approx(390.0)
    assert lines["product replaced"].factor_ids == ("virgin.natural_gypsum",)
    assert lines["disposal avoided"].value == pytest.approx(60.0)
    assert lines["virgin material transport avoided"].value == pytest.approx(1625.0)
    assert lines["transport to the receiver"].value == pytest.approx(-195.0)


def test_surplus_heat_to_fish_farm_matches_the_hand_calculation():
    result = fish_farm_heat()
    heat = result.heat
    assert heat.capacity_class == "small"
    assert heat.loss_mwh_per_yr == pytest.approx(371.42, abs=0.01)
    assert heat.heat_delivered_mwh_per_yr == pytest.approx(8388.58, abs=0.01)
    assert heat.heat_to_receiver_mwh_per_yr == pytest.approx(5000.0, abs=0.01)
    assert heat.cop is None
    assert heat.pipe_capex_nok == pytest.approx(8_000_000, abs=1)
    assert heat.levelised_cost_nok_per_mwh == pytest.approx(212.74, abs=0.01)
    assert heat.current_cost_nok_per_mwh == pytest.approx(900.0)
    assert result.co2e_t_per_yr.central == pytest.approx(75.0, abs=0.1)
    # 5 000 x 900 - 240 000 opex - 8 000 000 x CRF(6 %, 30 yr) 0.0726489 = 581 191 capital
    assert result.annual_net_benefit_nok.central == pytest.approx(3_678_809, abs=1)


def test_surplus_heat_replacing_norwegian_electric_heating_says_the_saving_is_small():
    notes = {note.code: note for note in fish_farm_heat().notes}
    note = notes["norwegian_hydro_heat"]
    assert "CO2 saving is small" in note.template
    assert note.params["co2"] == pytest.approx(75.0)


def test_same_heat_on_eu_basis_has_no_hydro_note_and_a_larger_saving():
    result = fish_farm_heat(electricity_basis="EU")
    assert result.co2e_t_per_yr.central == pytest.approx(1070.0, abs=0.1)
    assert "norwegian_hydro_heat" not in {note.code for note in result.notes}


def test_capital_recovery_factor_of_the_heat_case():
    assert capital_recovery_factor(0.06, 15) == pytest.approx(0.102963, abs=1e-6)


def test_slag_replacing_clinker_matches_the_hand_calculation():
    result = slag_clinker()
    assert result.co2e_t_per_yr.central == pytest.approx(16_637.8, abs=0.1)
    assert result.co2e_t_per_yr.low == pytest.approx(13_805.0, abs=0.1)
    assert result.co2e_t_per_yr.high == pytest.approx(20_888.0, abs=0.1)
    # 20 000 x 930 (price.cement_clinker, USGS 2016) + 20 000 x 450 - 3 200 000 - 600 000 - 900 000
    assert result.annual_net_benefit_nok.central == pytest.approx(22_900_000, abs=1)


def test_slag_processing_on_eu_electricity_costs_more_co2():
    assert slag_clinker(electricity_basis="EU").co2e_t_per_yr.central == pytest.approx(
        16_438.8, abs=0.1
    )


def test_npv_irr_and_payback_reference_case():
    case = business_case(
        capex=1_000_000,
        annual_benefit=350_000,
        annual_opex=50_000,
        rate=0.08,
        years=5,
        depreciation="db20",
        tax_rate=0.22,
    )
    assert case.cash_flows_nok == pytest.approx(
        (-1_000_000, 278_000, 269_200, 262_160, 256_528, 324_112), abs=0.5
    )
    assert case.npv_nok == pytest.approx(105_455, abs=1)
    assert case.irr == pytest.approx(0.1186, abs=5e-5)
    assert case.payback_years == pytest.approx(3.743, abs=5e-4)


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("db20", [200_000, 160_000, 128_000, 102_400, 409_600]),
        ("db30", [300_000, 210_000, 147_000, 102_900, 240_100]),
        ("db40", [400_000, 240_000, 144_000, 86_400, 129_600]),
        ("straight_line", [200_000] * 5),
        ("none", [0] * 5),
    ],
)
def test_declining_balance_reference_schedules(preset, expected):
    assert depreciation_schedule(1_000_000, preset, 5) == pytest.approx(expected, abs=0.5)


def test_declining_balance_tax_effect_in_first_year():
    case = business_case(
        capex=1_000_000,
        annual_benefit=300_000,
        annual_opex=0,
        rate=0.08,
        years=5,
        depreciation="db30",
        tax_rate=0.22,
    )
    # 300 000 - 0.22 x (300 000 - 300 000) = 300 000: depreciation shields the whole benefit
    assert case.cash_flows_nok[1] == pytest.approx(300_000, abs=0.5)
    assert case.cash_flows_nok[2] == pytest.approx(300_000 - 0.22 * 90_000, abs=0.5)
