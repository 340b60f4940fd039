"""Without a place, the language a listing is written in is the one sign of where it is
(issue 12): two listings in one national language are likely in one country."""

from __future__ import annotations

import numpy as np
import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.language import (
    ABROAD_KM,
    LANGUAGES,
    OTHER_TONGUE,
    language_code,
    listing_language,
    unknown_distance_scale,
)
from symbiose.matching.engine.physics import (
    UNKNOWN_AT_SCALE_HARD,
    UNKNOWN_AT_SCALE_SOFT,
    factor_at_scale,
)
from symbiose.matching.engine.tests.conftest import make

READINGS = [
    ("Sagflis og kutterflis fra høvleriet", "nb"),
    ("Overskudsvarme fra vores køleanlæg", "da"),
    ("Spillvärme från pappersbruket", "sv"),
    ("Sahanpuru ja kuori", "fi"),
    ("Holzspäne aus der Tischlerei", "de"),
    ("Restwarmte van de kunstmestfabriek", "nl"),
    ("Écorces et sciures de la scierie", "fr"),
    ("Scarti di legno della falegnameria", "it"),
    ("Cáscaras de almendra para la caldera", "es"),
    ("Trociny i zrębki z tartaku", "pl"),
    ("Dřevěné štěpky z pily", "cs"),
    ("Sawdust and bark from the sawmill", "en"),
]


@pytest.mark.parametrize(("title", "lang"), READINGS)
def test_a_listing_is_read_in_its_own_language(title, lang):
    assert listing_language(title) == lang


@pytest.mark.parametrize(
    ("title", "group"),
    [
        # Norwegian, Danish and Swedish share "til", "betong", "råvare": their votes add up.
        ("Mikrosilika til høyfast betong", {"nb", "da", "sv"}),
        ("Råvare til biogassreaktor", {"nb", "da", "sv"}),
        ("Varme til fjernvarmenettet i byen", {"nb", "da", "sv"}),
        ("Pivovarské mláto", {"cs", "sk"}),
        # Letters only the Baltic languages write, and their words.
        ("Põlevkivi koldetuhk", {"et"}),
        ("Lakieji pelenai iš katilinės", {"lt"}),
        ("Tērauda ražošanas izdedži", {"lv"}),
        # One word and a letter several languages write: exactly one vote ahead.
        ("Rötslam (avvattnat)", {"sv"}),
        ("Prosessihöyry", {"fi"}),
    ],
)
def test_neighbouring_languages_vote_together(title, group):
    """A title whose words split among neighbouring languages (a whole vote ahead of any
    other language together, not each on its own) is read as one of them."""
    assert listing_language(title) in group


def test_no_known_word_or_a_tie_gives_no_language():
    assert listing_language("XYZ-123 / 2024") == ""
    assert listing_language("") == ""


def test_english_and_no_language_say_nothing_about_where_a_listing_is():
    assert language_code("en") == language_code("") == -1
    assert all(language_code(x) >= 0 for x in LANGUAGES if x != "en")


def _table(*langs):
    return type("T", (), {"lang": np.array([language_code(x) for x in langs])})


def test_only_two_national_languages_that_are_not_neighbours_move_a_pair_away():
    t = _table("fi", "fi", "de", "en", "", "nb", "da", "cs", "sk", "es", "pt")
    o = np.zeros(5, int)
    n = np.array([1, 2, 3, 4, 0])
    # One language, English or no language: the unknown distance's default (1).
    far = ABROAD_KM / 100.0
    assert unknown_distance_scale(t, o, n, 100.0).tolist() == [1.0, far, 1.0, 1.0, 1.0]
    # Neighbouring languages, hard to tell apart on a few words, say nothing.
    assert float(unknown_distance_scale(t, 5, 6, 100.0)) == 1.0
    assert float(unknown_distance_scale(t, 7, 8, 100.0)) == 1.0
    assert float(unknown_distance_scale(t, 9, 10, 100.0)) == 1.0


def test_a_pair_abroad_is_at_least_the_border_distance_and_twice_its_scale_apart():
    t = _table("fi", "de")
    # Food residues (50 km reach) abroad: ten reaches; a pipe of 5 km: a hundred limits.
    assert float(unknown_distance_scale(t, 0, 1, 50.0)) == ABROAD_KM / 50.0
    assert float(unknown_distance_scale(t, 0, 1, 5.0)) == ABROAD_KM / 5.0
    # Metals (1 500 km reach) travel across borders: twice their scale, never nearer.
    assert float(unknown_distance_scale(t, 0, 1, 1500.0)) == OTHER_TONGUE


def test_at_the_pairs_own_scale_the_factor_is_the_unknown_distances():
    assert float(factor_at_scale(1.0, False)) == pytest.approx(UNKNOWN_AT_SCALE_SOFT)
    assert float(factor_at_scale(1.0, True)) == pytest.approx(UNKNOWN_AT_SCALE_HARD)
    for pipe in (False, True):
        f = factor_at_scale(np.array([0.5, 1.0, 2.0, 10.0]), pipe)
        assert (np.diff(f) < 0).all()


def _registry(lat=None, lon=None):
    need = make("need", "need", "Treflis til flisfyring", lat=lat, lon=lon)
    offers = [
        make("fi", "offer", "Puuhake ja kuori sahalta", lat=lat, lon=lon),
        make("nb", "offer", "Flis og bark fra sagbruket", lat=lat, lon=lon),
        make("en", "offer", "Wood chips and bark", lat=lat, lon=lon),
    ]
    return MatchEngine([need, *offers])


def test_without_places_a_partner_in_another_national_language_ranks_last():
    got = {m.offer_ref: m for m in _registry().candidates_for("need", top_n=5)}
    assert set(got) == {"fi", "nb", "en"}
    d = {k: float(m.components["distance"]) for k, m in got.items()}
    assert d["nb"] == d["en"] == pytest.approx(UNKNOWN_AT_SCALE_SOFT)
    assert d["fi"] < d["nb"]
    assert all(m.feasible for m in got.values())  # an unknown distance never forbids
    assert min(got.values(), key=lambda m: m.score).offer_ref == "fi"


def test_with_places_the_language_changes_nothing():
    got = _registry(59.2, 10.95).candidates_for("need", top_n=5)
    assert len({round(float(m.components["distance"]), 9) for m in got}) == 1


def test_the_reason_says_when_the_titles_put_a_pair_in_two_countries():
    got = {m.offer_ref: m for m in _registry().candidates_for("need", top_n=5)}
    text = {k: " | ".join(render(r) for r in m.reasons) for k, m in got.items()}
    assert "titles are written in different languages" in text["fi"], text["fi"]
    for same in ("nb", "en"):
        assert "Distance unknown" in text[same], text[same]
        assert "different languages" not in text[same], text[same]
