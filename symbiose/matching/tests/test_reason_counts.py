"""A reason that counts reads right when the count is one: "A documented exchange sent …",
never "… 1 times" or "… 1 ganger" (seen on a bakery's matches page)."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.matching.access import _visible_reasons
from symbiose.matching.reasontext import FOR_ONE

PRIOR = "Documented exchanges sent {material} to this sector ({sector}) {exchanges} times"
NOTHING_HIDDEN = {"offer": frozenset(), "need": frozenset()}


def shown(exchanges: int, lang: str) -> str:
    """The prior's reason as a page in ``lang`` shows it, stored as the engine stores it."""
    stored = {"template": PRIOR, "kind": "positive", "reveals": [],
              "params": {"material": "bakery leftovers", "material_nb": "brød- og bakerirester",
                         "sector": "01 Crop and animal production",
                         "sector_nb": "01 Jordbruk", "exchanges": exchanges}}  # fmt: skip
    with translation.override(lang):
        (reason,) = _visible_reasons([stored], NOTHING_HIDDEN)
    return reason["text"]


@pytest.mark.parametrize(("lang", "one", "three"), [
    ("en", "A documented exchange sent bakery leftovers to this sector (01 Crop and animal "
           "production)", "Documented exchanges sent bakery leftovers to this sector (01 Crop "
           "and animal production) 3 times"),
    ("nb", "En dokumentert utveksling har sendt brød- og bakerirester til denne bransjen "
           "(01 Jordbruk)", "Dokumenterte utvekslinger har sendt brød- og bakerirester til "
           "denne bransjen (01 Jordbruk) 3 ganger"),
])  # fmt: skip
def test_one_documented_exchange_reads_as_one_and_more_keep_their_count(lang, one, three):
    assert shown(1, lang) == one
    assert shown(3, lang) == three


def test_every_template_with_a_wording_for_one_is_one_the_catalogue_translates():
    with translation.override("nb"):
        for template, (key, _value, one) in FOR_ONE.items():
            assert "{" + key + "}" in template
            assert translation.gettext(template) != template, template
            assert translation.gettext(one) != one, one


REACH = "{material} is usually used within about {reach_km} km of where it arises"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "bread and bakery leftovers: usually used within about 60 km of where it arises"),
    ("nb", "brød- og bakerirester brukes vanligvis innen om lag 60 km fra der det oppstår"),
])  # fmt: skip
def test_how_far_a_material_travels_reads_right_for_a_plural_name(lang, expected):
    stored = {"template": REACH, "kind": "positive", "reveals": [],
              "params": {"material": "bread and bakery leftovers",
                         "material_nb": "brød- og bakerirester", "reach_km": 60}}  # fmt: skip
    with translation.override(lang):
        (reason,) = _visible_reasons([stored], NOTHING_HIDDEN)
    assert reason["text"] == expected


COVERS = "The offer covers about {pct} % of the need"


@pytest.mark.parametrize(("lang", "none", "some"), [
    ("en", "The offer covers less than 1 % of the need",
     "The offer covers about 3 % of the need"),
    ("nb", "Tilbudet dekker under 1 % av behovet", "Tilbudet dekker omtrent 3 % av behovet"),
])  # fmt: skip
def test_a_small_offer_covers_less_than_one_per_cent_never_about_nought(lang, none, some):
    def covers(pct: int) -> str:
        stored = {"template": COVERS, "kind": "info", "reveals": [], "params": {"pct": pct}}
        with translation.override(lang):
            (reason,) = _visible_reasons([stored], NOTHING_HIDDEN)
        return reason["text"]

    assert covers(0) == none
    assert covers(3) == some
