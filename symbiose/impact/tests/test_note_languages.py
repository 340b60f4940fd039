"""A Norwegian page, match sheet or API answer never shows a material class's English note.

Every row of ``impact/data/material_map.csv`` is valued on its default route and rendered
the way the pair page and the matches page render it, in nb and in en.
"""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from symbiose.impact.adapter import PairImpact
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.taxonomy.materials import materials_by_id
from tests.world import save_public_pair

pytestmark = pytest.mark.django_db  # the regional factors an estimate reads

ROWS = sorted(load_material_map().values(), key=lambda row: row.material_class)


def inputs(row) -> ExchangeInputs:
    """A 100-unit offer of the row's class, 10 km away, on the class's default route."""
    cls, _, use = row.material_class.partition("@")
    found = materials_by_id().get(cls)
    category = found.category if found else "material"
    unit = "m3/yr" if category == "water" else "t/yr"
    return ExchangeInputs(category, 100, quantity_unit=unit, distance_km=10,
                          material_class=None if cls == "unclassified" else cls,
                          use=use or None)  # fmt: skip


def rendered(row, lang: str) -> tuple[dict, str]:
    result = assess_exchange(inputs(row))
    assert result.counterfactual["material_class"] == row.material_class
    pair = PairImpact(result, per_unit=False, typical_price=False, rounded_distance=False,
                      material_class=row.material_class)  # fmt: skip
    with translation.override(lang):
        data = pair.to_dict()
        return data, render_to_string("impact/_estimate.html", {"impact": data})


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.material_class)
def test_a_norwegian_estimate_carries_the_norwegian_note_and_not_the_english_one(row):
    data, html = rendered(row, "nb")
    assert escape(row.note_nb) in html  # the note is shown: the page is the right one
    assert escape(row.note) not in html and row.note not in html
    assert data["counterfactual"]["reasoning"] == row.note_nb  # the API answer too
    assert row.note not in str(data)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.material_class)
def test_an_english_estimate_carries_the_english_note(row):
    data, html = rendered(row, "en")
    assert escape(row.note) in html
    assert data["counterfactual"]["reasoning"] == row.note
    assert row.note_nb not in str(data) and escape(row.note_nb) not in html


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_matches_page_says_what_is_assumed_today_in_the_page_language(client, world, lang):
    from symbiose.registry.actions import check_save_stream

    check_save_stream({"ref": "S-FJORD-GYPSUM", "organisation_ref": "ORG-FJORD",
                       "direction": "offer", "category": "material", "unit": "t",
                       "period": "year", "visibility": "public", "quantity": "500",
                       "title": "Gypsum from flue gas", "ewc_code": "10 01 05"},
                      acting_user=None)  # fmt: skip
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    page = client.get("/streams/S-FJORD-GYPSUM/matches/").content.decode()
    other = "en" if lang == "nb" else "nb"
    assert [r.material_class for r in ROWS if escape(r.note_in(lang)) in page]  # gypsum
    assert [r.material_class for r in ROWS if escape(r.note_in(other)) in page] == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_impact_api_gives_the_note_in_the_language_asked_for(client, world, lang):
    save_public_pair(("S-FJORD-GYPSUM", "Gypsum from flue gas"),
                     ("S-OUT-GYPSUM", "Gypsum for plasterboard"), category="material",
                     unit="t", quantity="500", ewc_code="10 01 05")  # fmt: skip
    client.force_login(world.owner)
    answer = client.get("/api/impact/pairs/S-FJORD-GYPSUM/S-OUT-GYPSUM",
                        HTTP_ACCEPT_LANGUAGE=lang)  # fmt: skip
    assert answer.status_code == 200, answer.content
    cf = answer.json()["counterfactual"]
    row = load_material_map()[cf["material_class"]]
    assert cf["reasoning"] == row.note_in(lang) and cf["reasoning"]
    assert "reasoning_nb" not in cf
    other = row.note_in("en" if lang == "nb" else "nb")
    assert other not in str(answer.json())
