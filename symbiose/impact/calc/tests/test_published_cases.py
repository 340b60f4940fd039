"""Real exchanges with published benefits: the model's range must contain the published figure.

Each case is written out in ``docs/impact-method.md`` ("Published reference cases") with its
source. The range is compared as the product shows it: each end rounded to two significant
figures by the product's own :func:`~symbiose.impact.calc.significant.sig` (the rounding of
every range on the value pages), in the unit each case states; the published figure is
taken as published. ``OUTSIDE`` lists the cases expected outside that range, each documented
with the reason; a test checks that they still fall outside (so the reason stays true) and
the others inside, and that the inside share does not fall below the recorded
``INSIDE_FLOOR``.
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.significant import sig
from symbiose.impact.calc.tests import published_cases_first as first
from symbiose.impact.calc.tests import published_cases_sixth as sixth


def as_shown(low: float, high: float) -> tuple[float, float]:
    """The range as the value pages show it: each end to two significant figures."""
    return sig(low), sig(high)


def inside(name: str) -> bool:
    """True when case ``name``'s published figure lies in the model's range as shown."""
    (low, high), published = CASES[name]()
    shown_low, shown_high = as_shown(low, high)
    return shown_low <= published <= shown_high


#: Every case, 1-35 then 36-42, by name -> a function returning ``((low, high), published)``.
CASES = {**first.CASES, **sixth.CASES}
#: Where each published figure was read: (publisher and title as cited in
#: docs/impact-method.md, year of publication or "undated").
SOURCES = {**first.SOURCES, **sixth.SOURCES}
#: Outside the range, for the reasons written in docs/impact-method.md.
OUTSIDE = {"mo_network_loss_share", "mo_gruben_pipe_capex", "loop_steel",
           "loop_corrugated", "loop_plastics", "switcheko_paper", "gri_gypsum",
           "wisconsin_wood_ash"}  # fmt: skip
#: Cases whose published figure checks our factors and formulas and was not used to set them
#: (the others pass a published quantity through, or come from the publisher of the factor).
INDEPENDENT = {"romerike_co2", "romerike_oil", "cement_australia", "viken_heat_pump_capex",
               "mo_network_loss_share", "ggbs_china_to_uk", "ggbs_uk", "csma_ggbs",
               "alupro_aluminium", "mo_district_heat_co2", "mo_gruben_pipe_capex", "hanson_regen",
               "euric_plastics", "ocap_greenhouses", "bkk_co2", "bkk_oil", "dow_yara_hydrogen",
               "gef_fly_ash", "cullet_raw_materials", "loop_glass", "loop_aluminium",
               "loop_steel", "loop_corrugated", "loop_plastics", "recycling_center_glass",
               "switcheko_paper"} | sixth.INDEPENDENT  # fmt: skip
#: Cases from the publisher whose figure one of our factors cites (not independent).
SAME_PUBLISHER = {"copper_alliance", "worldsteel_scrap", "fossekall_heat_per_oil"}
#: Cases that only carry a published amount through our accounting.
QUANTITY_CHECKS = {"kalundborg_gypsum", "kalundborg_water", "mosjoen", "heroya_phase1",
                   "heroya_porsgrunn", "heroya_park"}  # fmt: skip
#: Recorded floor of the inside share: 34 of 42, 80 % rounded down, since natural gypsum's
#: high end rests on a published cradle-to-gate comparison of the rock and FGD routes (case
#: 39 inside); 33 of 42, 78 %, since the steel-scrap
#: route counts its own footprint besides melting (case 17 inside); 32 of 42 since heavy fuel oil's
#: boiler efficiency is read on the net calorific value like the other oils (case 36
#: inside); 31 of 42 since virgin material
#: saved carries the range of its ratio and wood ash's ratio its published range (case 41
#: inside; 30 of 42) and the heavy-oil boiler a high efficiency (case 37 inside); 29 of 42
#: when the sixth review
#: added cases 36-42, written down before their first run, one of them inside (28 of 35,
#: 80 %, before it; 22 at the first run of cases 26-35,
#: which added 3 inside and 7 outside; case 23 came inside when boiler efficiencies were
#: read on the net calorific value, case 28 when raw materials were counted per tonne of
#: product, cases 14 and 27 when the clinker and cement conversion was declared: 26 of 35;
#: cases 24 and 26 when ranges were compared at the two significant figures the pages show
#: in December 2026). The independent cases fall outside more often, each for the
#: reason in docs/impact-method.md.
INSIDE_FLOOR = 0.80


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_published_case_is_inside_the_range_or_outside_for_its_stated_reason(name):
    (low, high), published = CASES[name]()
    shown = as_shown(low, high)
    assert inside(name) is (name not in OUTSIDE), (
        f"{name}: {published} vs [{low:.4g}, {high:.4g}], shown [{shown[0]:.4g}, {shown[1]:.4g}]"
    )


def test_at_least_42_cases_each_of_one_kind_and_the_inside_share_does_not_fall():
    assert len(CASES) >= 42
    assert INDEPENDENT <= set(CASES) and OUTSIDE <= set(CASES)
    assert len(INDEPENDENT) >= 6
    assert len(INDEPENDENT - OUTSIDE) >= 15, "independent cases inside the range"
    kinds = (INDEPENDENT, SAME_PUBLISHER, QUANTITY_CHECKS)
    assert sum(map(len, kinds)) == len(CASES) and set().union(*kinds) == set(CASES)
    assert (len(CASES) - len(OUTSIDE)) / len(CASES) >= INSIDE_FLOOR


def test_issue_16_target_at_least_80_percent_of_the_cases_inside():
    """Issue 16: the published figure inside the model's range for at least 80 % of cases.

    Met since the ninth case review (34 of 42); it was an expected failure from the sixth
    review, which added cases 36-42, until then.
    """
    assert sum(map(inside, CASES)) / len(CASES) >= 0.80


def test_every_case_names_its_source_as_the_method_document_cites_it():
    from pathlib import Path

    doc = (Path(__file__).parents[4] / "docs" / "impact-method.md").read_text(encoding="utf-8")
    table = doc.split("## Published reference cases", 1)[1].split("\n## ", 1)[0]
    assert set(SOURCES) == set(CASES)
    for name, (source, year) in SOURCES.items():
        assert source in table, f"{name}: {source!r} is not in the published-cases table"
        assert year == "undated" or year in table, name
