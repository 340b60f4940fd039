"""Bad values are refused where they come in, with a located message (issue 11, point 9)."""

from __future__ import annotations

import re

import pytest

from symbiose.registry import validation as v
from symbiose.registry.template import parse_organisation, parse_stream

STREAM = {"ref": "S-1", "organisation_ref": "O-1", "direction": "offer", "category": "material",
          "title": "Slag"}  # fmt: skip


@pytest.mark.parametrize(
    "text, char, position",
    [("Sl\x00ag", "U+0000", 3), ("\x1bSlag", "U+001B", 1), ("Slag \u202egnp.exe", "U+202E", 6),
     ("Slag\u2066x", "U+2066", 5), ("Sl\x85ag", "U+0085", 3), ("Slag\ud800", "U+D800", 5)],
)  # fmt: skip
def test_control_and_bidi_characters_are_refused_with_their_position(text, char, position):
    with pytest.raises(v.FieldError, match=re.escape(f"({char}) at position {position}")) as err:
        v.clean_text(text, "description")
    assert err.value.field == "description"


def test_line_breaks_and_tabs_stay_in_long_text_and_one_line_text_is_one_line():
    assert v.clean_text("Line one\r\nLine\ttwo", "description") == "Line one\r\nLine\ttwo"
    assert v.clean_required_text(" Slag\n from\tthe   furnace ", "title") == "Slag from the furnace"


def test_norwegian_letters_and_symbols_are_text_not_controls():
    assert (
        v.clean_text("Blåse-støv, 5 € / m³ — «fin» ✓", "title") == "Blåse-støv, 5 € / m³ — «fin» ✓"
    )


def test_long_text_has_a_limit():
    with pytest.raises(v.FieldError, match="at most 5000 characters"):
        v.clean_text("x" * 5001, "description")
    assert len(v.clean_text("x" * 5000, "description")) == 5000


@pytest.mark.parametrize("column", ["title", "description", "composition"])
def test_every_stream_text_column_is_checked(column):
    result = parse_stream({**STREAM, column: "Slag\x00 from furnace"})
    assert [(e.field, "U+0000" in str(e)) for e in result.errors] == [(column, True)]


@pytest.mark.parametrize("column", ["name", "municipality", "description"])
def test_every_organisation_text_column_is_checked(column):
    result = parse_organisation({"ref": "O-1", "name": "Org", column: "Org\u202e AS"})
    assert [e.field for e in result.errors] == [column]


def test_a_municipality_that_is_too_long_is_refused_not_cut():
    result = parse_organisation({"ref": "O-1", "name": "Org", "municipality": "K" * 101})
    assert [e.field for e in result.errors] == ["municipality"]


@pytest.mark.parametrize(
    "column, value, message",
    [("quantity", "1e308", "must be at most 1000000000000"),
     ("quantity", "inf", "is not a number"),
     ("quantity", "NaN", "is not a number"),
     ("price_nok_per_unit", "-1e300", "must be at least -1000000000"),
     ("price_nok_per_unit", "2e9", "must be at most 1000000000"),
     ("temperature_c", "1e308", "must be at most 2000"),
     ("lat", "1e308", "must be at most 90")],
)  # fmt: skip
def test_numbers_out_of_bounds_are_refused_at_their_column(column, value, message):
    row = {**STREAM, "quantity": "5", "unit": "t", "lat": "60", "lon": "10", column: value}
    result = parse_stream(row)
    assert [(e.field, message in str(e)) for e in result.errors] == [(column, True)]


def test_the_largest_quantity_per_hour_still_gives_a_finite_annual_quantity():
    row = {**STREAM, "category": "heat", "quantity": "1e12", "unit": "MW", "period": "hour"}
    result = parse_stream(row)
    assert not result.errors
    annual = result.data["annual_quantity"]
    assert annual == annual and annual < float("inf")
