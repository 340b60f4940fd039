"""A stream's current practice (its counterfactual): parsed in both languages, checked, kept."""

from types import SimpleNamespace

import pytest

from symbiose.registry import validation as v
from symbiose.registry.template import parse_stream, stream_row

BASE = {"ref": "S-1", "organisation_ref": "O-1", "category": "material", "title": "Bark"}


@pytest.mark.parametrize(
    ("direction", "word", "stored"),
    [("offer", "deponert", "landfill"), ("offer", "Sold", "sold"),
     ("need", "fyringsolje", "fuel_oil"), ("need", "nytt råstoff", "virgin")],
)  # fmt: skip
def test_current_practice_is_read_in_norwegian_or_english(direction, word, stored):
    result = parse_stream({**BASE, "direction": direction, "current_practice": word})
    assert result.errors == [] and result.data["current_practice"] == stored


def test_a_need_cannot_say_it_landfills_and_the_message_names_the_column():
    result = parse_stream({**BASE, "direction": "need", "current_practice": "landfill"})
    (error,) = result.errors
    assert error.field == "current_practice"
    message = error.template.format(**error.params)
    assert message.startswith("landfill does not fit a stream of direction need")


def test_an_unknown_practice_is_refused_with_the_choices():
    result = parse_stream({**BASE, "direction": "offer", "current_practice": "ocean"})
    assert [e.field for e in result.errors] == ["current_practice"]


def test_current_practice_survives_export_and_import():
    parsed = parse_stream({**BASE, "direction": "offer", "current_practice": "solgt"}).data
    row = stream_row(
        SimpleNamespace(
            **{
                **parsed,
                "quantity": None,
                "unit": "",
                "lat": None,
                "lon": None,
                "available_from": None,
                "available_to": None,
                "confirmed_at": None,
            }
        ),
        "O-1",
    )
    assert row["current_practice"] == "sold"
    assert parse_stream(row).data["current_practice"] == "sold"


def test_the_registry_lists_match_the_impact_models():
    from symbiose.impact.calc.exchange import RECEIVER_SUPPLIES
    from symbiose.impact.calc.material_map import ROUTES

    assert set(v.OFFER_PRACTICES) == set(ROUTES)
    assert set(v.NEED_PRACTICES) == set(RECEIVER_SUPPLIES)
