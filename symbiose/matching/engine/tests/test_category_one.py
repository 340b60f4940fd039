"""Category 1 animal by-products go only to burning, never to feed, biogas, compost or land.

Regulation (EC) No 1069/2009 Art. 12 lets Category 1 material (carcasses and parts that may
carry TSE or banned substances, specified risk material) only be incinerated, co-incinerated,
burnt as fuel or, after processing, landfilled (``taxonomy/data/use_limits.csv``, mark
``category1``). A listing that says so ("Animalsk fett (kategori 1)", "Meat-and-bone meal
(category 1)") was proposed to pig farms and biogas plants as any fat or by-product is; the
same material without the words still is.
"""

from __future__ import annotations

import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.reasons import R_LEGAL
from symbiose.matching.engine.tests.conftest import make

NEEDS = [
    make("n_pigs", "need", "Fôr til grisene", nace="01.46"),
    make("n_biogas", "need", "Substrate for biogas", nace="35.21"),
    make("n_compost", "need", "Råvare til kompost"),
    make("n_fert", "need", "Raw material for organic fertiliser"),
    make("n_boiler", "need", "Brensel til energigjenvinning"),
]
BANNED = ("n_pigs", "n_biogas", "n_compost", "n_fert")


def _found(title: str) -> dict[str, object]:
    engine = MatchEngine([make("o", "offer", title), *NEEDS])
    return {m.need_ref: m for m in engine.candidates_for("o", top_n=20)}


@pytest.mark.parametrize("title", [
    "Animalsk fett (kategori 1)",
    "Meat-and-bone meal (category 1)",
    "Tierische Nebenprodukte der Kategorie 1",
    "Slaughterhouse waste, cat 1",
    "Kategori 1- og 2-materiale fra slakteriet",
])  # fmt: skip
def test_category_one_material_is_proposed_only_for_burning(title):
    found = _found(title)
    for ref in BANNED:
        m = found.get(ref)  # absent: not even a link
        assert m is None or not m.feasible, (title, ref, [render(r) for r in m.reasons])
        if m is not None and m.components.get("class", 0) > 0:
            assert R_LEGAL in m.reasons, (title, ref)
    assert found["n_boiler"].feasible, (title, [render(r) for r in found["n_boiler"].reasons])


@pytest.mark.parametrize("title", ["Animalsk fett", "Meat-and-bone meal (category 3)",
                                   "Kategori 3-materiale fra slakteriet"])  # fmt: skip
def test_the_same_material_without_category_one_still_reaches_biogas(title):
    assert _found(title)["n_biogas"].feasible, title
