"""Phrases of languages that inflect are read in their inflected forms.

The forms below are held out: none of them is a term of ``material_words.csv``. Each was
written from the declension tables of its language (genitive, plural, definite, locative)
for a phrase the thesaurus has in its dictionary form, so the test fails if the matcher
reads only the forms written down.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.letters import inflects, normalise
from symbiose.taxonomy.materials import term_languages

HELD_OUT = [
    # Greek: genitive singular, nominative plural, genitive plural
    ("el", "Πώληση ιπτάμενης τέφρας", "ash_fly"),
    ("el", "Ιπτάμενες τέφρες από λιγνίτη", "ash_fly"),
    ("el", "Διάθεση σκωρίας υψικαμίνου", "slag_blast_furnace"),
    ("el", "Ανακύκλωση θραυσμάτων γυαλιού", "glass"),
    # Bulgarian: the definite article is an ending
    ("bg", "Летящата пепел от ТЕЦ", "ash_fly"),
    ("bg", "Доменната шлака", "slag_blast_furnace"),
    ("bg", "Дървесната пепел от котела", "ash_wood"),
    # Slovenian: genitive singular and plural
    ("sl", "Odvoz plavžne žlindre", "slag_blast_furnace"),
    ("sl", "Prevzem komunalnega blata", "sludge_bio"),
    ("sl", "Predelava lesnih ostankov", "wood_clean"),
    # Croatian: genitive singular
    ("hr", "Isporuka letećeg pepela", "ash_fly"),
    ("hr", "Zbrinjavanje kanalizacijskog mulja", "sludge_bio"),
    ("hr", "Otkup drvnog otpada", "wood_clean"),
    # Polish: genitive singular (with the fleeting vowel of żużel) and plural
    ("pl", "Sprzedaż popiołu lotnego", "ash_fly"),
    ("pl", "Odbiór żużla wielkopiecowego", "slag_blast_furnace"),
    ("pl", "Zagospodarowanie osadów ściekowych", "sludge_bio"),
    # Czech: genitive singular and plural (strusek, with an inserted vowel)
    ("cs", "Prodej vysokopecní strusky", "slag_blast_furnace"),
    ("cs", "Využití vysokopecních strusek", "slag_blast_furnace"),
    ("cs", "Odběr pivovarského mláta", "brewers_grain"),
    # Finnish: genitive
    ("fi", "Biologisen lietteen käsittely", "sludge_bio"),
    # Lithuanian and Latvian: genitive plural and singular
    ("lt", "Lakiųjų pelenų pardavimas", "ash_fly"),
    ("lt", "Nuotekų dumblo tvarkymas", "sludge_bio"),
    ("lt", "Medienos pelenų panaudojimas", "ash_wood"),
    ("lv", "Lidojošo pelnu pārdošana", "ash_fly"),
    ("lv", "Koksnes pelnu izmantošana", "ash_wood"),
]


def test_no_held_out_form_is_a_term():
    terms = {normalise(t.strip("*=")) for t in term_languages()}
    for _lang, text, _cls in HELD_OUT:
        words = normalise(text).split()
        phrases = {" ".join(words[i:j]) for i in range(len(words)) for j in (i + 2, i + 3)
                   if j <= len(words)}  # fmt: skip
        assert not phrases & terms, text


@pytest.mark.parametrize(("lang", "text", "expected"), HELD_OUT)
def test_an_inflected_phrase_names_its_class(lang, text, expected):
    found = [h.class_id for h in classify(text).classes]
    assert expected in found, (lang, found)


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("Murske kantavan kerroksen rakentamiseen", "road"),
        ("Kemiallisen kierrätyksen raaka-aine", "chemical_feedstock"),
        ("Surowiec dla zakładu produkcji nawozów", "fertiliser_production"),
        ("Žaliava skystam anglies dioksidui", None),
    ],
)
def test_an_inflected_use_phrase_names_its_use(text, use):
    found = classify(text, direction="need")
    if use:
        assert use in found.uses, found
    else:  # a class phrase in the dative
        assert [h.class_id for h in found.classes] == ["co2"]


@pytest.mark.parametrize(
    ("word", "term", "lang", "expected"),
    [
        ("lotnego", "lotny", "pl", True),
        ("lotnisko", "lotny", "pl", False),  # an airport: a derived word, not an ending
        ("zuzla", "zuzel", "pl", True),  # the fleeting vowel of żużel
        ("strusek", "struska", "cs", True),  # inserted in the genitive plural
        ("slam", "slama", "cs", False),  # a bare stem: Norwegian "slam" is sludge
        ("pepela", "pepeo", "hr", True),
        ("sandy", "sand", "en", False),  # English does not inflect here
        ("kuras", "kuro", "lt", False),  # a stem under four letters is read as written
    ],
)
def test_inflects(word, term, lang, expected):
    assert inflects(word, term, lang) is expected


def test_single_words_are_not_read_by_their_endings():
    """Single words keep the prefix rule: read by endings alone they met everyday words of
    other languages (English "happy" as Finnish "happo", acid; Swedish "skor" as Greek
    "σκωρία", slag)."""
    assert classify("Happy customers").classes == ()
    assert "slag" not in [h.class_id for h in classify("Skor och väskor").classes]
