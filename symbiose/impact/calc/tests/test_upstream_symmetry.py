"""By-product hydrogen its owner burns today: natural gas on both sides, upstream on neither.

The receiver stops making hydrogen from natural gas (``virgin.hydrogen_smr``) and the owner
burns natural gas instead of the hydrogen (``virgin.natural_gas_t``). The method counts fuels
at combustion only (``docs/impact-method.md``, "CO2e avoided": combustion-only fuel factors,
no upstream), so the reformer's range is its direct emissions at both ends: upstream methane
counted on the reformer's side alone would credit the exchange with the upstream of gas that
the owner then buys again, uncounted (fifth December 2026 review, case 26).
"""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

FACTORS = load_factors()
REFORMER, GAS, RATIO = "virgin.hydrogen_smr", "virgin.natural_gas_t", "fuel_value.hydrogen"


def row_text(fid: str) -> str:
    """What the row says it counts (its source column; the note may tell its history)."""
    return FACTORS.get(fid).source.lower()


@pytest.mark.parametrize("case", ["low", "central", "high"])
def test_the_hydrogen_range_is_the_reformer_rows_less_the_owners_gas(case):
    """Each end is the reformer's row of that end less the owner's gas, nothing else."""
    look = Lookup(FACTORS, case)
    reformer = look.value(REFORMER, "kgCO2e/t", favourable=True)
    gas = look.value(RATIO, "dimensionless") * look.value(GAS, "kgCO2e/t", favourable=False)
    r = assess_exchange(ExchangeInputs("material", 100, material_class="hydrogen"))
    assert r.counterfactual["route"] == "incineration"
    assert getattr(r.co2e_t_per_yr, case) == pytest.approx(100 * (reformer - gas) / 1000)


def test_neither_side_counts_upstream_emissions():
    """The reformer's ends are direct emissions, the owner's gas combustion only."""
    for fid in (f"{REFORMER}.low", f"{REFORMER}.high"):
        text = row_text(fid)
        assert "direct emissions only" in text, fid
        assert "including upstream" not in text, fid
    gas = FACTORS.get(GAS)
    assert "combustion" in gas.note.lower() and "upstream" not in row_text(GAS)
    assert f"{GAS}.low" not in FACTORS and f"{GAS}.high" not in FACTORS


def test_a_reformer_emits_at_least_the_carbon_of_gas_holding_its_hydrogens_energy():
    """Direct emissions come from the gas a reformer uses, at least the hydrogen's energy."""
    gas_t = FACTORS.get(RATIO).value
    floor = gas_t * FACTORS.get(GAS).value
    low, central, high = (FACTORS.get(f"{REFORMER}{s}").value for s in (".low", "", ".high"))
    assert floor < low <= central <= high
