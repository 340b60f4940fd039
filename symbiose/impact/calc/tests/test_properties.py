"""Properties that must hold for any input (hypothesis, derandomised)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.heat import assess_heat
from symbiose.impact.calc.money import npv
from symbiose.impact.calc.types import ExchangeInputs

SETTINGS = settings(max_examples=60, derandomize=True, deadline=None)
distances = st.floats(min_value=0, max_value=3000, allow_nan=False)


@SETTINGS
@given(
    d1=distances,
    d2=distances,
    material=st.sampled_from(
        ["gypsum_fgd", "slag_blast_furnace", "metal_ferrous", "plastic_pe_pp", "biomass"]
    ),
    mode=st.sampled_from(["truck", "ship", "rail"]),
    quantity=st.floats(min_value=1, max_value=1e6),
)
def test_co2_avoided_decreases_with_transport_distance(d1, d2, material, mode, quantity):
    near, far = sorted((d1, d2))

    def co2(distance):
        inputs = ExchangeInputs(
            "material",
            quantity,
            material_class=material,
            distance_km=distance,
            transport_mode=mode,
        )
        return assess_exchange(inputs).co2e_t_per_yr

    a, b = co2(near), co2(far)
    for case in ("low", "central", "high"):
        assert getattr(a, case) >= getattr(b, case) - 1e-9


@SETTINGS
@given(
    r1=st.floats(min_value=-0.49, max_value=1.0),
    r2=st.floats(min_value=-0.49, max_value=1.0),
    capex=st.floats(min_value=1, max_value=1e8),
    flows=st.lists(st.floats(min_value=0, max_value=1e8), min_size=1, max_size=30),
)
def test_npv_decreases_with_discount_rate_for_a_conventional_cash_flow(r1, r2, capex, flows):
    low, high = sorted((r1, r2))
    cash = [-capex, *flows]
    assert npv(low, cash) >= npv(high, cash) - 1e-6 * max(1.0, abs(npv(low, cash)))


@SETTINGS
@given(
    d1=st.floats(min_value=0, max_value=100),
    d2=st.floats(min_value=0, max_value=100),
    heat=st.floats(min_value=1, max_value=500_000),
    supply=st.floats(min_value=30, max_value=200),
)
def test_heat_delivered_decreases_with_distance(d1, d2, heat, supply):
    near, far = sorted((d1, d2))

    def delivered(distance):
        account = assess_heat(
            Lookup(load_factors()),
            heat_at_source_mwh=heat,
            need_mwh=None,
            distance_km=distance,
            supply_c=supply,
            need_c=None,
            return_c=supply - 20,
            hours=8760,
            rate=0.07,
            years=20,
            electricity_price_nok_per_kwh=0.9,
            current_cost_nok_per_mwh=None,
        )
        return account.result.heat_delivered_mwh_per_yr

    a, b = delivered(near), delivered(far)
    assert 0 <= b <= a <= heat
