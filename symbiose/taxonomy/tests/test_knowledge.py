"""The knowledge base is complete and consistent: every EWC entry, class, sector and word."""

from __future__ import annotations

import csv
import json
import re

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.ewc import load_ewc
from symbiose.taxonomy.knowledge import (
    _class_rows,
    class_knowledge,
    receiving_sectors,
    sector_profile,
    sector_profiles,
    sector_words,
)
from symbiose.taxonomy.lists import DATA_DIR, load_nace
from symbiose.taxonomy.materials import (
    ancestors,
    classes_for_ewc,
    load_materials,
    load_uses,
    materials_by_id,
)

NACE = {n.code for n in load_nace()}
CLASSES = materials_by_id()
# Divisions of the process, extraction, food, textile and leather, wood, agriculture and
# aquaculture, energy, construction-materials, construction and waste sectors: each of their
# groups has a profile of its own.
PROFILED_DIVISIONS = ("01", "02", "03", "05", "06", "07", "08", "09", "10", "11", "12", "13",
                      "14", "15", "16", "17", "19", "20", "21", "22", "23", "24", "25", "35",
                      "36", "37", "38", "39", "41", "42", "43")  # fmt: skip
# Sector families that every language of the sector word list names at least once.
WORD_LANGUAGES = ("nb", "en", "sv", "da", "de", "nl", "fi", "fr", "it", "es", "pl", "cs",
                  "sk", "hu", "sl", "hr", "ro", "pt", "el", "bg", "lt", "lv", "et")  # fmt: skip
WORD_FAMILIES = ("01", "03", "10", "11", "16", "17", "20", "23", "24", "35", "37", "38")
ROUTE = re.compile(r"^R(1[0-3]|[1-9])$")


def entries():
    return [e for e in load_ewc().values() if e.level == "entry"]


def test_the_list_of_waste_has_842_entries_and_every_one_has_a_material_class():
    codes = [e.code for e in entries()]
    assert len(codes) == 842
    homeless = [c for c in codes if not classes_for_ewc(c)]
    assert not homeless, f"EWC entries without a material class: {homeless}"


def test_a_code_alone_classifies_every_entry():
    missing = [e.code for e in entries() if not classify("", ewc_code=e.code).classes]
    assert not missing


def test_every_class_id_named_in_the_knowledge_base_exists():
    named = set(_class_rows())
    for p in sector_profiles().values():
        named |= set(p.inputs) | set(p.outputs)
    assert named - set(CLASSES) == set()


def test_every_nace_code_in_the_knowledge_base_is_a_nace_rev_2_1_code():
    codes = {p for p in sector_profiles()} | {nace for _t, _l, nace in sector_words()}
    data = json.loads((DATA_DIR / "materials.json").read_text(encoding="utf-8"))
    codes |= {c for u in data["uses"] for c in u["nace"]}
    codes |= {c for m in data["classes"] for c in m.get("nace_producers", ())}
    assert codes - NACE == set()


def test_every_nace_division_has_a_sector_profile():
    divisions = {c for c in NACE if len(c) == 2 and c.isdigit()}
    assert len(divisions) == 87
    assert {d for d in divisions if sector_profile(d) is None} == set()


@pytest.mark.parametrize("division", PROFILED_DIVISIONS)
def test_every_group_of_the_industrial_sectors_has_its_own_profile(division):
    groups = [c for c in NACE if len(c) == 4 and c.startswith(division + ".")]
    assert groups
    assert [g for g in groups if sector_profile(g).code != g] == []


def test_every_nace_code_resolves_to_a_profile_with_inputs_side_streams_and_a_source():
    """Coverage over the whole NACE Rev. 2.1 list: a class without a row of its own takes its
    group's profile, else its division's; none of them may be empty."""
    codes = [c for c in NACE if c[0].isdigit()]
    assert len(codes) == 87 + 287 + 651
    profiles = {c: sector_profile(c) for c in codes}
    empty = [c for c, p in profiles.items() if not p or not (p.inputs and p.outputs and p.source)]
    assert empty == []


def test_the_waste_sector_is_read_in_nace_rev_2_1():
    """Rev. 2.1 re-cut division 38: 38.21 is materials recovery, 38.22 energy recovery and
    38.32 landfilling (Rev. 2's 38.32 was recovery of sorted materials)."""
    words = {t: n for t, _l, n in sector_words()}
    assert (words["recycler"], words["incinerator"], words["landfill"]) == ("38.21", "38.22",
                                                                           "38.32")  # fmt: skip
    assert "metal" in sector_profile("38.21").inputs
    assert "rdf" in sector_profile("38.22").inputs
    assert not {"metal", "polymer", "paper"} & set(sector_profile("38.32").inputs)
    for use in load_uses().values():  # only mine backfill and landfill cover go to a landfill
        assert use.id == "mine_backfill" or not {"38.31", "38.32", "38.33"} & set(use.nace)


@pytest.mark.parametrize("lang", WORD_LANGUAGES)
def test_sector_words_name_every_sector_family_in_each_language(lang):
    named = {n for _t, lng, n in sector_words() if lng == lang}
    assert [f for f in WORD_FAMILIES if not any(n.startswith(f) for n in named)] == []


@pytest.mark.parametrize("word, nace", [
    ("sågverk", "16.11"), ("savværk", "16.11"), ("Sägewerk", "16.11"), ("zagerij", "16.11"),
    ("mejeri", "10.51"), ("Molkerei", "10.51"), ("zuivelfabriek", "10.51"), ("meijeri", "10.51"),
    ("reningsverk", "37"), ("Kläranlage", "37"), ("kaukolämpöyhtiö", "35.30"),
    ("cimenterie", "23.51"), ("mangimificio", "10.91"), ("almazara", "10.41"),
    ("fromagerie", "10.51"), ("cartiera", "17.12"), ("matadero", "10.11"),
])  # fmt: skip
def test_sector_words_in_the_nordic_and_neighbouring_languages(word, nace):
    assert nace in classify(f"{word} i regionen", direction="need").sectors


def test_every_class_has_recovery_routes_and_receiving_sectors():
    """Every material and gas class says where it can go: R codes (unless it is only stored
    or specially treated) and the NACE sectors that take it; utilities have receivers too."""
    for m in load_materials():
        if m.category == "service":
            continue
        assert receiving_sectors(m.id), f"{m.id} has no receiving sector"
        assert set(receiving_sectors(m.id)) <= NACE
        if m.category in ("material", "gas"):
            routes = class_knowledge(m.id).routes
            assert routes and all(ROUTE.match(r) for r in routes), (m.id, routes)


@pytest.mark.parametrize("code", ["10.91", "16.11", "23.51", "24.42", "35.11", "38.21", "01.46"])
def test_core_industrial_sectors_name_both_inputs_and_side_streams(code):
    profile = sector_profile(code)
    assert profile.inputs and profile.outputs


def test_every_top_class_has_its_own_knowledge_row_and_every_class_inherits_one():
    rows = _class_rows()
    tops = {m.id for m in load_materials() if m.parent is None}
    assert tops - set(rows) == set()
    for m in load_materials():
        k = class_knowledge(m.id)
        assert k.reach_km > 0
        assert all(ROUTE.match(r) for r in k.routes), (m.id, k.routes)
        assert not k.fuel or k.lhv_mj_kg is None or k.lhv_mj_kg > 0


def test_every_material_class_has_a_use_and_a_recovery_route_unless_only_stored():
    for m in load_materials():
        if m.category != "material":
            continue
        uses = {u.id for a in ancestors(m.id) for u in CLASSES[a].used_by}
        routes = class_knowledge(m.id).routes
        if set(routes) <= {"R12", "R13"}:
            continue  # kept for disposal or specialised treatment only (explosives)
        assert uses, f"{m.id} has no use"
        assert routes, f"{m.id} has no recovery route"


def test_every_use_names_the_sectors_that_run_it():
    assert [u.id for u in load_uses().values() if not u.nace and u.id != "water_use"] == []


def test_every_class_has_labels_and_terms_in_both_languages():
    for m in load_materials():
        assert m.label_en and m.label_nb, m.id
        assert m.terms_en and m.terms_nb, m.id


@pytest.mark.parametrize("word, nace", [
    ("sagbruk", "16.11"), ("bryggeri", "11.05"), ("fôrfabrikk", "10.91"),
    ("teglverk", "23.32"), ("feed mill", "10.91"), ("power plant", "35.11"),
    ("sawmill", "16.11"), ("brewery", "11.05"), ("brickworks", "23.32"), ("kraftverk", "35.11"),
])  # fmt: skip
def test_sector_words_exist_in_both_languages(word, nace):
    assert (word, nace) in {(t, n) for t, _lang, n in sector_words()}
    assert nace in classify(f"Behov hos {word}", direction="need").sectors


def test_every_row_of_the_knowledge_tables_carries_a_source():
    for name in ("class_knowledge.csv", "sector_profiles.csv", "sector_words.csv"):
        with (DATA_DIR / name).open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows and all(r["source"].strip() for r in rows), name
