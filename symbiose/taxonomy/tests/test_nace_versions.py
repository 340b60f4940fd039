"""NACE Rev. 2 / SN2007 codes are read, converted or asked about, never reinterpreted silently."""

import pytest

from symbiose.taxonomy.nace_versions import official_table, read_nace, titles


def test_every_rev2_class_whose_meaning_changed_is_never_kept_silently():
    rev2, rev21 = titles()
    changed = [
        c for c in rev2
        if len(c) == 4 and c.isdigit() and c in rev21 and rev2[c].lower() != rev21[c].lower()
    ]  # fmt: skip
    assert len(changed) > 100  # 38.32, 38.21, 35.12, 20.51, 25.61, 46.71 … (138 in stdnum 2.2)
    for code in changed:
        reading = read_nace(f"{code[:2]}.{code[2:]}")
        assert reading.kind == "choose", code
        assert reading.code == ""


@pytest.mark.parametrize("code", ["38.32", "38.21", "38.22", "38.31", "35.12", "20.51", "25.61",
                                  "25.62", "46.71", "46.72"])  # fmt: skip
def test_the_codes_the_issue_found_are_asked_about(code):
    reading = read_nace(code)
    assert reading.kind == "choose"
    message = reading.template.format(**reading.params)
    assert "in NACE Rev. 2.1 (SN2025) but" in message and code in message


def test_38_32_names_both_meanings():
    reading = read_nace("38.32")
    message = reading.template.format(**reading.params)
    assert "Landfilling or permanent storage" in message
    assert "Recovery of sorted materials" in message


@pytest.mark.parametrize("code", ["16.10", "31.01", "63.11", "46.77", "62.01"])
def test_rev2_only_codes_are_not_rejected_but_asked_about(code):
    reading = read_nace(code)
    assert reading.kind == "choose" and reading.code == ""
    assert "not the official correspondence table" in reading.template


def test_no_suggestion_from_a_group_whose_meaning_changed():
    # Rev. 2 group 63.1 "Data processing, hosting …" is not Rev. 2.1 group 63.1.
    assert read_nace("63.11").candidates == ()
    assert read_nace("38.32", "2").candidates == ()


def test_suggestions_by_title_and_by_group():
    assert read_nace("46.77").candidates == ("4687",)  # "Wholesale of waste and scrap"
    assert read_nace("31.01").candidates == ("3100",)  # the only class of group 31.0


@pytest.mark.parametrize(
    "written, stored", [("24.420", "24.42"), ("24420", "24.42"), ("24.103", "24.10")]
)
def test_five_digit_sn_subclasses_are_read_as_their_class_with_a_note(written, stored):
    reading = read_nace(written)
    assert (reading.kind, reading.code) == ("kept", stored)
    assert "national (SN) subclass" in reading.template


def test_a_code_unchanged_in_both_revisions_is_kept_without_a_note():
    reading = read_nace("24.10")
    assert (reading.kind, reading.code, reading.template) == ("kept", "24.10", "")


def test_the_revision_column_decides():
    assert read_nace("38.32", "2.1").code == "38.32"
    assert read_nace("38.32", "SN2025").code == "38.32"
    as_rev2 = read_nace("38.32", "2")
    assert as_rev2.kind == "choose" and "3832" not in as_rev2.candidates


def test_an_official_one_to_one_row_is_applied_and_noted():
    reading = read_nace("62.01", table={"6201": ("6210",)})
    assert (reading.kind, reading.code) == ("converted", "62.10")
    assert "official correspondence table" in reading.template


def test_an_official_one_to_many_row_asks_with_its_targets():
    reading = read_nace("16.10", table={"1610": ("1611", "1612")})
    assert reading.kind == "choose" and reading.candidates == ("1611", "1612")
    assert "the official table splits" in reading.template


def test_unknown_codes_are_errors():
    assert read_nace("99.99").kind == "invalid"
    assert read_nace("abc").kind == "invalid"


def test_the_shipped_correspondence_table_is_empty_and_says_why():
    # docs: taxonomy/data/README.md — the official table could not be obtained offline.
    assert official_table() == {}
