"""Natural gypsum's footprint rests on two publications; the rows must follow from them.

``virgin.natural_gypsum`` (central) reads DESNZ/DEFRA's 2025 row for quarried and crushed
aggregate rock, the row ``virgin.limestone`` reads; ``virgin.natural_gypsum.high`` is worked
out from Fort and Černý's cradle-to-gate comparison of calcined gypsum from natural rock and
from FGD gypsum (*Journal of Cleaner Production* 177, 2018, abstract). The ninth review of
reference cases in ``docs/impact-method.md`` gives the reasoning.
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.factors import Lookup, load_factors

#: Fort and Černý (2018), abstract: calcined gypsum from FGD gypsum, kg CO2 per tonne ...
FGD_ROUTE_KG_PER_T = 105.3
#: ... 25.2 % lower than from natural gypsum ...
FGD_BELOW_NATURAL = 0.252
#: ... and calcination's share of each route's total.
CALCINATION_SHARE_FGD, CALCINATION_SHARE_NATURAL = 0.72, 0.55
#: Molar masses (g/mol): CaSO4·2H2O and CaSO4·0.5H2O, from Ca 40.08, S 32.06, O 16.00, H 1.008.
DIHYDRATE, HEMIHYDRATE = 172.17, 145.15


def rock_share_per_tonne_of_rock() -> float:
    """What the natural route spends outside calcination beyond the FGD route, per t of rock."""
    natural = FGD_ROUTE_KG_PER_T / (1 - FGD_BELOW_NATURAL)
    extra = natural * (1 - CALCINATION_SHARE_NATURAL) - FGD_ROUTE_KG_PER_T * (
        1 - CALCINATION_SHARE_FGD
    )
    return extra / (DIHYDRATE / HEMIHYDRATE)


def kg_per_t(fid: str, case: str = "central") -> float:
    """The row's value in the ``case`` (a higher footprint of the replaced rock is favourable)."""
    return Lookup(load_factors(), case).value(fid, "kgCO2e/t", favourable=True)


def test_the_high_end_is_the_published_comparison_worked_out_per_tonne_of_rock():
    assert kg_per_t("virgin.natural_gypsum", "high") == pytest.approx(
        rock_share_per_tonne_of_rock(), abs=0.5
    )


def test_calcination_is_about_the_same_on_both_routes_so_the_difference_is_the_rock():
    """The derivation holds only if calcination does not differ much between the routes."""
    natural = FGD_ROUTE_KG_PER_T / (1 - FGD_BELOW_NATURAL)
    calcination = (natural * CALCINATION_SHARE_NATURAL, FGD_ROUTE_KG_PER_T * CALCINATION_SHARE_FGD)
    assert abs(calcination[0] - calcination[1]) < 0.05 * calcination[1]


def test_the_central_reads_the_same_aggregates_row_as_limestone_and_the_range_brackets_it():
    assert kg_per_t("virgin.natural_gypsum") == kg_per_t("virgin.limestone")
    low, central, high = (kg_per_t("virgin.natural_gypsum", c) for c in ("low", "central", "high"))
    assert 0 < low <= central <= high
