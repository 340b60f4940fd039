"""Bad input through every door is a located 4xx, never a 500 (issue 11, point 9)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from symbiose.contact.forms import ContactForm, MessageForm
from symbiose.facilitation.actions import check_import_bank
from symbiose.facilitation.bankformat import BankFormatError
from symbiose.impact.forms import ScenarioForm
from symbiose.registry.actions import ValidationFailed, check_save_stream

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "query, name",
    [("offset=9223372036854775808", "offset"), ("offset=-1", "offset"), ("limit=0", "limit"),
     ("limit=99999999999999999999", "limit"), ("q=" + "x" * 201, "q")],
)  # fmt: skip
def test_registry_api_bounds_are_422_naming_the_parameter(client, world, query, name):
    r = client.get(f"/api/registry/streams?{query}")
    assert r.status_code == 422
    assert name in json.dumps(r.json())


def test_registry_api_still_pages_within_bounds(client, world):
    assert client.get("/api/registry/streams?offset=1000000000&limit=5").json() == []


@pytest.mark.parametrize("max_km", ["inf", "nan", "-1", "1e308"])
def test_match_api_refuses_a_distance_out_of_bounds(client, world, max_km):
    client.force_login(world.owner)
    ref = world.public_stream.ref
    r = client.get(f"/api/matching/streams/{ref}/matches?max_km={max_km}")
    assert r.status_code == 422 and "max_km" in json.dumps(r.json())


@pytest.mark.parametrize("path", ["/organisations/find/?q=a%00b", "/map/layer.json?category=%00",
                                  "/api/registry/streams?q=%00"])  # fmt: skip
def test_a_nul_in_any_parameter_is_a_400_naming_it(client, world, path):
    client.force_login(world.owner)
    r = client.get(path, **EN)
    assert r.status_code == 400
    assert "contains a NUL character" in r.content.decode()


def test_a_quantity_that_would_be_infinite_is_refused_by_the_actions(world):
    row = {"ref": "S-BIG", "organisation_ref": world.org.ref, "direction": "offer",
           "category": "heat", "title": "Heat", "quantity": "1e308", "unit": "MW",
           "period": "hour"}  # fmt: skip
    with pytest.raises(ValidationFailed, match="quantity: must be at most 1000000000000"):
        check_save_stream(row, acting_user=world.owner)


def test_the_largest_quantities_keep_the_map_and_api_valid_json(client, world):
    check_save_stream(
        {"ref": "S-BIG", "organisation_ref": world.org.ref, "direction": "offer",
         "category": "heat", "title": "Heat", "quantity": "1e12", "unit": "MW",
         "period": "hour", "visibility": "public", "lat": "60", "lon": "10"},
        acting_user=world.owner,
    )  # fmt: skip

    def refuse(constant):
        raise AssertionError(f"invalid JSON constant {constant}")

    for url in ("/api/registry/streams", "/map/layer.json"):
        body = json.loads(client.get(url).content, parse_constant=refuse)
        assert body


@pytest.mark.parametrize("form_class, field", [(MessageForm, "body"), (ContactForm, "note")])
def test_form_text_refuses_control_characters_at_the_field(form_class, field):
    form = form_class(data={field: "Hei\u202e der"})
    assert not form.is_valid()
    assert "invisible control character (U+202E) at position 4" in str(form.errors[field])


def test_a_message_without_its_own_limit_gets_one():
    form = ContactForm(data={"note": "x" * 20_000})
    assert not form.is_valid()
    assert "at most 5000 characters" in str(form.errors["note"])


def test_password_fields_are_not_checked_for_control_characters():
    from symbiose.web.forms import SignUpForm

    form = SignUpForm()
    password = form.fields.get("password")
    assert password is None or not any(
        getattr(v, "__name__", "") == "validate_text" for v in password.validators
    )


def test_the_impact_simulator_bounds_its_inputs():
    form = ScenarioForm(data={"electricity_basis": "NO", "distance_km": "1e308",
                              "capex_nok": "1e300"})  # fmt: skip
    assert not form.is_valid()
    assert set(form.errors) == {"distance_km", "capex_nok"}


@pytest.mark.parametrize(
    "category, offer_unit, need_unit",
    [("material", "m3", "t"), ("material", "kg", "m3"), ("water", "m3", "l"),
     ("gas", "Nm3", "t"), ("heat", "MW", "MWh")],
)  # fmt: skip
def test_an_impact_page_for_an_odd_stored_pair_is_never_a_500(
    world, category, offer_unit, need_unit
):
    """Stored values the calculators refuse used to be a 500 (``form.add_error`` on an
    unbound form); now the pair is valued or the page says why (422)."""
    for ref, org, direction, unit in (("S-O", world.org, "offer", offer_unit),
                                      ("S-N", world.outsider_org, "need", need_unit)):  # fmt: skip
        check_save_stream(
            {"ref": ref, "organisation_ref": org.ref, "direction": direction,
             "category": category, "title": "Stream", "quantity": "5", "unit": unit,
             "visibility": "public"},
            acting_user=None,
        )  # fmt: skip
    client = Client()
    client.raise_request_exception = False
    r = client.get("/impact/S-O/S-N/", **EN)
    assert r.status_code in (200, 422)
    assert (r.status_code == 422) == ("This pair cannot be valued:" in r.content.decode())


def test_the_opportunity_api_refuses_control_characters(client, world):
    client.force_login(world.facilitator)
    body = json.dumps({"title": "Heat\x00 share", "kind": "utility"})
    r = client.post("/api/facilitation/hubs/testpark/opportunities", body,
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 422 and "U+0000" in r.content.decode()


def test_the_bank_import_refuses_control_characters(world):
    entry = {"ref": "B-1", "title": "Slag\u202e", "kind": "by-product", "reason": "No buyer"}
    doc = {"format": "symbiose-bank-of-opportunities", "version": 1, "entries": [entry]}
    data = json.dumps(doc).encode()
    with pytest.raises(BankFormatError, match="U\\+202E"):
        check_import_bank(world.hub, data, source="test", acting_user=world.facilitator)
