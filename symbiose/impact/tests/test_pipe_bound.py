"""A pipe too long for any flow the viewer can see is "not worth it", even per unit.

When the other side's quantity is hidden, a pipe-bound pair is valued per MWh (or m3) and
the pipe is left out. The viewer's own quantity still bounds what the pair can exchange, so
a pipe that could not pay even if all of it went through is said and the pair is left out
of the proposals; the hidden quantity never changes what the viewer is shown.
"""

from __future__ import annotations

import json

import pytest

from symbiose.impact.adapter import assess_pair
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.registry.actions import check_save_stream


def per_unit_heat(km: float, bound: float | None) -> ExchangeInputs:
    return ExchangeInputs("heat", 1, quantity_unit="MWh/yr", offer_temperature_c=80,
                          distance_km=km, per_unit=True, quantity_bound=bound,
                          quantity_bound_unit="MWh/yr")  # fmt: skip


def test_a_pipe_no_visible_flow_can_pay_is_not_worth_it_per_unit():
    far = assess_exchange(per_unit_heat(300, 40_000))
    assert not far.worth_it and far.verdict.code == "not_worth_pipe_bound"
    assert far.verdict.params["bound"] == 40_000 and far.verdict.params["distance"] == 300
    assert far.verdict.params["capital"] > far.verdict.params["gain"]


@pytest.mark.parametrize(("km", "bound"), [(2, 40_000), (300, None), (300, 10_000_000)])
def test_a_pipe_some_visible_flow_could_pay_keeps_the_per_unit_value(km, bound):
    result = assess_exchange(per_unit_heat(km, bound))
    assert result.worth_it and result.verdict is None
    assert result.annual_net_benefit_nok.central > 0


def test_a_trucked_material_is_not_judged_by_a_pipe():
    result = assess_exchange(ExchangeInputs("material", 1, material_class="gypsum", per_unit=True,
                                            distance_km=300, quantity_bound=10))  # fmt: skip
    assert result.verdict is None or result.verdict.code != "not_worth_pipe_bound"


@pytest.fixture
def hidden_far_need(world):
    def make(quantity: str):
        stream, _ = check_save_stream({
            "ref": "S-OUT-HEATNEED", "organisation_ref": "ORG-OUT", "direction": "need",
            "category": "heat", "title": "Heat for the greenhouse", "quantity": quantity,
            "unit": "MWh", "period": "year", "visibility": "public",
            "sensitive_fields": "quantity"}, acting_user=None)  # fmt: skip
        return stream

    return make


def test_the_owner_sees_the_far_heat_pair_left_out_by_its_own_quantity(world, hidden_far_need):
    offer = world.public_stream  # 40 GWh/yr at 85 °C in Kristiansand; the need is in Bergen
    pair = assess_pair(offer, hidden_far_need("5317"), viewer=world.owner)
    assert pair.per_unit and pair.result.inputs.quantity_bound == pytest.approx(40_000)
    data = pair.to_dict()
    assert not data["worth_it"] and data["verdict"]["code"] == "not_worth_pipe_bound"
    shown = json.dumps(data, default=str, sort_keys=True)
    again = assess_pair(offer, hidden_far_need("7373"), viewer=world.owner).to_dict()
    assert json.dumps(again, default=str, sort_keys=True) == shown
    assert "7373" not in shown and "5317" not in shown
