"""The facilitation API: hubs, opportunities (separate in and out schemas)."""

from __future__ import annotations

import json

import pytest


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_facilitator_lists_hubs_and_creates_an_opportunity_over_the_api(client, hubworld):
    client.force_login(hubworld.facilitator)
    hubs = client.get("/api/facilitation/hubs").json()
    assert [h["slug"] for h in hubs] == ["testpark"]
    assert "ORG-VARME" in hubs[0]["member_refs"]
    response = post(client, "/api/facilitation/hubs/testpark/opportunities",
                    {"title": "Heat", "kind": "utility",
                     "stream_refs": ["S-FJORD-HEAT", "S-VARME-HEAT"]})  # fmt: skip
    assert response.status_code == 201
    body = response.json()
    assert body["phase"] == 1 and body["stream_refs"] == ["S-FJORD-HEAT", "S-VARME-HEAT"]
    assert "notes" not in body


@pytest.mark.parametrize(
    "body",
    [
        {"title": ""},
        {"title": "x", "kind": "teleport"},
        {"title": "x", "due_date": "31.12.2026"},
        {"title": "x" * 201},
        {"title": "x", "stream_refs": ["S-NOWHERE"]},
    ],
)
def test_bad_opportunity_input_is_a_422_not_a_500(client, hubworld, body):
    client.force_login(hubworld.facilitator)
    response = post(client, "/api/facilitation/hubs/testpark/opportunities", body)
    assert response.status_code == 422


def test_a_system_facilitator_cannot_create_opportunities_over_the_api(client, hubworld):
    client.force_login(hubworld.system_facilitator)
    response = post(client, "/api/facilitation/hubs/testpark/opportunities", {"title": "x"})
    assert response.status_code == 403


def test_another_hub_is_a_404_over_the_api(client, hubworld):
    client.force_login(hubworld.other_facilitator)
    response = post(client, "/api/facilitation/hubs/testpark/opportunities", {"title": "x"})
    assert response.status_code == 404
