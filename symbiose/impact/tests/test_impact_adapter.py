"""The impact of stored pairs: command, API and confidentiality of the inputs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from symbiose.impact.adapter import assess_pair
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream
from tests.world import PASSWORD, SECRET

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "listing"


@pytest.fixture
def example(db):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())


def run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("impact", *args, stdout=out)
    return out.getvalue()


def test_impact_command_prints_json_breakdown_with_factors(example):
    data = json.loads(run("--offer", "EX-S-SLAG", "--need", "EX-N-RAW", "--format", "json"))
    co2 = data["co2e_t_per_yr"]
    assert co2["low"] <= co2["central"] <= co2["high"]
    assert data["material_class"] is not None and data["factors_used"]
    assert any("transport" in line["label"] for line in data["lines"])
    assert data["inputs"]["quantity"] == pytest.approx(12000.0)


def test_heat_to_fish_farm_in_norway_warns_that_the_co2_saving_is_small(example):
    data = json.loads(run("--offer", "EX-S-HEAT", "--need", "EX-N-HEAT", "--format", "json"))
    eu = json.loads(run("--offer", "EX-S-HEAT", "--need", "EX-N-HEAT", "--format", "json",
                        "--basis", "EU"))  # fmt: skip
    assert data["heat"]["heat_delivered_mwh_per_yr"] > 0
    assert eu["co2e_t_per_yr"]["central"] > 5 * data["co2e_t_per_yr"]["central"]
    assert any("hydro" in note["text"].lower() for note in data["notes"])


def test_impact_table_output_shows_range_and_lines(example):
    out = run("--offer", "EX-S-SLAG", "--need", "EX-N-RAW")
    assert "CO2e avoided:" in out and "range" in out and "transport" in out


@pytest.mark.parametrize(
    ("offer", "need", "message"),
    [
        ("EX-NOPE", "EX-N-RAW", "No offer with reference EX-NOPE"),
        ("EX-N-HEAT", "EX-N-RAW", "No offer with reference EX-N-HEAT"),
        ("EX-S-SLAG", "EX-S-HEAT", "No need with reference EX-S-HEAT"),
    ],
)
def test_impact_command_refuses_unknown_or_wrong_refs(example, offer, need, message):
    with pytest.raises(CommandError, match=message):
        run("--offer", offer, "--need", need)


def test_impact_command_reports_impossible_inputs(example):
    with pytest.raises(CommandError, match="distance_km"):
        run("--offer", "EX-S-SLAG", "--need", "EX-N-RAW", "--distance-km", "-5")


@pytest.fixture
def outsider_need(world):
    stream, _ = check_save_stream({
        "ref": "S-OUT-AGG", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Aggregate for road base", "quantity": "900",
        "unit": "t", "visibility": "public",
    }, acting_user=None)  # fmt: skip
    return stream


@pytest.mark.parametrize(
    ("role", "sees_quantity"),
    [
        ("owner", True),
        ("facilitator", True),
        ("admin", True),
        ("outsider", False),
        ("other_facilitator", False),
        ("anonymous", False),
    ],
)
def test_hidden_quantity_and_price_never_enter_the_impact_shown(world, outsider_need, role,
                                                                sees_quantity):  # fmt: skip
    pair = assess_pair(world.secret_stream, outsider_need, viewer=world.role(role))
    text = json.dumps(pair.to_dict(), default=str)
    assert pair.per_unit is (not sees_quantity)
    if sees_quantity:
        assert pair.result.inputs.quantity == pytest.approx(float(SECRET["quantity"]))
    else:
        assert pair.result.per_unit and pair.result.business_case is None
        assert pair.to_dict()["display"]["per_unit"]
        assert pair.typical_price and pair.rounded_distance
        assert SECRET["quantity"] not in text and "7373" not in text and "4321" not in text


def test_api_gives_impact_only_for_streams_the_user_may_see(world, outsider_need):
    client = Client()
    url = "/api/impact/pairs/S-FJORD-SLAG/S-OUT-AGG"
    assert client.get(url).status_code == 200  # both public
    data = client.get(url).json()
    assert data["per_unit"] is True and "7373" not in json.dumps(data)
    Stream.objects.filter(ref="S-FJORD-SLAG").update(visibility="facilitator")
    assert client.get(url).status_code == 404
    client.login(username="facilitator@example.no", password=PASSWORD)
    assert client.get(url).status_code == 200
    assert client.get(url + "?basis=MARS").status_code == 422


def test_a_class_read_from_a_hidden_description_or_code_never_shows_through(world, outsider_need):
    """Two streams alike in everything the outsider sees are valued alike for them."""
    common = {"organisation_ref": "ORG-FJORD", "direction": "offer", "category": "material",
              "title": "Residue from production", "quantity": "500", "unit": "t",
              "period": "year", "visibility": "public",
              "sensitive_fields": "description;ewc_code"}  # fmt: skip
    copper, _ = check_save_stream(
        {
            **common,
            "ref": "S-FJORD-R1",
            "ewc_code": "17 04 01",
            "description": "copper cable scrap",
        },
        acting_user=None,
    )
    gypsum, _ = check_save_stream({**common, "ref": "S-FJORD-R2", "ewc_code": "10 01 05",
                                   "description": "FGD gypsum from the flue gas"},
                                  acting_user=None)  # fmt: skip
    outsider = world.role("outsider")

    def seen(stream, viewer):
        data = assess_pair(stream, outsider_need, viewer=viewer).to_dict()
        return {k: data[k] for k in ("annual_net_benefit_nok", "co2e_t_per_yr", "notes",
                                     "material_class", "counterfactual_text")}  # fmt: skip

    assert seen(copper, outsider) == seen(gypsum, outsider)
    owner = world.role("owner")
    assert seen(copper, owner)["material_class"] != seen(gypsum, owner)["material_class"]
