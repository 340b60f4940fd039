"""The "what is it worth" page, the simulator and the dashboard sums."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from symbiose.impact.adapter import assess_pair
from symbiose.impact.models import Scenario
from symbiose.impact.summary import by_status, total
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream
from tests.world import PASSWORD, ROLES, SECRET

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "listing"
URL = "/impact/S-FJORD-SLAG/S-OUT-AGG/"


@pytest.fixture
def pair_world(world):
    check_save_stream({
        "ref": "S-OUT-AGG", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Aggregate for road base", "quantity": "900",
        "unit": "t", "visibility": "public",
    }, acting_user=None)  # fmt: skip
    return world


def client_for(world, role: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if role != "anonymous":
        assert client.login(username=f"{role}@example.no", password=PASSWORD)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_pair_page_shows_an_estimate_and_never_a_hidden_value(pair_world, role):
    response = client_for(pair_world, role).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "How was this computed?" in html and "CO2e avoided" in html
    if role in {"outsider", "other_facilitator", "anonymous"}:
        assert all(v not in html for v in SECRET.values()) and "7373" not in html
        assert "The quantity is confidential" in html


def test_pair_page_hides_streams_the_user_may_not_see(pair_world):
    Stream.objects.filter(ref="S-FJORD-SLAG").update(visibility="facilitator")
    assert client_for(pair_world, "outsider").get(URL).status_code == 404
    assert client_for(pair_world, "facilitator").get(URL).status_code == 200
    assert client_for(pair_world, "owner").get("/impact/S-OUT-AGG/S-FJORD-SLAG/").status_code == 404


def test_simulator_recalculates_with_changed_assumptions(pair_world):
    client = client_for(pair_world, "owner")
    base = client.post(URL, {"electricity_basis": "NO"}).content.decode()
    far = client.post(URL, {"electricity_basis": "NO", "distance_km": "900",
                            "transport_mode": "truck"}).content.decode()  # fmt: skip
    assert base != far and "CO2e avoided" in far


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("distance_km", "-3", "Ensure this value is greater than or equal to 0"),
        ("discount_rate_pct", "500", "less than or equal to 100"),
        ("years", "abc", "Enter a whole number"),
        ("electricity_basis", "MARS", "Select a valid choice"),
    ],
)
def test_simulator_reports_bad_input_on_the_field_without_a_500(pair_world, field, value, message):
    response = client_for(pair_world, "owner").post(URL, {"electricity_basis": "NO", field: value})
    assert response.status_code == 422
    assert message in response.content.decode()


def test_insider_saves_a_scenario_with_the_factor_versions_used(pair_world):
    client = client_for(pair_world, "owner")
    response = client.post(URL, {"electricity_basis": "EU", "capex_nok": "1000000",
                                 "name": "EU basis, 1 MNOK", "save": "1"})  # fmt: skip
    assert response.status_code == 302
    scenario = Scenario.objects.get(name="EU basis, 1 MNOK")
    assert scenario.factors_used and scenario.inputs["electricity_basis"] == "EU"
    assert scenario.created_by.email == "owner@example.no"


def test_outsider_cannot_save_scenarios_for_other_companies(pair_world):
    Stream.objects.filter(ref="S-OUT-AGG").update(visibility="public")
    client = client_for(pair_world, "other_facilitator")
    client.post(URL, {"electricity_basis": "NO", "name": "sneaky", "save": "1"})
    assert not Scenario.objects.filter(name="sneaky").exists()


def test_dashboard_sums_keep_statuses_apart(db):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    streams = {s.ref: s for s in Stream.objects.all()}
    slag = assess_pair(streams["EX-S-SLAG"], streams["EX-N-RAW"])
    heat = assess_pair(streams["EX-S-HEAT"], streams["EX-N-HEAT"])
    sums = by_status({"candidate": [slag, heat, None], "implemented": [heat]})
    assert sums["candidate"]["valued"] == 2 and sums["candidate"]["not_valued"] == 1
    assert sums["implemented"]["co2e_t_per_yr"][1] == pytest.approx(
        heat.result.co2e_t_per_yr.central
    )
    assert sums["in_progress"] == total([])
    with pytest.raises(ValueError, match="unknown status: someday"):
        by_status({"someday": [slag]})


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, None, None),
        ({"factor_id": "elec.MARS"}, "factor_id", "unknown factor id elec.MARS"),
        ({"unit": "kgCO2e/banana"}, "unit", "unit"),
    ],
)
def test_admin_accepts_only_regional_factors_the_calculators_can_use(db, changes, field, message):
    from symbiose.impact.admin import RegionalFactorForm

    data = {"factor_id": "elec.NO", "value": "0.02", "unit": "kgCO2e/kWh",
            "source": "Agder county energy account 2025", "year": "2025", "region": "NO-42",
            "version": "agder-2025", "note": ""} | changes  # fmt: skip
    form = RegionalFactorForm(data)
    if field is None:
        assert form.is_valid(), form.errors
    else:
        assert not form.is_valid()
        errors = " ".join(str(e) for e in form.errors.values())
        assert message in errors and errors


def test_every_match_shows_its_worth_without_leaking_hidden_values(
    pair_world, django_capture_on_commit_callbacks
):
    from symbiose.matching.actions import do_recompute_all

    do_recompute_all()
    client = client_for(pair_world, "outsider")
    html = client.get("/streams/S-OUT-AGG/matches/").content.decode()
    assert "Manganese slag" in html
    assert "CO2e avoided" in html and "How was this computed?" in html
    assert "/impact/S-FJORD-SLAG/S-OUT-AGG/" in html
    # the quantity is hidden from the outsider: figures per tonne, never a yearly total
    assert "quantity confidential" in html and "NOK per tonne" in html
    assert "NOK/yr" not in html
    assert all(v not in html for v in SECRET.values()) and "7373" not in html
