"""What a one-off lot is worth, line by line from the factor tables (the worked example in
``docs/impact-method.md``, "One-off lots: a worked example"): the lot is valued once, for
what the receiver takes, and a disposal cost its owner states replaces the gate fee and
nothing else, per tonne of the lot, never per year."""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import load_factors
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs

F = load_factors()
SLAG = load_material_map()["slag"]
KM = 30.0


def value(name: str) -> float:
    return F.get(name).value


def lot(tonnes: float, need: float = 5000.0, **kw):
    return assess_exchange(ExchangeInputs("material", tonnes, material_class="slag",
                                          need_quantity=need, distance_km=KM, one_off=True,
                                          **kw), F)  # fmt: skip


def by_hand(tonnes: float, owner_cost_per_t: float) -> float:
    """The lot's net value: what the owner no longer pays, what the receiver no longer
    buys, less the haul and handling, each tonne once."""
    bought = tonnes * SLAG.substitution_ratio * value(SLAG.price_id)
    haul = tonnes * KM * value("transport.cost.truck") + tonnes * value("transport.handling.truck")
    return tonnes * owner_cost_per_t + bought - haul


def test_a_lot_of_slag_is_worth_the_gate_fee_and_the_aggregate_once_less_the_haul():
    fee = value(SLAG.fee_id) + value("tax.landfill")
    r = lot(2000)
    assert r.one_off and r.annual_net_benefit_nok.unit == "NOK"
    assert r.annual_net_benefit_nok.central == pytest.approx(by_hand(2000, fee))
    # the same tonnes as a yearly flow give the same figure per year: once is not 15 years
    flow = assess_exchange(ExchangeInputs("material", 2000, material_class="slag",
                                          need_quantity=5000, distance_km=KM), F)  # fmt: skip
    assert flow.annual_net_benefit_nok.central == pytest.approx(r.annual_net_benefit_nok.central)


@pytest.mark.parametrize("stated", [450.0, 4321.5])
def test_a_stated_disposal_cost_replaces_the_gate_fee_per_tonne_of_the_lot(stated):
    r = lot(2000, disposal_cost_nok_per_t=stated)
    assert r.annual_net_benefit_nok.central == pytest.approx(by_hand(2000, stated))
    [line] = [x for x in r.lines if "given cost" in x.label_template]
    assert line.value == pytest.approx(2000 * stated) and line.unit == "NOK"
    # 4 321.5 NOK/t (the test world's sentinel cost) gives about 8.6 M NOK: it is the
    # owner's statement times the lot, nine times the table's inert gate fee
    assert r.annual_net_benefit_nok.central / lot(2000).annual_net_benefit_nok.central == (
        pytest.approx(by_hand(2000, stated) / by_hand(2000, value(SLAG.fee_id)))
    )


def test_a_lot_is_valued_only_for_what_the_receiver_takes():
    fee = value(SLAG.fee_id)
    capped = lot(2000, need=500.0, disposal_cost_nok_per_t=4321.5)
    assert capped.annual_net_benefit_nok.central == pytest.approx(by_hand(500, 4321.5))
    assert "one_off_need" in {n.code for n in capped.notes}
    assert lot(2000, need=500.0).annual_net_benefit_nok.central == pytest.approx(by_hand(500, fee))
