"""A gas valued per unit (its quantity hidden or not given) is shown per 1 000 Nm3 when its
owner counts it in Nm3, per MWh when in energy, as gases are sold, in nb and en with the
locale's number format (calc/quantities.py per_unit_amount; display.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.impact.display import display


def per_unit(unit: str, cls: str = "gas_co", **more) -> ExchangeInputs:
    return ExchangeInputs("gas", 1.0, quantity_unit=unit, material_class=cls, per_unit=True,
                          transport_mode="pipe", **more)  # fmt: skip


def test_a_gas_in_nm3_is_valued_per_1000_nm3_not_per_tonne():
    per_t = assess_exchange(per_unit("t/yr"))
    per_nm3 = assess_exchange(per_unit("Nm3/yr"))
    assert per_t.unit == "t/yr" and per_nm3.unit == "1000Nm3/yr"
    # 1 000 Nm3 of CO-rich gas weigh 1.25 t (its density in the material map)
    assert per_nm3.annual_net_benefit_nok.central == pytest.approx(
        per_t.annual_net_benefit_nok.central * 1.25)  # fmt: skip
    assert per_nm3.co2e_t_per_yr.central == pytest.approx(per_t.co2e_t_per_yr.central * 1.25)


def test_a_gas_in_energy_is_valued_per_mwh_on_the_energy_path():
    r = assess_exchange(per_unit("GWh/yr", "gas_methane", energy_recovery=True, gas_need=True))
    assert r.unit == "MWh/yr"
    delivered = [li for li in r.lines if "gas energy delivered" in li.label_template][0]
    assert delivered.value == pytest.approx(1.0)  # one MWh of gas in every case


@pytest.mark.parametrize("lang, text", [("nb", "per 1\u00a0000 Nm³"), ("en", "per 1,000 Nm³")])
def test_the_unit_reads_in_each_language(lang, text):
    r = assess_exchange(per_unit("Nm3/yr"))
    with translation.override(lang):
        shown = display(r)
    assert shown["per_unit"] == text and text in shown["money"]
