"""A class's substitution ratio may carry a range (``ratio.<class>`` factors).

The central row must agree with ``material_map.csv`` (which the resources and the pages
use), and the low case must never credit more substitution than the high case.
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.substitution import substitution_ratio
from symbiose.impact.calc.types import ExchangeInputs


def test_every_ratio_factor_names_a_class_and_its_central_row_is_the_map_ratio():
    factors, classes = load_factors(), load_material_map()
    ids = [fid for fid in factors.ids() if fid.startswith("ratio.") and fid.count(".") == 1]
    assert ids, "no ratio factors shipped"
    for fid in ids:
        cls = classes[fid.removeprefix("ratio.")]
        central = Lookup(factors, "central").value(fid, "dimensionless")
        assert central == cls.substitution_ratio, fid
        low, high = (substitution_ratio(Lookup(factors, c), cls) for c in ("low", "high"))
        assert 0 < low <= central <= high, fid


def test_the_ratio_range_widens_the_co2_range_of_ggbs_only_at_the_low_end():
    slag = load_material_map()["slag_blast_furnace"]
    one = ExchangeInputs("material", 1000, material_class="slag_blast_furnace")
    r = assess_exchange(one)
    fixed = assess_exchange(ExchangeInputs("material", 1000, material_class="slag_blast_furnace",
                                           substitution_ratio=slag.substitution_ratio))  # fmt: skip
    assert r.co2e_t_per_yr.low < fixed.co2e_t_per_yr.low
    assert r.co2e_t_per_yr.central == fixed.co2e_t_per_yr.central
    assert r.co2e_t_per_yr.high == fixed.co2e_t_per_yr.high


def test_k_values_count_cement_and_convert_to_clinker_at_cem_i_clinker_share():
    # the declared conversion (docs/impact-method.md, "Cement-level and clinker-level figures")
    factors, classes = load_factors(), load_material_map()
    low = Lookup(factors, "low")
    clinker_per_cem_i = low.value("ratio.slag_blast_furnace", "dimensionless", favourable=True)
    for name, k in (("ash_fly", 0.4), ("microsilica", 1.0)):
        assert classes[name].substitution_ratio == k
        ratio = substitution_ratio(low, classes[name])
        assert ratio == pytest.approx(k * clinker_per_cem_i), name
        # blended at the cement works: mass for mass
        assert substitution_ratio(Lookup(factors, "high"), classes[name]) == 1.0
