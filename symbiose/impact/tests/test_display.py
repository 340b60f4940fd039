"""Figures a CFO would sign: two significant figures, ranges in words, sources by name."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import load_factors
from symbiose.impact.calc.types import Estimate, ExchangeInputs
from symbiose.impact.display import display, range_text, sig, sig_text, source_labels


@pytest.mark.parametrize(
    ("value", "expected"),
    [(287.3456, 290.0), (-11_241_509, -11_000_000.0), (0.0344, 0.034), (1549123, 1_500_000.0)],
)
def test_figures_have_two_significant_figures(value, expected):
    assert sig(value) == pytest.approx(expected)


def test_numbers_follow_the_language():
    with translation.override("nb"):
        assert sig_text(1_549_123) == "1\xa0500\xa0000"
        assert range_text(Estimate(150.4, 280.0, 401.0, "NOK")) == "om lag 150–400"
    with translation.override("en"):
        assert sig_text(0.0344) == "0.034"
        assert range_text(Estimate(150.4, 280.0, 401.0, "NOK")) == "about 150–400"


def test_a_per_unit_result_reads_per_tonne_and_a_whole_one_per_year():
    per_unit = assess_exchange(ExchangeInputs("material", 1, material_class="gypsum",
                                              per_unit=True))  # fmt: skip
    whole = assess_exchange(ExchangeInputs("material", 30, material_class="gypsum"))
    with translation.override("en"):
        assert display(per_unit)["money"].endswith("NOK per tonne")
        assert "kg CO2e per tonne" in display(per_unit)["co2"]
        assert display(whole)["money"].endswith("NOK/yr")


def test_sources_are_named_with_their_year_never_by_factor_id():
    with translation.override("en"):
        labels = source_labels(load_factors(), ["elec.NO", "service.rate_unit", "elec.NO"])
    assert labels == [
        "NVE, klimadeklarasjon for fysisk levert strøm 2023 (published 11.06.2024) (2023)",
        "Symbiose estimate (2024)",
    ]
    assert not any("." in label.split(" ")[0] for label in labels)


def test_the_dashboard_filter_rounds_sums_to_two_significant_figures():
    from django.template import Context, Template

    with translation.override("en"):
        text = Template("{% load impact_figures %}{{ v|sig2 }}").render(Context({"v": -11241509}))
    assert text == "-11,000,000"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", "om lag -330\xa0000 til -71\xa0000"), ("en", "about -330,000 to -71,000")],
)
def test_a_range_below_zero_reads_with_words_not_two_dashes(lang, expected):
    with translation.override(lang):
        text = range_text(Estimate(-331_000.0, -150_000.0, -71_200.0, "NOK"))
    assert text == expected and "–-" not in text


def test_a_verdict_says_about_with_two_significant_figures(db):
    from symbiose.impact.adapter import PairImpact

    result = assess_exchange(ExchangeInputs("material", 50_000, material_class="acid_sulphuric",
                                            distance_km=900))  # fmt: skip
    assert result.verdict is not None, "a sold stream moved 900 km is not worth it"
    pair = PairImpact(result, per_unit=False, typical_price=False, rounded_distance=False,
                      material_class="acid_sulphuric")  # fmt: skip
    with translation.override("en"):
        text = pair.to_dict()["verdict"]["text"]
    cost = float(re.search(r"about ([\d,.]+) NOK/yr", text).group(1).replace(",", ""))
    assert cost == sig(cost) and cost > 0, text


@pytest.mark.parametrize(
    ("lang", "triple", "expected"),
    [("nb", (-11_241.0, -4_300.0, 740.0), "-11\xa0000 til 740"),
     ("en", (-60.4, 32.0, 90.2), "-60 to 90"),
     ("en", (6_300_000.0, 2.4e7, 3.8e7), "6,300,000–38,000,000")],
)  # fmt: skip
def test_the_dashboard_range_filter_reads_ranges_below_zero_in_words(lang, triple, expected):
    from django.template import Context, Template

    with translation.override(lang):
        text = Template("{% load impact_figures %}{{ t|sig_span }}").render(Context({"t": triple}))
    assert text == expected


def test_definitions_and_physics_are_named_by_kind_in_the_readers_language():
    """A factor resting on physics or a definition reads "Fysikk (2024)" in Norwegian and
    "Physics (2024)" in English, never the data file's English prefix."""
    factors = load_factors()
    physics, definition = factors.get("eff.electricity"), factors.get("eff.district_heat")
    assert physics.source.startswith("Physics:")
    assert definition.source.startswith("Definition:")
    ids = ["eff.electricity", "eff.district_heat"]
    with translation.override("nb"):
        nb = source_labels(factors, ids)
    with translation.override("en"):
        en = source_labels(factors, ids)
    assert nb == [f"Fysikk ({physics.year})", f"Definisjon ({definition.year})"]
    assert en == [f"Physics ({physics.year})", f"Definition ({definition.year})"]
    assert not any("Physics" in label or "Definition" in label for label in nb)


def test_a_standard_keeps_its_edition_year_in_the_publication_name():
    factors = load_factors()
    with translation.override("nb"):
        [label] = source_labels(factors, ["cold.eer"])
    assert label.startswith("CEN, EN 15243:2007 ")
    assert label.endswith(f"({factors.get('cold.eer').year})")


@pytest.mark.django_db  # the regional factors an estimate reads
@pytest.mark.parametrize(("lang", "label", "other"), [("nb", "Fysikk", "Physics"),
                                                      ("en", "Physics", "Fysikk")])  # fmt: skip
def test_the_rendered_breakdown_names_physics_in_the_page_language(lang, label, other):
    """Hydrogen burnt as fuel is valued by its heating value (a "Physics:" row): the
    breakdown of the pair page and the API answer name that source in the page language."""
    from django.template.loader import render_to_string

    from symbiose.impact.adapter import PairImpact

    result = assess_exchange(ExchangeInputs("material", 100, quantity_unit="t/yr",
                                            distance_km=10, material_class="hydrogen"))  # fmt: skip
    assert "fuel_value.hydrogen" in [ref.id for ref in result.factors_used]
    year = load_factors().get("fuel_value.hydrogen").year
    pair = PairImpact(result, per_unit=False, typical_price=False, rounded_distance=False,
                      material_class="hydrogen")  # fmt: skip
    with translation.override(lang):
        data = pair.to_dict()
        html = render_to_string("impact/_estimate.html", {"impact": data})
    assert f"<cite>{label} ({year})</cite>" in html
    assert f"{label} ({year})" in data["sources"]
    assert other not in html and "Physics:" not in html and "Physics:" not in str(data)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("fid", ["elec.NO", "service.rate_unit", "eff.electricity"])
def test_an_expired_factor_is_named_by_its_source_and_year_not_its_id(lang, fid):
    """A stored value may name a factor whose rows have all expired since: its label is
    still the source and year of the row it came from, as for a factor valid today."""
    from dataclasses import replace
    from datetime import date

    from symbiose.impact.calc.factors import FactorSet

    factors = load_factors()
    expired = FactorSet(
        replace(f, valid_from=date(2019, 1, 1), valid_to=date(2020, 12, 31)) if f.id == fid else f
        for f in factors
    )
    with pytest.raises(Exception, match="no factor"):
        expired.get(fid)
    with translation.override(lang):
        assert source_labels(expired, [fid]) == source_labels(factors, [fid])
        [label] = source_labels(expired, [fid])
    assert label.endswith(f"({factors.get(fid).year})")
    assert fid.split(".")[0] not in label.split(" ")[0]


def test_pages_round_ranges_with_the_function_the_published_cases_compare_with():
    """The reference cases (calc/tests/test_published_cases.py) compare each range at the
    precision of ``calc.significant.sig``; a page must show that same range."""
    from symbiose.impact.calc import significant

    assert sig is significant.sig
    with translation.override("en"):
        shown = range_text(Estimate(10_203.8, 14_000.0, 16_503.8, "t CO2e/yr"))
    assert shown == f"about {significant.sig(10_203.8):,.0f}–{significant.sig(16_503.8):,.0f}"
    assert shown == "about 10,000–17,000"
