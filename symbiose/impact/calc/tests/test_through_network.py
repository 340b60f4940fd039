"""Heat fed into a district-heating network replaces its users' heating only after the
network's distribution loss (``through_network``, SSB's share)."""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs


def _heat(**kw) -> ExchangeInputs:
    return ExchangeInputs("heat", 10_000, quantity_unit="MWh/yr", offer_temperature_c=85,
                          need_quantity=10_000, need_quantity_unit="MWh/yr",
                          heat_replaced_fuel="fuel_oil", **kw)  # fmt: skip


def test_the_network_loss_takes_its_share_off_co2_fuel_and_value_in_every_case():
    plain, network = assess_exchange(_heat()), assess_exchange(_heat(through_network=True))
    for case in ("low", "central", "high"):
        share = Lookup(load_factors(), case).value(
            "heat.network_loss_share", "dimensionless", favourable=False
        )
        assert 0.05 < share < 0.2
        assert getattr(network.co2e_t_per_yr, case) == pytest.approx(
            getattr(plain.co2e_t_per_yr, case) * (1 - share)
        )
        assert network.resources["fuel_saved_mwh"][case] == pytest.approx(
            plain.resources["fuel_saved_mwh"][case] * (1 - share)
        )
    assert network.annual_net_benefit_nok.central < plain.annual_net_benefit_nok.central
    assert network.heat.heat_to_receiver_mwh_per_yr == plain.heat.heat_to_receiver_mwh_per_yr


def test_the_loss_is_a_breakdown_line_with_its_factor_and_only_when_asked():
    def ids(result):
        return {fid for line in result.lines for fid in line.factor_ids}

    assert "heat.network_loss_share" in ids(assess_exchange(_heat(through_network=True)))
    assert "heat.network_loss_share" not in ids(assess_exchange(_heat()))
