"""Tests for the CRM, R/D operation and NACE lists (pure: no Django, no database)."""

from __future__ import annotations

import csv

import pytest

from symbiose.taxonomy.lists import (
    DATA_DIR,
    TaxonomyError,
    crm_by_id,
    load_crm,
    load_nace,
    load_operations,
    nace_by_code,
    validate_nace,
)


def test_crm_list_has_34_critical_and_17_strategic_entries():
    crm = load_crm()
    assert sum(m.critical for m in crm) == 34
    assert sum(m.strategic for m in crm) == 17
    assert len({m.id for m in crm}) == len(crm)


def test_every_strategic_raw_material_is_critical_or_made_of_critical_elements():
    crm = load_crm()
    critical_elements = {e for m in crm if m.critical for e in m.elements}
    for m in crm:
        if m.strategic and not m.critical:
            assert set(m.elements) <= critical_elements, m.id


@pytest.mark.parametrize(
    ("crm_id", "name_en", "name_nb", "strategic"),
    [
        (
            "bauxite-alumina-aluminium",
            "Bauxite/Alumina/Aluminium",
            "Bauksitt/aluminiumoksid/aluminium",
            True,
        ),
        ("copper", "Copper", "Kobber", True),
        ("coking-coal", "Coking Coal", "Kokskull", False),
        (
            "heavy-rare-earth-elements",
            "Heavy Rare Earth Elements",
            "Tunge sjeldne jordartsmetaller",
            False,
        ),
        ("nickel", "Nickel — battery grade", "Nikkel – batterikvalitet", True),
        ("silicon-metal", "Silicon metal", "Silisiummetall", True),
        ("tungsten", "Tungsten", "Wolfram", True),
        ("phosphate-rock", "Phosphate rock", "Fosfatbergart", False),
        ("helium", "Helium", "Helium", False),
    ],
)
def test_crm_names_match_the_regulation(crm_id, name_en, name_nb, strategic):
    m = crm_by_id()[crm_id]
    assert (m.name_en, m.name_nb, m.strategic, m.critical) == (name_en, name_nb, strategic, True)


def test_rare_earths_for_magnets_are_a_strategic_entry_of_seven_elements():
    m = crm_by_id()["rare-earth-elements-for-permanent-magnets"]
    assert m.strategic and not m.critical
    assert set(m.elements) == {"Nd", "Pr", "Tb", "Dy", "Gd", "Sm", "Ce"}


@pytest.mark.parametrize(
    ("crm_id", "note"), [("lithium", "battery grade"), ("boron", "metallurgy grade")]
)
def test_strategic_grades_are_noted(crm_id, note):
    assert note in crm_by_id()[crm_id].note_en


def test_crm_name_falls_back_to_the_requested_language():
    assert crm_by_id()["tungsten"].name("en") == "Tungsten"
    assert crm_by_id()["tungsten"].name("nb") == "Wolfram"


def test_operations_are_r1_to_r13_and_d1_to_d15():
    ops = load_operations()
    assert [c for c, op in ops.items() if op.kind == "recovery"] == [f"R{i}" for i in range(1, 14)]
    assert [c for c, op in ops.items() if op.kind == "disposal"] == [f"D{i}" for i in range(1, 16)]
    assert all(op.title_en and op.title_nb for op in ops.values())


@pytest.mark.parametrize(
    ("code", "words_en", "words_nb"),
    [
        ("R1", "fuel", "brensel"),
        ("R5", "inorganic", "uorganiske"),
        ("D1", "landfill", "fyllplass"),
        ("D10", "Incineration on land", "Forbrenning på land"),
        ("D15", "Storage pending", "Lagring"),
    ],
)
def test_operation_titles_follow_the_annex(code, words_en, words_nb):
    op = load_operations()[code]
    assert words_en in op.title_en
    assert words_nb in op.title("nb")


def test_nace_has_every_rev_2_1_code_at_four_levels():
    levels = [n.level for n in load_nace()]
    assert len(levels) == 1047
    assert {lvl: levels.count(lvl) for lvl in set(levels)} == {
        "section": 22,
        "division": 87,
        "group": 287,
        "class": 651,
    }


@pytest.mark.parametrize(
    ("code", "level", "parent", "label_en"),
    [
        ("24.42", "class", "24.4", "Aluminium production"),
        ("35.30", "class", "35.3", "Steam and air conditioning supply"),
        ("24.4", "group", "24", "Manufacture of basic precious and other non-ferrous metals"),
        ("24", "division", "C", "Manufacture of basic metals"),
        ("C", "section", None, "Manufacturing"),
        ("V", "section", None, "Activities of extraterritorial organisations and bodies"),
    ],
)
def test_nace_sample_codes_have_level_parent_and_english_label(code, level, parent, label_en):
    n = nace_by_code()[code]
    assert (n.level, n.parent, n.label_en) == (level, parent, label_en)


def test_every_nace_section_and_division_has_a_norwegian_label():
    for n in load_nace():
        if n.level in ("section", "division"):
            assert n.label_nb, n.code


def test_norwegian_nace_file_names_only_known_codes_with_a_source():
    with (DATA_DIR / "nace_nb.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["code"] for r in rows} <= set(nace_by_code())
    assert {r["source"] for r in rows} <= {"sn2007", "own", "ssb-sn2025"}


def test_nace_label_falls_back_to_english_where_no_norwegian_label_exists():
    assert nace_by_code()["24.42"].label("nb") == "Aluminium production"
    assert nace_by_code()["C"].label("nb") == "Industri"
    assert nace_by_code()["C"].label("en") == "Manufacturing"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("24.42", "24.42"),
        ("2442", "24.42"),
        (" 24 42 ", "24.42"),
        ("244", "24.4"),
        ("c", "C"),
        ("35", "35"),
    ],
)
def test_validate_nace_accepts_and_formats_known_codes(text, code):
    assert validate_nace(text) == code


@pytest.mark.parametrize("text", ["99.99", "24.49", "62.05", "W", "", "24421", "abc"])
def test_validate_nace_rejects_unknown_codes_with_a_translatable_message(text):
    with pytest.raises(TaxonomyError, match="is not a NACE Rev. 2.1 code") as info:
        validate_nace(text)
    assert info.value.template == '"{code}" is not a NACE Rev. 2.1 code.'
    assert info.value.params == {"code": text.strip()}


def test_unknown_nace_error_names_the_code_the_user_typed():
    with pytest.raises(ValueError, match=r'^"62\.05" is not a NACE Rev\. 2\.1 code\.$'):
        validate_nace("62.05")
