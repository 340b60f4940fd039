"""A hidden identity hides the exact site too: a company alone at its place is not named by a
map marker, a distance, a distance filter or a sort by distance.

The organisation below hides its identity (not its location) on a public offer of manganese
slag, which uses the organisation's site, and on a public need with a site of its own. It is
the only company in its municipality, so a point on a map or "0.4 km away" would name it. Each
role that may not know the owner (a self-registered company, a facilitator of another hub, an
anonymous visitor) reads every page, API answer, export, report and map layer that shows
those streams or their matches, with distance filters on both sides of the exact distances
and sorts by distance; the organisation moves both sites to another point of the same
municipality (matching and the search index brought up to date, as a save would), and the
role reads them again: the transcripts must be identical. A hidden site is placed at the
centre of the area its viewer is shown, here none (Sauda holds too few organisations): it
has no distance, so no distance filter keeps it (``test_permission_matrix_hidden_site.py``
has a named municipality). The same sweep with the identity shown must differ, which shows
the sweep would catch the exact site.
"""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from symbiose.matching.actions import do_recompute_all
from symbiose.registry import access
from symbiose.registry.actions import check_save_organisation, check_save_stream
from symbiose.registry.exporters import geojson
from symbiose.registry.models import Stream
from symbiose.search.actions import do_refresh_index
from tests.test_permission_matrix_identity import _client, transcript

ORG = {"ref": "ORG-LONE-7", "name": "Ensom Smelteverk AS", "org_number": "912345602",
       "nace": "24.10", "municipality": "Sauda"}  # fmt: skip
#: Two points in Sauda, about 8 km apart: the first 0.4 km from the viewers' own streams,
#: the second about 7 km.
SITES = ((59.6491, 6.3541), (59.6153, 6.2288))
OWN_SITE = ("59.6520", "6.3580")
OFFER = {"ref": "S-LONE-OFFER", "direction": "offer", "title": "Manganslagg fra ovnen",
         "ewc_code": "10 02 02"}  # fmt: skip
NEED = {"ref": "S-LONE-NEED", "direction": "need", "title": "Silisiummanganslagg til omsmelting",
        "ewc_code": "10 02 02"}  # fmt: skip

NEAR = "lat=59.6520&lon=6.3580"
COMMON = [
    "/map/layer.json",
    "/map/layer.json?direction=offer",
    "/api/registry/streams",
    "/api/registry/streams/S-LONE-OFFER",
    "/api/registry/streams/S-LONE-NEED",
    f"/search/?{NEAR}&km=1",
    f"/search/?{NEAR}&km=5",
    f"/search/?{NEAR}&km=10&sort=distance",
    f"/search/?{NEAR}&km=30&sort=distance",
    "/search/?q=manganslagg&municipality=Sauda",
    f"/api/search/streams?{NEAR}&km=5",
    f"/api/search/streams?{NEAR}&km=30&sort=distance",
    "/impact/S-LONE-OFFER/S-NEAR-NEED/",
    "/api/impact/pairs/S-LONE-OFFER/S-NEAR-NEED",
]
PAGES = {
    "self_registered": [
        *COMMON,
        *(f"/streams/S-NEAR-NEED/matches/?max_km={km}" for km in ("", "1", "5", "10", "20")),
        "/streams/S-NEAR-OFFER/matches/",
        *(f"/api/matching/streams/S-NEAR-NEED/matches?max_km={km}" for km in ("1", "5", "50")),
        "/api/matching/streams/S-NEAR-OFFER/matches",
    ],
    "facilitator": [
        *COMMON,
        "/hub/testpark/",
        "/hub/testpark/matches/",
        "/hub/testpark/matches/?sort=distance",
        *(f"/hub/testpark/matches/?max_km={km}" for km in ("1", "5", "10", "20")),
        "/streams/S-FJORD-NEAR/matches/",
        "/streams/S-FJORD-NEAR/matches/?max_km=5",
        "/api/matching/streams/S-FJORD-NEAR/matches",
        f"/search/export.csv?{NEAR}&km=30&sort=distance",
        "/hub/testpark/report.xlsx",
    ],
    "anonymous": COMMON,
}  # fmt: skip


def _save_stream(values: dict, org_ref: str, sensitive: str) -> None:
    check_save_stream({"organisation_ref": org_ref, "category": "material", "quantity": "300",
                       "unit": "t", "period": "year", "visibility": "public",
                       "sensitive_fields": sensitive, **values}, acting_user=None)  # fmt: skip


def move_to(site: tuple[float, float], sensitive: str, municipality: str = "Sauda") -> None:
    """The organisation (to ``municipality``) and its need's own site move to ``site``;
    matching and search catch up as after a save."""
    lat, lon = (str(v) for v in site)
    values = {**ORG, "lat": lat, "lon": lon, "municipality": municipality}
    check_save_organisation(values, acting_user=None)
    _save_stream(OFFER, ORG["ref"], sensitive)
    _save_stream({**NEED, "lat": lat, "lon": lon}, ORG["ref"], sensitive)
    do_recompute_all()
    do_refresh_index(Stream.objects.filter(organisation__ref=ORG["ref"]))


def build_site_world(world, sensitive: str):
    """The lone organisation at its first site, and the viewers' streams 0.4 km away."""
    move_to(SITES[0], sensitive)
    own = world.self_registered_org.ref
    near = {"lat": OWN_SITE[0], "lon": OWN_SITE[1], "ewc_code": "10 02 02"}
    _save_stream({**near, "ref": "S-NEAR-NEED", "direction": "need",
                  "title": "Manganslagg til sement"}, own, "")  # fmt: skip
    _save_stream({**near, "ref": "S-NEAR-OFFER", "direction": "offer",
                  "title": "Silisiummanganslagg"}, own, "")  # fmt: skip
    _save_stream({**near, "ref": "S-FJORD-NEAR", "direction": "need",
                  "title": "Slagg til sement"}, "ORG-FJORD", "")  # fmt: skip
    do_recompute_all()
    return world


@pytest.fixture
def site_world(world):
    return lambda sensitive: build_site_world(world, sensitive)


@pytest.mark.parametrize("role", ["self_registered", "facilitator", "anonymous"])
def test_a_hidden_owners_site_is_known_only_to_its_area(client, site_world, role):
    world = site_world("identity")
    viewer = _client(client, world, role)
    before = transcript(viewer, PAGES[role])
    assert not any(status >= 500 for _url, status, _b in before)
    for url, _status, body in before:  # on every match list, at no known distance
        if "/matches" in url and url.startswith("/api/"):
            assert (b"S-LONE-" in body) == ("max_km" not in url), url
    move_to(SITES[1], "identity")
    after = transcript(viewer, PAGES[role])
    for (url, status, body), (_u, status2, body2) in zip(before, after, strict=True):
        assert (status, body) == (status2, body2), url


@pytest.mark.parametrize("role", ["self_registered", "facilitator"])
def test_the_same_sweep_finds_the_site_when_the_identity_is_shown(client, site_world, role):
    world = site_world("")
    viewer = _client(client, world, role)
    before = transcript(viewer, PAGES[role])
    move_to(SITES[1], "")
    assert transcript(viewer, PAGES[role]) != before


@pytest.mark.parametrize("role", ["self_registered", "facilitator", "anonymous"])
def test_a_lone_hidden_owner_is_named_by_no_area_and_drawn_on_no_map(client, site_world, role):
    world = site_world("identity")
    viewer = world.role(role)
    stream = Stream.objects.get(ref="S-LONE-OFFER")
    with translation.override("en"):
        row = access.redacted(viewer, stream)
    # Sauda and Rogaland hold too few organisations (test_permission_matrix_area)
    assert row["organisation_name"] == "an organisation"
    assert row["municipality"] is None
    assert (row["lat"], row["lon"]) == (None, None)
    assert row["hidden_fields"] == ["identity", "location"]
    layer = _client(client, world, role).get("/map/layer.json").json()
    refs = {f["properties"]["ref"] for f in layer["features"]}
    assert "S-FJORD-HEAT" in refs and not refs & {"S-LONE-OFFER", "S-LONE-NEED"}
    assert "S-LONE" not in json.dumps(geojson(viewer))


def test_a_hidden_owner_named_by_no_area_is_at_no_distance(site_world):
    world = site_world("identity")
    near = Stream.objects.get(ref="S-NEAR-NEED")
    lone = Stream.objects.get(ref="S-LONE-OFFER")
    km, rounded = access.visible_distance_km(world.self_registered, lone, near)
    assert (km, rounded) == (None, True)  # exactly 0.4 km, but no area is shown
    assert access.visible_distance_km(world.admin, lone, near)[0] < 1


def test_an_insider_and_a_disclosed_identity_see_the_exact_site(site_world):
    from symbiose.registry.actions import do_disclose

    world = site_world("identity")
    lone = Stream.objects.get(ref="S-LONE-OFFER")
    assert access.redacted(world.admin, lone)["lat"] == SITES[0][0]
    do_disclose(lone, world.self_registered_org, ["identity"], acting_user=None)
    row = access.redacted(world.self_registered, lone)
    assert row["organisation_name"] == ORG["name"] and row["lat"] == SITES[0][0]
