"""Reasons name a material class as it is written: an acronym or a capital inside the first
word stays ("CO-rik ovnsgass", not "co-rik ovnsgass"); only a plain first word is lowercased
inside the sentence, and nothing after it."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from symbiose.matching.engine import MatchEngine, StreamInput
from symbiose.matching.engine.reasons import render
from symbiose.matching.reasontext import localised_params
from symbiose.taxonomy.materials import materials_by_id


def _texts(offer_title: str, need_title: str, category: str, lang: str) -> list[str]:
    streams = [StreamInput("o1", "a", "offer", category, offer_title),
               StreamInput("n1", "b", "need", category, need_title)]  # fmt: skip
    [match] = MatchEngine(streams).match_all()
    with translation.override(lang):
        return [render(r.__class__(r.template, localised_params(r.params), r.reveals, r.kind),
                       gettext) for r in match.reasons]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", "Begge er CO-rik ovnsgass"), ("en", "Both are CO-rich furnace gas")],
)
def test_an_acronym_initial_class_keeps_its_capitals_in_the_reason(lang, expected):
    gas = materials_by_id()["gas_co"]
    assert (gas.label_nb, gas.label_en) == ("CO-rik ovnsgass", "CO-rich furnace gas")
    texts = _texts("CO-rik ovnsgass fra smelteovn", "CO-rich furnace gas for methanol", "gas", lang)
    assert expected in texts


@pytest.mark.parametrize(
    ("lang", "expected"), [("nb", "Begge er røykgassgips"), ("en", "Both are FGD gypsum")]
)
def test_a_plain_first_word_is_lowercased_and_an_acronym_is_not(lang, expected):
    assert expected in _texts("FGD gypsum from flue gas desulphurisation",
                              "Røykgassgips til gipsplater", "material", lang)  # fmt: skip
