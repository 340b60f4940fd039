"""Issue 11.6: the hazardous flag is derived from the EWC code, so it is hidden with it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from symbiose.matching.access import matches_for_stream
from symbiose.matching.actions import do_recompute_all
from symbiose.registry import access
from symbiose.registry.actions import check_save_stream
from symbiose.registry.exporters import geojson


@pytest.fixture
def lining(world):
    """Fjordmetall's spent pot lining (hazardous 16 11 01*) with the EWC code marked sensitive,
    and a need from Outsider AS that accepts hazardous waste."""
    stream, _ = check_save_stream(
        {"ref": "S-FJORD-SPL", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Spent pot lining", "ewc_code": "16 11 01*",
         "visibility": "public", "sensitive_fields": "ewc_code"},
        acting_user=None,
    )  # fmt: skip
    check_save_stream(
        {"ref": "S-OUT-SPL", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Spent pot lining", "ewc_code": "16 11 01*",
         "accepts_hazardous": "yes", "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    do_recompute_all()
    assert stream.hazardous
    return stream


@pytest.mark.parametrize("role", ["outsider", "other_facilitator", "anonymous"])
def test_the_hazardous_flag_is_hidden_with_the_ewc_code(client, world, lining, role):
    user = world.role(role)
    shown = access.redacted(user, lining)
    assert shown["ewc_code"] is None and shown["hazardous"] is None
    if role != "anonymous":
        client.force_login(user)
    api = client.get("/api/registry/streams/S-FJORD-SPL").json()
    assert api["hazardous"] is None
    point = [s for f in geojson(user)["features"] for s in f["properties"]["streams"]
             if s["ref"] == "S-FJORD-SPL"]  # fmt: skip
    assert point and point[0]["hazardous"] is None


@pytest.mark.parametrize("role", ["owner", "facilitator"])
def test_insiders_still_see_the_hazardous_flag(world, lining, role):
    assert access.redacted(world.role(role), lining)["hazardous"] is True


def test_the_template_export_leaves_the_hidden_flag_empty(world, lining, tmp_path):
    call_command("export", str(tmp_path), "--as-user", world.outsider.email, stdout=io.StringIO())
    lines = (tmp_path / "streams.csv").read_text().splitlines()
    header = lines[0].split(",")
    row = next(line.split(",") for line in lines if line.startswith("S-FJORD-SPL,"))
    assert row[header.index("hazardous")] == "" and row[header.index("ewc_code")] == ""


@translation.override("en")
def test_no_match_reason_says_hazardous_when_the_code_is_hidden(world, lining):
    need = access.get_stream(world.outsider, "S-OUT-SPL")
    [match] = [m for m in matches_for_stream(world.outsider, need)
               if m.offer["ref"] == "S-FJORD-SPL"]  # fmt: skip
    assert not any("azardous" in r["text"] for r in match.reasons)
    [own] = [m for m in matches_for_stream(world.owner, lining) if m.need["ref"] == "S-OUT-SPL"]
    assert any("azardous" in r["text"] for r in own.reasons)
