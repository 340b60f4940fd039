"""Filters and sorts must not let anyone infer a hidden value.

Each attack runs a sweep of searches as a viewer from whom the value is hidden, records the
answers (a transcript), changes the hidden value, and runs the sweep again: the transcripts
must be identical. The same sweep as an insider must differ, which shows the sweep would
have caught a leak.
"""

from __future__ import annotations

import pytest

from symbiose.registry.actions import check_save_organisation
from symbiose.registry.area import K_ORGANISATIONS
from symbiose.registry.models import Stream
from symbiose.search.access import search_streams
from symbiose.search.actions import do_refresh_index
from symbiose.search.filters import parse

SLAG = "S-FJORD-SLAG"  # quantity, description, price, composition and location hidden


def refs(user, **params) -> list[str]:
    filters, errors = parse({k: str(v) for k, v in params.items()})
    assert errors == []
    return [h.row["ref"] for h in search_streams(user, filters)]


def transcript(user, queries: list[dict]) -> list[tuple]:
    out = []
    for q in queries:
        filters, _ = parse({k: str(v) for k, v in q.items()})
        out.append(tuple((h.row["ref"], h.distance_km) for h in search_streams(user, filters)))
    return out


def set_slag(**values) -> None:
    """Change the slag's values in place, and rebuild its stored search columns as a save
    would (so the sweep reads the changed hidden value through them)."""
    Stream.objects.filter(ref=SLAG).update(**values)
    do_refresh_index(Stream.objects.filter(ref=SLAG))


QUANTITY_SWEEP = [{"qmin": lo, "qmax": lo + 500, "unit": "t/yr"} for lo in range(6000, 9000, 250)]
QUANTITY_SWEEP += [{"qmin": 7373, "unit": "t/yr"}, {"qmax": 7374, "unit": "t/yr"},
                   {"sort": "quantity"}]  # fmt: skip


@pytest.mark.parametrize("role", ["outsider", "self_registered", "other_facilitator"])
def test_a_hidden_quantity_never_matches_a_quantity_range_or_moves_in_a_sort(world, role):
    viewer = world.role(role)
    assert SLAG not in refs(viewer, qmin=7000, qmax=8000, unit="t/yr")
    before = transcript(viewer, QUANTITY_SWEEP)
    set_slag(quantity=12.5, annual_quantity=12.5)
    assert transcript(viewer, QUANTITY_SWEEP) == before


def test_an_insider_does_find_the_quantity_so_the_sweep_would_catch_a_leak(world):
    assert SLAG in refs(world.owner, qmin=7000, qmax=8000, unit="t/yr")
    before = transcript(world.facilitator, QUANTITY_SWEEP)
    set_slag(quantity=12.5, annual_quantity=12.5)
    assert transcript(world.facilitator, QUANTITY_SWEEP) != before


def test_a_visible_quantity_is_found_by_its_range_in_its_unit(world):
    # the public heat stream: 40 GWh a year = 40 000 MWh/yr
    assert refs(world.outsider, qmin=39000, qmax=41000, unit="MWh/yr") == ["S-FJORD-HEAT"]
    assert refs(world.outsider, qmin=39000, qmax=41000, unit="t/yr") == []


#: Centres and radii around the hidden site (58.0771, 7.8123; its cell centre 58.05, 7.9).
LOCATION_SWEEP = [
    {"lat": 58.0 + 0.02 * i, "lon": 7.7 + 0.04 * j, "km": km}
    for i in range(6) for j in range(6) for km in (3, 6, 10, 15)
]  # fmt: skip


@pytest.mark.parametrize("role", ["outsider", "self_registered", "other_facilitator"])
def test_a_hidden_site_answers_radius_searches_only_through_its_cell(world, role):
    """Two hidden sites in the same ~11 km cell give identical answers and distances."""
    viewer = world.role(role)
    before = transcript(viewer, LOCATION_SWEEP + [{"lat": 58.2, "lon": 8.0, "sort": "distance"}])
    set_slag(lat=58.0123, lon=7.9876)  # same cell (58.0–58.1, 7.8–8.0), about 10 km away
    after = transcript(viewer, LOCATION_SWEEP + [{"lat": 58.2, "lon": 8.0, "sort": "distance"}])
    assert after == before
    assert any(SLAG in [r for r, _d in answer] for answer in before)  # it is searchable


def test_an_insider_sees_the_exact_site_so_the_location_sweep_would_catch_a_leak(world):
    before = transcript(world.owner, LOCATION_SWEEP)
    set_slag(lat=58.0123, lon=7.9876)
    assert transcript(world.owner, LOCATION_SWEEP) != before


def test_a_distance_to_a_hidden_site_is_rounded_to_ten_km(world):
    filters, _ = parse({"lat": "58.0771", "lon": "7.8123", "km": "50"})
    hit = next(h for h in search_streams(world.outsider, filters) if h.row["ref"] == SLAG)
    assert hit.distance_coarse and hit.distance_km % 10 == 0 and hit.distance_km >= 10


def test_a_hidden_composition_hides_the_raw_materials_from_the_filter(world):
    set_slag(crm=["manganese"])
    assert SLAG in refs(world.owner, crm="manganese")
    for role in ("outsider", "self_registered", "other_facilitator"):
        assert refs(world.role(role), crm="manganese") == [], role
    assert refs(world.outsider, q="Mn 31.7") == []  # nor do words reach the hidden text


def test_a_hidden_ewc_code_matches_no_code_filter(world):
    Stream.objects.filter(ref=SLAG).update(sensitive_fields=["ewc_code"])
    assert refs(world.outsider, ewc="10") == [] and refs(world.outsider, ewc="100202") == []
    assert refs(world.owner, ewc="1002") == [SLAG]


def test_a_hidden_identity_is_not_found_by_name_sector_or_place(hidden_world):
    w = hidden_world
    for role in ("outsider", "self_registered", "facilitator"):
        viewer = w.role(role)
        assert refs(viewer, q="Kvartsverk") == [], role
        # S-QZ-NEED hides identity and location: no municipality, no county
        assert "S-QZ-NEED" not in refs(viewer, municipality="Sauda"), role
        assert "S-QZ-NEED" not in refs(viewer, county="11"), role
    # S-QZ-OFFER hides only its identity: its municipality is named only once Sauda holds
    # K counted organisations (registry/area.py), so a one-row filter cannot point to it
    assert "S-QZ-OFFER" not in refs(w.outsider, municipality="Sauda")
    for i in range(K_ORGANISATIONS):
        check_save_organisation(
            {"ref": f"ORG-SAUDA-{i}", "name": f"Nabo Sauda {i} AS", "municipality": "Sauda"},
            acting_user=None, data_source="facilitator",
        )  # fmt: skip
    assert "S-QZ-OFFER" in refs(w.outsider, municipality="Sauda")  # now its place is shown
    assert refs(w.hidden_owner, q="Kvartsverk") == ["S-QZ-NEED", "S-QZ-OFFER"]


def _analyse(stream, *rows, hidden: bool) -> None:
    from symbiose.resources.actions import do_set_composition

    marked = [f for f in stream.sensitive_fields if f != "analysis"] + (
        ["analysis"] if hidden else []
    )
    Stream.objects.filter(pk=stream.pk).update(sensitive_fields=marked)
    stream.refresh_from_db()
    do_set_composition(stream, [{"substance": s, "content": c, "unit": u, "method": ""}
                                for s, c, u in rows],
                       acting_user=None)  # fmt: skip


def test_a_hidden_analysis_matches_no_element_or_raw_material_filter(world):
    _analyse(world.secret_stream, ("Ga", 85, "ppm"), ("ZnO", 12, "%"), hidden=True)
    assert refs(world.owner, element="Ga") == [SLAG] == refs(world.owner, crm="gallium")
    for role in ("outsider", "self_registered", "other_facilitator"):
        viewer = world.role(role)
        assert refs(viewer, element="Ga") == refs(viewer, element="Zn") == [], role
        assert refs(viewer, crm="gallium") == [], role
    _analyse(world.secret_stream, ("Ga", 85, "ppm"), ("ZnO", 12, "%"), hidden=False)
    assert refs(world.outsider, element="zn") == [SLAG]  # through the oxide's formula
    assert refs(world.outsider, crm="gallium") == [SLAG]  # through a visible row


def test_the_page_and_export_show_composition_rows_only_to_who_may_see_them(client, world):
    _analyse(world.secret_stream, ("Ga", 85.5, "ppm"), hidden=True)
    client.force_login(world.other_facilitator)
    assert "Ga 85" not in client.get("/search/?q=manganese").content.decode()
    assert "Ga 85" not in client.get("/search/export.csv?q=manganese").content.decode()
    client.force_login(world.facilitator)
    assert "Ga 85,5 ppm" in client.get("/search/?q=manganese").content.decode()
    assert "Ga 85.5 ppm" in client.get("/search/export.csv?q=manganese").content.decode()
