"""Confidentiality as a permission matrix: every role against every sensitive field and path.

Paths covered here: the access layer (`visible_streams`, `redacted`, `visible_organisations`),
the template export (``symbiose export --as-user``) and the GeoJSON map layer, for the sensitive
values of ``world.secret_stream`` and for the identity of the organisation in
``hidden_world``. Web pages, the API and match reasons add their own rows in their tests.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from symbiose.registry import access
from symbiose.registry.actions import check_save_organisation, do_disclose
from symbiose.registry.area import K_ORGANISATIONS
from symbiose.registry.exporters import geojson
from tests.world import HIDDEN, HIDDEN_INSIDERS, INSIDERS, ROLES, SECRET

SECRET_LOCATION = "58.0771"  # the slag stream's own site


def leaks(text: str) -> set[str]:
    """Which secret values appear in ``text``."""
    found = {name for name, value in SECRET.items() if value in text}
    if SECRET_LOCATION in text:
        found.add("location")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_which_streams(world, role):
    refs = set(access.visible_streams(world.role(role)).values_list("ref", flat=True))
    expected = {"S-FJORD-SLAG", "S-FJORD-HEAT"}
    if role in INSIDERS:
        expected.add("S-FJORD-DUST")
    assert refs == expected


@pytest.mark.parametrize("role", ROLES)
def test_facilitator_only_stream_looks_missing_to_others(world, role):
    if role in INSIDERS:
        assert access.get_stream(world.role(role), "S-FJORD-DUST").title
    else:
        with pytest.raises(access.NotFound):
            access.get_stream(world.role(role), "S-FJORD-DUST")


@pytest.mark.parametrize("role", ROLES)
def test_sensitive_values_appear_only_for_insiders_in_the_access_layer(world, role):
    shown = access.redacted(world.role(role), world.secret_stream)
    text = json.dumps(shown, default=str)
    if role in INSIDERS:
        assert leaks(text) == {"quantity", "description", "price", "composition", "location"}
        assert shown["hidden_fields"] == []
    else:
        assert leaks(text) == set()
        assert set(shown["hidden_fields"]) == {
            "quantity",
            "description",
            "price",
            "composition",
            "location",
        }
        assert shown["title"] == "Manganese slag"  # what is not sensitive stays visible


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_template_export_never_leaks_to_outsiders(world, role, tmp_path):
    user = world.role(role)
    call_command("export", str(tmp_path), "--as-user", user.email, stdout=io.StringIO())
    text = "".join(p.read_text() for p in tmp_path.iterdir())
    if role in INSIDERS:
        assert {"quantity", "description", "price", "composition"} <= leaks(text)
    else:
        assert leaks(text) == set()
        assert "Manganese slag" in text


@pytest.mark.parametrize("role", ROLES)
def test_map_layer_never_leaks_and_leaves_out_hidden_locations(world, role):
    data = geojson(world.role(role))
    text = json.dumps(data)
    refs = {s["ref"] for f in data["features"] for s in f["properties"]["streams"]}
    assert "S-FJORD-DUST" not in refs  # not public: never on the public map layer
    assert "S-FJORD-HEAT" in refs
    if role in INSIDERS:
        assert "S-FJORD-SLAG" in refs
    else:
        assert "S-FJORD-SLAG" not in refs  # its location is sensitive
        assert leaks(text) == set()


def test_disclosure_reveals_exactly_the_granted_fields_to_that_organisation(world):
    do_disclose(
        world.secret_stream, world.outsider_org, ["quantity", "price"], acting_user=world.owner
    )
    outsider_view = access.redacted(access.viewer_for(world.outsider), world.secret_stream)
    assert leaks(json.dumps(outsider_view, default=str)) == {"quantity", "price"}
    other = access.redacted(world.other_facilitator, world.secret_stream)
    assert leaks(json.dumps(other, default=str)) == set()


def test_other_hubs_facilitator_does_not_see_facilitator_only_streams(world):
    assert not access.can_see_stream(world.other_facilitator, world.hidden_stream)
    assert access.can_see_stream(world.facilitator, world.hidden_stream)
    assert not access.can_edit_stream(world.other_facilitator, world.public_stream)
    assert access.can_edit_stream(world.facilitator, world.public_stream)
    assert not access.can_edit_stream(world.outsider, world.public_stream)


# --- Identity: an organisation whose streams all hide who owns them ---------------------------

HIDDEN_ROLES = (*ROLES, "hidden_owner")


def identity_leaks(text: str) -> set[str]:
    """Which of the hidden organisation's name, ref and number appear in ``text``."""
    return {k for k, v in HIDDEN.items() if v in text}


@pytest.mark.parametrize("role", HIDDEN_ROLES)
def test_hidden_identity_reaches_only_insiders_in_the_access_layer(hidden_world, role):
    viewer = hidden_world.role(role)
    shown = [access.redacted(viewer, s) for s in access.visible_streams(viewer)]
    text = json.dumps(shown, default=str)
    orgs = set(access.visible_organisations(viewer).values_list("ref", flat=True))
    if role in HIDDEN_INSIDERS:
        assert identity_leaks(text) >= {"name", "ref"}
        assert HIDDEN["ref"] in orgs
    else:
        assert identity_leaks(text) == set()
        assert HIDDEN["ref"] not in orgs
        with pytest.raises(access.NotFound):
            access.get_organisation(viewer, HIDDEN["ref"])


@pytest.mark.parametrize("role", ["outsider", "owner", "anonymous"])
@translation.override("en")
def test_an_identity_hidden_stream_is_named_by_its_municipality_or_not_at_all(hidden_world, role):
    viewer = hidden_world.role(role)
    offer = access.redacted(viewer, hidden_world.hidden_offer)
    assert offer["organisation_ref"] is None
    # Sauda and Rogaland hold too few organisations to name (registry.area)
    assert offer["organisation_name"] == "an organisation" and offer["municipality"] is None
    for i in range(K_ORGANISATIONS):
        check_save_organisation({"ref": f"ORG-SAUDA-{i}", "name": f"Sauda {i} AS",
                                 "municipality": "Sauda"}, acting_user=None,
                                data_source="facilitator")  # fmt: skip
    hidden_world.hidden_offer.organisation.refresh_from_db()
    offer = access.redacted(viewer, hidden_world.hidden_offer)
    assert offer["organisation_name"] == "an organisation in Sauda"
    assert offer["municipality"] == "Sauda" and "identity" in offer["hidden_fields"]
    if role != "anonymous":  # the need is for members only
        need = access.redacted(viewer, hidden_world.hidden_need)
        assert need["organisation_name"] == "an organisation"
        assert need["municipality"] is None and need["lat"] is None


@pytest.mark.parametrize("role", [r for r in HIDDEN_ROLES if r != "anonymous"])
def test_template_export_never_names_the_hidden_organisation(hidden_world, role, tmp_path):
    user = hidden_world.role(role)
    call_command("export", str(tmp_path), "--as-user", user.email, stdout=io.StringIO())
    text = "".join(p.read_text() for p in tmp_path.iterdir())
    assert "Manganese slag from ferroalloy furnaces" in text
    if role in HIDDEN_INSIDERS:
        assert identity_leaks(text) == {"name", "ref", "org_number"}
    else:
        assert identity_leaks(text) == set()


@pytest.mark.parametrize("role", HIDDEN_ROLES)
@translation.override("en")
def test_geojson_leaves_a_hidden_owners_stream_off_the_map_for_outsiders(hidden_world, role):
    """A point would name a company alone at its site, so a hidden identity hides it too."""
    data = geojson(hidden_world.role(role))
    by_stream = {
        s["ref"]: f["properties"] for f in data["features"] for s in f["properties"]["streams"]
    }
    assert "S-FJORD-HEAT" in by_stream and "S-QZ-NEED" not in by_stream  # public only
    if role in HIDDEN_INSIDERS:
        assert by_stream["S-QZ-OFFER"]["name"] == HIDDEN["name"]
    else:
        assert "S-QZ-OFFER" not in by_stream
        assert identity_leaks(json.dumps(data)) == set()


def test_disclosing_identity_names_the_owner_to_that_organisation_only(hidden_world):
    w = hidden_world
    do_disclose(w.hidden_offer, w.outsider_org, ["identity"], acting_user=w.hidden_owner)
    assert access.redacted(w.outsider, w.hidden_offer)["organisation_name"] == HIDDEN["name"]
    assert access.redacted(w.outsider, w.hidden_need)["organisation_ref"] is None
    assert access.get_organisation(w.outsider, HIDDEN["ref"]) == w.hidden_org
    assert [s.ref for s in access.named_streams(w.outsider, w.hidden_org)] == ["S-QZ-OFFER"]
    assert (
        identity_leaks(json.dumps(access.redacted(w.owner, w.hidden_offer), default=str)) == set()
    )
