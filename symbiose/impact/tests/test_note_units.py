"""A note that names a unit reads it in the page's language: a Norwegian page says "MWh/år",
never "MWh/yr" (seen on a bakery's value page for a heat need)."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.impact.adapter import PairImpact
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs

pytestmark = pytest.mark.django_db  # the regional factors an estimate reads


def notes(lang: str) -> list[str]:
    """The notes of 30 t/yr of bread offered to a need stated in MWh a year."""
    offer = ExchangeInputs("material", 30, quantity_unit="t/yr", distance_km=20,
                           material_class="bakery_waste", need_quantity=800,
                           need_quantity_unit="MWh/yr")  # fmt: skip
    result = assess_exchange(offer)
    pair = PairImpact(result, per_unit=False, typical_price=False, rounded_distance=False,
                      material_class="bakery_waste")  # fmt: skip
    with translation.override(lang):
        return [note["text"] for note in pair.to_dict()["notes"]]


@pytest.mark.parametrize(("lang", "unit"), [("nb", "MWh/år"), ("en", "MWh/yr")])
def test_the_unit_a_need_is_stated_in_reads_in_the_page_language(lang, unit):
    said = [text for text in notes(lang) if "MWh" in text]
    assert said, notes(lang)  # the note is there: the test reads the right text
    assert all(unit in text for text in said), said
    if lang == "nb":
        assert not [text for text in said if "/yr" in text], said
