"""A residue named by the shredder it comes from is shredder residue (issue 12, class 1).

"Non-metallic residue from the auto shredder" without its code read no class: "residue"
names no material and the shredder was no word of the thesaurus. A shredder plant's residue
is mixed combustible waste unless the listing names a metal before the source word.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify


def _classes(text: str, direction: str = "offer") -> list[str]:
    return [h.class_id for h in classify(text, direction=direction).classes]


@pytest.mark.parametrize(
    "text",
    ["Non-metallic residue from the auto shredder", "Residue from the auto shredder",
     "Rester fra fragmenteringsanlegget", "Rest fra bilfragmentering", "Fragmenteringsavfall",
     "Schredderrückstände", "Shredder waste", "Résidus de broyage automobile"],
)  # fmt: skip
def test_a_shredders_residue_is_shredder_residue_without_a_code(text):
    assert _classes(text)[0] == "rdf"


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [("Steel scrap from the auto shredder", "offer", "metal_ferrous"),
     ("Jernskrap fra fragmenteringsverket", "offer", "metal_ferrous"),
     ("Stålskrap til fragmenteringsverk", "need", "metal_ferrous")],
)  # fmt: skip
def test_a_metal_named_before_the_shredder_stays_metal(text, direction, expected):
    assert _classes(text, direction) == [expected]
