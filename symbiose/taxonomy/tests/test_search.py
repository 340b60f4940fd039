"""Tests for plain-word search over all code lists (pure: no Django, no database)."""

from __future__ import annotations

import csv

import pytest

from symbiose.taxonomy.lists import DATA_DIR
from symbiose.taxonomy.search import KINDS, fold, search, search_index


def codes(query: str, kind: str, limit: int = 20, lang: str = "nb") -> list[str]:
    """Return the codes of ``kind`` that ``query`` finds, best first."""
    return [h.code for h in search(query, kinds={kind}, limit=limit, lang=lang)]


@pytest.fixture(scope="module")
def ewc_loaded():
    """Skip EWC expectations until the EWC list module exists."""
    pytest.importorskip("symbiose.taxonomy.ewc")
    assert any(d.kind == "ewc" for d in search_index().docs)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Stålslagg", "stalslagg"), ("FLYGEASKE", "flygeaske"), ("Røykgass-gips", "roykgass gips")],
)
def test_fold_ignores_case_accents_and_norwegian_letters(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("query", "kind", "code"),
    [
        ("slagg", "material", "slag"),
        ("fly ash", "material", "ash_fly"),
        ("flygeaske", "material", "ash_fly"),
        ("spillvarme", "material", "heat"),
        ("Spillvarmen", "material", "heat"),
        ("gips", "material", "gypsum"),
        ("gypsum", "material", "gypsum"),
        ("aluminium", "crm", "bauxite-alumina-aluminium"),
        ("kobber", "crm", "copper"),
        ("copper", "crm", "copper"),
        ("neodym", "crm", "light-rare-earth-elements"),
        ("wolfram", "crm", "tungsten"),
        ("aluminium", "nace", "24.42"),
        ("fjernvarme", "nace", "35.30"),
        ("deponi", "operation", "D1"),
        ("energigjenvinning", "operation", "R1"),
    ],
)
def test_plain_words_find_the_expected_code_first_within_its_kind(query, kind, code):
    assert codes(query, kind)[:1] == [code]


def test_interim_storage_finds_both_storage_operations():
    assert set(codes("mellomlagring", "operation")[:2]) == {"R13", "D15"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("slagg", {"100201", "100202"}),
        ("fly ash", {"100102", "190113"}),
        ("flygeaske", {"100102", "190113"}),
        ("gips", {"100105", "100107", "170802"}),
        ("gypsum", {"100105", "100107", "170802"}),
        ("aluminium", {"170402"}),
        ("kobber", {"170401"}),
    ],
)
def test_plain_words_lead_to_ewc_entries(ewc_loaded, query, expected):
    assert expected <= set(codes(query, "ewc", limit=60))


def test_slag_search_finds_chapter_10_entries(ewc_loaded):
    found = codes("slagg", "ewc", limit=60)
    assert sum(c.startswith("10") and len(c) == 6 for c in found) >= 5


@pytest.mark.parametrize("query", ["10 01 05", "100105", "10 01 05*", " 100105 "])
def test_exact_ewc_code_ranks_first(ewc_loaded, query):
    hit = search(query)[0]
    assert (hit.kind, hit.code, hit.display) == ("ewc", "100105", "10 01 05")


def test_hazardous_ewc_code_shows_its_star(ewc_loaded):
    assert search("16 11 01")[0].display == "16 11 01*"


def test_ewc_subchapter_code_lists_its_entries_after_it(ewc_loaded):
    hits = search("10 01", limit=50)
    assert hits[0].code == "1001"
    assert {"100101", "100105"} <= {h.code for h in hits}


@pytest.mark.parametrize(
    ("query", "kind", "code"),
    [
        ("24.42", "nace", "24.42"),
        ("2442", "nace", "24.42"),
        ("35.30", "nace", "35.30"),
        ("C", "nace", "C"),
        ("r5", "operation", "R5"),
        ("D15", "operation", "D15"),
    ],
)
def test_exact_codes_rank_first(query, kind, code):
    hit = search(query)[0]
    assert (hit.kind, hit.code) == (kind, code)


def test_nace_group_code_lists_its_classes_after_it():
    hits = search("24.4")
    assert hits[0].code == "24.4"
    assert "24.42" in [h.code for h in hits[1:]]


@pytest.mark.parametrize(("lang", "label"), [("nb", "Overskuddsvarme"), ("en", "Surplus heat")])
def test_labels_come_in_the_asked_language(lang, label):
    assert search("spillvarme", lang=lang, kinds={"material"})[0].label == label


def test_english_query_finds_norwegian_labelled_material_and_reports_the_matched_term():
    hit = search("waste heat", kinds={"material"})[0]
    assert (hit.code, hit.matched) == ("heat", "waste heat")


def test_kinds_filter_restricts_results():
    assert {h.kind for h in search("aluminium", kinds={"crm", "nace"})} <= {"crm", "nace"}


def test_limit_caps_the_number_of_hits():
    assert len(search("C", limit=3)) == 3


@pytest.mark.parametrize("query", ["", "   ", "qwxzv", "og"])
def test_nonsense_or_empty_queries_return_nothing(query):
    assert search(query) == []


def test_hits_are_sorted_best_first():
    scores = [h.score for h in search("slagg", limit=50)]
    assert scores == sorted(scores, reverse=True)


def test_every_search_synonym_points_to_a_known_code():
    with (DATA_DIR / "search_synonyms.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known = set(search_index().doc_ids)
    for row in rows:
        assert row["kind"] in KINDS and row["lang"] in ("nb", "en")
        if row["kind"] != "ewc" or any(k == "ewc" for k, _c in known):
            assert (row["kind"], row["code"]) in known, row
