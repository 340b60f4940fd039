"""A hidden identity leaves no trace: changing the hidden organisation's sector changes nothing
that a self-registered company, a facilitator of another hub or an anonymous visitor sees.

The organisation below hides its identity on both of its streams, whose titles name no
material, so what its sector (NACE code) is known to produce and take is the only thing that
could relate them to slag. Each role reads every page, API answer, export and map layer that
could show those streams or their matches (scores, reasons, sector explanations, filters and
sorts), the organisation's sector is changed (and matching and the search index brought up to
date, as a save would), and the role reads them again: the two transcripts must be identical.
The same sweep with the identity shown must differ, which shows the sweep would catch a leak.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from symbiose.facilitation import reports
from symbiose.facilitation.models import Hub
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_organisation, check_save_stream
from symbiose.registry.models import Stream
from symbiose.search.actions import do_refresh_index

User = get_user_model()
ORG = {"ref": "ORG-SECTOR-9", "name": "Skjult Sektor AS", "org_number": "912345602",
       "municipality": "Sauda", "lat": "59.6491", "lon": "6.3541"}  # fmt: skip
#: Two sectors that relate very differently to manganese slag: a ferroalloy smelter
#: (slag is its typical side stream) and cement (takes slag) against a bakery.
SECTORS = ("24.10", "10.71")
CEMENT = "23.51"
VAGUE_OFFER = {"ref": "S-SECTOR-OFFER", "direction": "offer", "title": "Slagg fra ovnen"}
VAGUE_NEED = {"ref": "S-SECTOR-NEED", "direction": "need", "title": "Tilslag og fyller"}

#: What each role reads (the self-registered company's own streams are added in the fixture).
COMMON = [
    "/search/?q=ovnen",
    "/search/?material=slag",
    "/search/?material=slag&sort=fresh",
    "/search/?municipality=Sauda",
    "/api/search/streams?q=Tilslag",
    "/api/search/streams?material=slag",
    "/api/registry/streams",
    "/api/registry/streams/S-SECTOR-OFFER",
    "/api/registry/streams/S-SECTOR-NEED",
    "/organisations/ORG-SECTOR-9/",
    "/map/layer.json",
    "/impact/S-SECTOR-OFFER/S-FJORD-NEED/",
    "/api/impact/pairs/S-SECTOR-OFFER/S-FJORD-NEED",
    "/impact/S-FJORD-SLAG/S-SECTOR-NEED/",
    "/api/impact/pairs/S-FJORD-SLAG/S-SECTOR-NEED",
]
PAGES = {
    "self_registered": [*COMMON, "/streams/S-NY-NEED/matches/", "/streams/S-NY-OFFER/matches/",
                        "/api/matching/streams/S-NY-NEED/matches",
                        "/api/matching/streams/S-NY-OFFER/matches"],
    "facilitator": [*COMMON, "/hub/testpark/", "/hub/testpark/matches/",
                    "/hub/testpark/matches/?sort=value", "/hub/testpark/matches/?material=slag",
                    "/streams/S-FJORD-SLAG/matches/",
                    "/api/matching/streams/S-FJORD-SLAG/matches",
                    "/api/matching/streams/S-FJORD-NEED/matches",
                    "/search/export.csv?material=slag", "/hub/testpark/report.xlsx"],
    "anonymous": COMMON,
}  # fmt: skip

_VOLATILE = [
    re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(rb'"csrfToken": *"[^"]*"'),
    re.compile(rb'content="[A-Za-z0-9]{64}"'),  # csrf meta tag
    re.compile(rb"nonce=\"[^\"]*\""),
]


def _body(response) -> bytes | list:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):  # a workbook: its cells (the file also holds its write time)
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return [(ws.title, list(ws.iter_rows(values_only=True))) for ws in book.worksheets]
    for pattern in _VOLATILE:
        body = pattern.sub(b"", body)
    return body


def transcript(client, urls: list[str]) -> list[tuple[str, int, bytes]]:
    out = [(url, (r := client.get(url)).status_code, _body(r)) for url in urls]
    user = client.session.get("_auth_user_id")
    if user and "/hub/testpark/" in urls:  # the mapping report's PDF is made from this page
        data = reports.mapping_data(User.objects.get(pk=user), Hub.objects.get(slug="testpark"))
        data["generated"] = None
        out.append(("report.pdf", 200, render_to_string("facilitation/report_mapping.html", data)))
    return out


def set_sector(nace: str) -> None:
    """The organisation changes its sector; matching and search catch up as after a save."""
    check_save_organisation({**ORG, "nace": nace}, acting_user=None)
    do_recompute_all()
    do_refresh_index(Stream.objects.filter(organisation__ref=ORG["ref"]))


def _stream(values: dict, org_ref: str, sensitive: str) -> None:
    check_save_stream({"organisation_ref": org_ref, "category": "material", "quantity": "300",
                       "unit": "t", "period": "year", "visibility": "public",
                       "sensitive_fields": sensitive, **values}, acting_user=None)  # fmt: skip


@pytest.fixture
def sector_world(world):
    def build(sensitive: str):
        check_save_organisation({**ORG, "nace": SECTORS[0]}, acting_user=None)
        for values in (VAGUE_OFFER, VAGUE_NEED):
            _stream(values, ORG["ref"], sensitive)
        own = world.self_registered_org.ref
        _stream({"ref": "S-NY-NEED", "direction": "need", "title": "Manganslagg til sement",
                 "ewc_code": "10 02 02"}, own, "")  # fmt: skip
        _stream({"ref": "S-NY-OFFER", "direction": "offer", "title": "Manganese slag",
                 "ewc_code": "10 02 02"}, own, "")  # fmt: skip
        _stream({"ref": "S-FJORD-NEED", "direction": "need", "title": "Slag for cement",
                 "ewc_code": "10 02 02"}, "ORG-FJORD", "")  # fmt: skip
        do_recompute_all()
        return world

    return build


def _client(client, world, role: str):
    if role != "anonymous":
        client.force_login(world.role(role))
    return client


@pytest.mark.parametrize("role", ["self_registered", "facilitator", "anonymous"])
def test_a_hidden_organisations_sector_leaves_no_trace(client, sector_world, role):
    world = sector_world("identity")
    viewer = _client(client, world, role)
    before = transcript(viewer, PAGES[role])
    assert not any(status >= 500 for _url, status, _b in before)
    for url, _status, body in before:  # the hidden streams are ranked on every match list
        if "/matches" in url and url.startswith("/api/"):
            assert b"S-SECTOR-" in body, url
    set_sector(SECTORS[1])
    after = transcript(viewer, PAGES[role])
    for (url, status, body), (_u, status2, body2) in zip(before, after, strict=True):
        assert (status, body) == (status2, body2), url
    set_sector(CEMENT)
    assert transcript(viewer, PAGES[role]) == before


@pytest.mark.parametrize("role", ["self_registered", "facilitator"])
def test_the_same_sweep_tells_the_sectors_apart_when_the_identity_is_shown(
    client, sector_world, role
):
    """The sectors do change the matches of a named organisation's streams."""
    world = sector_world("")
    viewer = _client(client, world, role)
    matches = [u for u in PAGES[role] if "/matches" in u]
    before = transcript(viewer, matches)
    set_sector(SECTORS[1])
    assert transcript(viewer, matches) != before


def test_an_insider_still_reads_the_organisation_and_its_streams(client, sector_world):
    world = sector_world("identity")
    client.force_login(world.admin)
    body = client.get("/api/registry/streams/S-SECTOR-OFFER").content.decode()
    assert ORG["name"] in body
