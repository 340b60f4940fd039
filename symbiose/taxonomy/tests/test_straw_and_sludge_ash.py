"""Slavic "slama" (straw) is no Norwegian "slam-" compound (issue 12, class 6).

Slovak, Slovenian, Croatian, Czech and Bulgarian "slama", "sláma", "слама" (straw) were
prefix terms, so Norwegian and Swedish sludge compounds ("slamavfall", "slamavskiller",
"slamaske") read as straw. They are whole words in their case forms now. Ash from burning
sewage sludge ("slamaske", "Klärschlammasche", "sewage sludge ash") is fly ash.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.materials import ancestors


def _first(text: str) -> str:
    return classify(text).classes[0].class_id


@pytest.mark.parametrize("text", ["Slamavfall", "Slamavskiller", "Slamanlegg", "Slamavvanning"])
def test_norwegian_sludge_compounds_are_sludge_not_straw(text):
    assert _first(text) == "sludge"


@pytest.mark.parametrize(
    "text", ["Slama", "Pšeničná sláma", "Slámy", "Pšenična slama", "Slamu", "Пшенична слама"]
)
def test_slavic_straw_is_still_straw(text):
    assert _first(text) == "crop_residue"


@pytest.mark.parametrize(
    "text", ["Slamaske", "Slamaska", "Avløpsslamaske", "Klärschlammasche", "Sewage sludge ash"]
)
def test_sewage_sludge_ash_is_fly_ash(text):
    # Its own class under fly ash since the phosphorus it holds is recovered (below).
    assert ancestors(_first(text))[:2] == ("ash_sewage_sludge", "ash_fly")
