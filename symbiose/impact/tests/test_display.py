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
