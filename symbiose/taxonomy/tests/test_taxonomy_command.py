"""Tests for ``symbiose taxonomy``: lists and search as JSON or an aligned table."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from symbiose.taxonomy.management.commands.taxonomy import render_table


def run(*args: str) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("taxonomy", *args, stdout=out)
    return out.getvalue()


def run_json(*args: str) -> list[dict]:
    return json.loads(run(*args, "--format", "json"))


def test_ewc_json_lists_entries_with_display_codes_and_both_titles():
    rows = {r["code"]: r for r in run_json("ewc")}
    entry = rows["10 01 05"]
    assert entry["level"] == "entry"
    assert entry["hazardous"] is False
    assert entry["title_en"].startswith("calcium-based reaction wastes")
    assert entry["title_nb"]
    assert rows["16 11 01*"]["hazardous"] is True
    assert "17 04 09*" in rows["17 04 01"]["mirror_codes"]
    assert {"chapter", "subchapter", "entry"} == {r["level"] for r in rows.values()}


def test_ewc_json_can_be_narrowed_by_a_plain_word_query():
    codes = [r["code"] for r in run_json("ewc", "--query", "flygeaske")]
    assert {"10 01 02", "19 01 13*"} <= set(codes)


@pytest.mark.parametrize(
    ("name", "count", "key", "sample"),
    [
        ("nace", 1047, "code", "24.42"),
        ("crm", 35, "code", "copper"),
        ("operations", 28, "code", "R13"),
    ],
)
def test_each_list_prints_all_its_codes_as_json(name, count, key, sample):
    rows = run_json(name)
    assert len(rows) == count
    assert sample in {r[key] for r in rows}


def test_crm_json_carries_criticality_and_elements():
    rows = {r["code"]: r for r in run_json("crm")}
    assert rows["copper"]["critical"] and rows["copper"]["strategic"]
    assert rows["platinum-group-metals"]["elements"] == ["Ru", "Rh", "Pd", "Os", "Ir", "Pt"]


def test_nace_json_has_english_and_norwegian_labels_and_parent():
    row = next(r for r in run_json("nace", "--lang", "nb") if r["code"] == "24")
    assert row == {
        "code": "24",
        "level": "division",
        "parent": "C",
        "label_en": "Manufacture of basic metals",
        "label_nb": "Produksjon av metaller",
        "label": "Produksjon av metaller",
    }


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Incineration on land"), ("nb", "Forbrenning på land")]
)
def test_operations_table_is_aligned_and_in_the_asked_language(lang, title):
    lines = run("operations", "--lang", lang).splitlines()
    assert set(lines[1].replace(" ", "")) == {"-"}
    d10 = next(line for line in lines if line.startswith("D10 "))
    assert title in d10
    title_col = lines[0].index(lines[0].split()[-1])
    assert d10.index(title) == title_col


def test_search_prints_hits_best_first_with_the_matched_term():
    rows = run_json("search", "--query", "spillvarme", "--lang", "en")
    assert rows[0]["kind"] == "material"
    assert rows[0]["code"] == "heat"
    assert rows[0]["label"] == "Surplus heat"
    assert rows[0]["matched"] == "spillvarme"


def test_search_shows_ewc_codes_in_display_form():
    rows = run_json("search", "--query", "100105")
    assert (rows[0]["code"], rows[0]["code_compact"]) == ("10 01 05", "100105")


def test_search_without_a_query_is_refused():
    with pytest.raises(CommandError, match="--query"):
        run("search")


@pytest.mark.parametrize("fmt", ["xml", "csv"])
def test_unknown_format_is_refused(fmt):
    with pytest.raises(CommandError, match="invalid choice"):
        run("crm", "--format", fmt)


def test_render_table_pads_columns_to_the_widest_cell():
    with translation.override("en"):
        text = render_table(
            [{"a": "x", "b": True}, {"a": "longer", "b": False}], [("a", "A"), ("b", "B")]
        )
    assert text.splitlines() == ["A       B", "------  ---", "x       yes", "longer"]


def test_render_table_clips_all_but_the_last_column():
    with translation.override("en"):
        text = render_table([{"a": "x" * 50, "b": "y" * 50}], [("a", "A"), ("b", "B")])
    row = text.splitlines()[2]
    assert row == "x" * 39 + "…  " + "y" * 50
