"""The pages show virgin material saved as a range when its ratio has one (nb and en)."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.impact.display import resource_lines


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_pages_show_the_range_in_both_languages(lang):
    r = assess_exchange(ExchangeInputs("material", 1000, material_class="ash_wood"))
    span = r.resources["virgin_material_saved_range_t"]
    with translation.override(lang):
        [line] = [t for t in resource_lines(r.resources) if "220" in t]
    assert "490" in line
    assert (span["low"], span["high"]) == pytest.approx((220, 490))
    assert line.startswith("om lag" if lang == "nb" else "about"), line


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_fuel_saved_is_shown_as_its_range(lang):
    heat = ExchangeInputs("heat", 1000, quantity_unit="MWh/yr", heat_replaced_fuel="fuel_oil",
                          offer_temperature_c=90)  # fmt: skip
    r = assess_exchange(heat)
    fuel = r.resources["fuel_saved_mwh"]
    assert fuel["low"] < fuel["high"]
    with translation.override(lang):
        [line] = [t for t in resource_lines(r.resources) if "MWh" in t and "–" in t]
    word = "brensel" if lang == "nb" else "fuel"
    assert word in line and line.startswith("om lag" if lang == "nb" else "about"), line
