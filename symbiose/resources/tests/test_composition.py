"""Composition rows: validation with located messages, all-or-nothing writes, and who sees them."""

from __future__ import annotations

import pytest

from symbiose.registry.actions import ValidationFailed, check_save_stream
from symbiose.resources import access
from symbiose.resources.actions import check_set_composition
from symbiose.resources.models import CompositionRow
from symbiose.resources.signals import composition_changed
from symbiose.resources.validation import parse_composition_row
from tests.world import INSIDERS, ROLES

GA_ROWS = [
    {"substance": "gallium", "content": "137,5", "unit": "g/t", "method": "ICP-MS",
     "analysed_on": "31.03.2026"},
    {"substance": "SiO2", "content": "61", "unit": "wt%"},
]  # fmt: skip


@pytest.fixture
def dust(world):
    """A public dust stream of Fjordmetall with a gallium analysis (hidden by default)."""
    stream, _ = check_save_stream(
        {"ref": "S-FJORD-GADUST", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Filter dust", "quantity": "2000", "unit": "t",
         "visibility": "public"},
        acting_user=world.owner,
    )  # fmt: skip
    check_set_composition(stream, GA_ROWS, acting_user=world.owner)
    return stream


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"substance": "unobtainium", "content": "1", "unit": "%"}, "substance", "not an element"),
        ({"substance": "Ga", "content": "abc", "unit": "%"}, "content", "not a number"),
        ({"substance": "Ga", "content": "120", "unit": "%"}, "content", "at most 100"),
        ({"substance": "Ga", "content": "0", "unit": "ppm"}, "content", "more than 0"),
        ({"substance": "Ga", "content": "1", "unit": "kg"}, "unit", "use %, ppm or g/t"),
        ({"substance": "Ga", "content": "1", "unit": "%", "method": "guess"}, "method", "xrf"),
        ({"substance": "Ga", "content": "1", "unit": "%", "analysed_on": "3/31"}, "analysed_on",
         "not a date"),
    ],
)  # fmt: skip
def test_a_bad_composition_row_is_refused_at_its_column(row, field, message):
    errors = parse_composition_row(row, with_ref=False).errors
    assert [e.field for e in errors] == [field]
    with pytest.raises(ValueError, match=message):
        raise errors[0]


def test_substances_are_read_by_name_symbol_or_formula():
    data = parse_composition_row({"substance": " Kobolt ", "content": "1,5", "unit": "vekt%"},
                                 with_ref=False).data  # fmt: skip
    assert (data["substance"], data["content"], data["unit"]) == ("Co", 1.5, "%")
    assert parse_composition_row({"substance": "Al2O3", "content": "3", "unit": "%"},
                                 with_ref=False).data["substance"] == "Al2O3"  # fmt: skip


def test_a_bad_row_writes_nothing_and_names_its_place(world, dust):
    before = list(CompositionRow.objects.filter(stream=dust).values_list("substance", "content"))
    with pytest.raises(ValidationFailed) as err:
        check_set_composition(
            dust,
            [{"substance": "Ge", "content": "5", "unit": "ppm"},
             {"substance": "Ge", "content": "7", "unit": "ppm"},
             {"substance": "In", "content": "-1", "unit": "ppm"}],
            acting_user=world.owner,
        )  # fmt: skip
    fields = sorted(e.field for e in err.value.errors)
    assert fields == ["composition-2-substance", "composition-3-content"]
    after = list(CompositionRow.objects.filter(stream=dust).values_list("substance", "content"))
    assert after == before == [("Ga", 137.5), ("SiO2", 61.0)]


def test_a_change_is_announced_after_commit_with_before_and_after(world, dust):
    heard = []

    def listener(**kw):
        heard.append(kw)

    composition_changed.connect(listener)
    try:
        with pytest.MonkeyPatch.context():
            from django.test import TestCase

            with TestCase.captureOnCommitCallbacks(execute=True):
                check_set_composition(
                    dust, [{"substance": "Ga", "content": "150", "unit": "g/t"}],
                    acting_user=world.owner,
                )  # fmt: skip
            with TestCase.captureOnCommitCallbacks(execute=True):  # the same rows: no news
                check_set_composition(
                    dust, [{"substance": "Ga", "content": "150", "unit": "g/t"}],
                    acting_user=world.owner,
                )  # fmt: skip
    finally:
        composition_changed.disconnect(listener)
    assert len(heard) == 1
    assert [r["substance"] for r in heard[0]["previous"]] == ["Ga", "SiO2"]
    assert heard[0]["current"][0]["mass_fraction"] == pytest.approx(150e-6)


def test_new_streams_hide_their_analysis(dust):
    assert "analysis" in dust.sensitive_fields


@pytest.mark.parametrize("role", ROLES)
def test_only_insiders_see_a_default_analysis(world, dust, role):
    user = world.role(role)
    rows = access.visible_rows(user, dust)
    assert bool(rows) == (role in INSIDERS)
    # and the gallium in it does not make the stream "hold" gallium for anyone else
    assert access.holds(user, dust, "gallium") == (role in INSIDERS)
    assert [s.ref for s in access.streams_holding(user, "gallium")] == (
        ["S-FJORD-GADUST"] if role in INSIDERS else []
    )
    contained = access.contained_tonnes(user, [dust])
    if role in INSIDERS:
        assert contained["Ga"].tonnes == pytest.approx(2000 * 137.5e-6)
        assert contained["Ga"].crm_id == "gallium"
    else:
        assert contained == {}


def test_a_shown_analysis_counts_only_with_a_shown_quantity(world, dust):
    from symbiose.registry.actions import do_save_stream

    do_save_stream(world.org, {"ref": dust.ref, "sensitive_fields": []}, acting_user=world.owner)
    dust.refresh_from_db()
    assert access.holds(world.outsider, dust, "gallium")
    assert access.contained_tonnes(world.outsider, [dust])["Ga"].tonnes == pytest.approx(0.275)
    do_save_stream(
        world.org, {"ref": dust.ref, "sensitive_fields": ["quantity"]}, acting_user=world.owner
    )
    dust.refresh_from_db()
    assert access.visible_rows(world.outsider, dust)  # rows shown ...
    assert access.contained_tonnes(world.outsider, [dust]) == {}  # ... but no tonnes


def test_oxide_rows_count_their_element_share(world, dust):
    check_set_composition(
        dust, [{"substance": "Ga2O3", "content": "200", "unit": "ppm"}], acting_user=world.owner
    )
    t = access.contained_tonnes(world.owner, [dust])["Ga"].tonnes
    assert t == pytest.approx(2000 * 200e-6 * 2 * 69.723 / (2 * 69.723 + 3 * 15.999))
