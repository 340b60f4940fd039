"""What pages print, in both languages: units as people read them, match reasons in the
reader's language with the locale's decimal mark, and the industry picker's first answer."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.matching.reasontext import localised_params
from symbiose.registry.unit_labels import unit_label
from symbiose.taxonomy.search import search


@pytest.mark.parametrize(
    ("lang", "code", "expected"),
    [
        ("nb", "t", "tonn"),
        ("nb", "t/yr", "tonn/år"),
        ("nb", "m3", "m³"),
        ("nb", "m3/yr", "m³/år"),
        ("nb", "h", "timer"),
        ("nb", "MWh/yr", "MWh/år"),
        ("en", "t/yr", "tonnes/yr"),
        ("en", "h", "hours"),
        ("en", "", ""),
    ],
)
def test_units_read_as_words_in_each_language(lang, code, expected):
    with translation.override(lang):
        assert unit_label(code) == expected


def test_reason_parameters_take_norwegian_names_and_decimal_commas_in_norwegian():
    params = {"material": "surplus heat", "material_nb": "overskuddsvarme", "distance_km": 1.5,
              "cost": 12345, "status": "by-product"}  # fmt: skip
    with translation.override("nb"):
        nb = localised_params(params)
    with translation.override("en"):
        en = localised_params(params)
    assert nb["material"] == "overskuddsvarme" and en["material"] == "surplus heat"
    assert nb["distance_km"] == "1,5" and en["distance_km"] == "1.5"
    assert nb["cost"] == "12\xa0345" and en["cost"] == "12,345"
    assert nb["status"] == "biprodukt" and en["status"] == "by-product"


def test_matches_page_shows_norwegian_reasons_and_units(client, world):
    from symbiose.matching.actions import do_recompute_all
    from symbiose.registry.actions import check_save_stream

    check_save_stream(
        {"ref": "S-OUT-SLAGNEED", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Manganslagg til veibygging", "quantity": "1500.5",
         "unit": "t", "period": "year", "visibility": "public", "ewc_code": "10 02 02"},
        acting_user=None,
    )  # fmt: skip
    do_recompute_all()
    client.force_login(world.owner)
    client.cookies["django_language"] = "nb"
    page = client.get(f"/streams/{world.secret_stream.ref}/matches/").content.decode()
    assert "Manganslagg til veibygging" in page
    assert "1\xa0500,50 tonn/år" in page
    assert "Same waste code" not in page and "Samme avfallskode" in page


@pytest.mark.parametrize(
    ("words", "code"), [("sagbruk", "16.11"), ("havbruk", "03.2"), ("bakeri", "10.71")]
)
def test_industry_picker_answers_plain_norwegian_words_with_the_right_code_first(words, code):
    hits = search(words, lang="nb", kinds={"nace"}, limit=6)
    assert hits[0].code == code
    assert not {"98", "U"} & {h.code for h in hits}, "no household codes for a trade word"
