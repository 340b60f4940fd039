"""A hidden identity names the owner's area only where the area holds enough organisations.

"An organisation in Sauda" names a company that is Sauda's only registered one, and so does a
municipality filter that returns one row. The lone company of ``test_permission_matrix_site``
hides its identity (not its location); it moves from Sauda to Suldal, both in Rogaland, and
from one point of its grid cell to another. While neither municipality holds
``K_ORGANISATIONS`` counted organisations, a self-registered company, a facilitator of
another hub and an anonymous visitor read the same bytes before and after on every page, API
answer, export and map layer of the site sweep, plus municipality and county filters on both
municipalities: the area they are told is the county when it holds enough, else none. Once
Sauda holds enough, the municipality is shown, and the same sweep tells the move apart.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.registry import access
from symbiose.registry.actions import check_save_organisation, do_verify_organisation
from symbiose.registry.area import COUNTY, K_ORGANISATIONS, MUNICIPALITY, NOWHERE
from symbiose.registry.models import Organisation, Stream
from tests.test_permission_matrix_identity import _client, transcript
from tests.test_permission_matrix_site import ORG, PAGES, SITES, build_site_world, move_to

TITLE = b"Manganslagg fra ovnen"
PLACES = [
    "/search/?q=manganslagg",
    "/search/?q=manganslagg&municipality=Suldal",
    "/search/?municipality=Sauda",
    "/search/?municipality=Suldal",
    "/search/?county=11",
    "/search/?q=sauda",
    "/search/?q=suldal",
    "/search/?q=rogaland",
    "/api/search/streams?municipality=Sauda",
    "/api/search/streams?municipality=Suldal",
    "/api/search/streams?county=11",
    "/search/export.csv?municipality=Sauda",
]


@pytest.fixture
def site_world(world):
    return lambda sensitive: build_site_world(world, sensitive)


def _others(municipality: str, n: int, *, start: int = 0) -> None:
    """``n`` organisations in ``municipality`` that count (entered by a facilitator)."""
    for i in range(start, start + n):
        check_save_organisation(
            {"ref": f"ORG-AREA-{municipality}-{i}", "name": f"Nabo {municipality} {i} AS",
             "municipality": municipality}, acting_user=None, data_source="facilitator",
        )  # fmt: skip


def _level() -> int:
    return Organisation.objects.get(ref=ORG["ref"]).area_level


def _sweep(client, world, role: str, municipality: str, site: tuple[float, float]):
    move_to(site, "identity", municipality=municipality)
    return transcript(_client(client, world, role), [*PAGES[role], *PLACES])


@pytest.mark.parametrize("county_holds", [False, True])
@pytest.mark.parametrize("role", ["self_registered", "facilitator", "anonymous"])
def test_a_lone_owner_is_the_same_in_either_municipality_of_its_county(
    client, site_world, role, county_holds
):
    world = site_world("identity")
    if county_holds:
        _others("Stavanger", K_ORGANISATIONS)
    before = _sweep(client, world, role, "Sauda", SITES[0])
    assert _level() == (COUNTY if county_holds else NOWHERE)
    assert not any(status >= 500 for _url, status, _b in before)
    after = _sweep(client, world, role, "Suldal", SITES[1])
    for (url, status, body), (_u, status2, body2) in zip(before, after, strict=True):
        assert (status, body) == (status2, body2), url
    with translation.override("en"):
        row = access.redacted(world.role(role), Stream.objects.get(ref="S-LONE-OFFER"))
    named = "an organisation in Rogaland" if county_holds else "an organisation"
    assert (row["organisation_name"], row["municipality"]) == (named, None)


@pytest.mark.parametrize("role", ["self_registered", "facilitator", "anonymous"])
def test_a_municipality_with_enough_organisations_is_shown(client, site_world, role):
    world = site_world("identity")
    _others("Sauda", K_ORGANISATIONS - 1)
    before = _sweep(client, world, role, "Sauda", SITES[0])
    assert _level() == NOWHERE  # the lone company is self-declared and not verified
    assert do_verify_organisation(Organisation.objects.get(ref=ORG["ref"]), acting_user=None)
    assert _level() == MUNICIPALITY
    shown = _sweep(client, world, role, "Sauda", SITES[0])
    assert shown != before
    with translation.override("en"):
        row = access.redacted(world.role(role), Stream.objects.get(ref="S-LONE-OFFER"))
    assert (row["organisation_name"], row["municipality"]) == ("an organisation in Sauda", "Sauda")
    hits = {url: body for url, _status, body in shown}
    assert b"Sauda" in hits["/api/registry/streams/S-LONE-OFFER"]
    if role == "anonymous":
        return  # search is for signed-in users
    assert TITLE in hits["/search/?municipality=Sauda"]
    # one organisation leaves: Sauda falls below K, and every view falls back at once
    Organisation.objects.get(ref="ORG-AREA-Sauda-0").delete()
    assert _level() == NOWHERE
    hits = {url: body for url, _s, body in transcript(_client(client, world, role), PLACES)}
    assert TITLE not in hits["/search/?municipality=Sauda"]
    assert TITLE in hits["/search/?q=manganslagg"] and b"Sauda" not in hits["/search/?county=11"]


def test_self_declared_organisations_do_not_count(site_world):
    site_world("identity")
    for i in range(K_ORGANISATIONS):
        check_save_organisation(
            {"ref": f"ORG-SYBIL-{i}", "name": f"Sybil {i} AS", "municipality": "Sauda"},
            acting_user=None,
        )  # fmt: skip
    assert _level() == NOWHERE
    _others("Sauda", K_ORGANISATIONS, start=10)
    assert _level() == MUNICIPALITY
