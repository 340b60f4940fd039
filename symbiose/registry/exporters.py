"""Export of the registry as the listing template and as GeoJSON.

What is exported depends on who asks: an operator (``viewer=None`` means the platform itself)
gets everything; anyone else gets only what :mod:`symbiose.registry.access` lets them see, with
hidden values left empty. A stream whose owner's identity is hidden has an empty
``organisation_ref``, and its organisation is not in ``organisations.csv`` unless another stream
names it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import tablib

from symbiose.registry import access
from symbiose.registry import template as tpl
from symbiose.registry.models import Organisation, Stream
from symbiose.spreadsheet import safe_dict, safe_row


class _Row:
    """Attribute access over a redacted dict, so template formatting serves both paths."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.__dict__.update(data)


def template_rows(viewer: Any | None = None) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Organisation and stream rows of the template, as ``viewer`` may see them."""
    if viewer is None:
        orgs = list(Organisation.objects.order_by("ref"))
        streams = [
            (s, s.organisation.ref)
            for s in Stream.objects.active().select_related("organisation").order_by("ref")
        ]
        return (
            [tpl.organisation_row(o) for o in orgs],
            [tpl.stream_row(s, ref) for s, ref in streams],
        )
    v = access.viewer_for(viewer)
    orgs = list(access.visible_organisations(v).order_by("ref"))
    rows = []
    for stream in access.visible_streams(v).order_by("ref"):
        shown = _Row({f.attname: getattr(stream, f.attname) for f in Stream._meta.fields})
        hidden = access.hidden_fields(v, stream)
        for name in hidden:
            for attr in access.SENSITIVE_ATTRIBUTES[name]:
                setattr(shown, attr, [] if attr == "crm" else None)
        rows.append(tpl.stream_row(shown, "" if "identity" in hidden else stream.organisation.ref))
    return [tpl.organisation_row(o) for o in orgs], rows


def write_template(folder: Path, *, viewer: Any | None = None, fmt: str = "csv") -> list[Path]:
    """Write ``organisations.csv``, ``streams.csv``, ``composition.csv`` and ``deposits.csv``
    (or one ``listing.xlsx``) into ``folder``."""
    from symbiose.resources.exporters import composition_rows, deposit_rows
    from symbiose.resources.validation import COMPOSITION_COLUMNS, DEPOSIT_COLUMNS

    folder.mkdir(parents=True, exist_ok=True)
    orgs, streams = template_rows(viewer)
    composition = composition_rows(viewer)  # only the analyses ``viewer`` may see
    deposits = deposit_rows(viewer)
    if fmt == "xlsx":
        path = folder / "listing.xlsx"
        path.write_bytes(workbook_bytes(orgs, streams, composition, deposits))
        return [path]
    written = []
    for name, columns, rows in (
        ("organisations", tpl.ORGANISATION_COLUMNS, orgs),
        ("streams", tpl.STREAM_COLUMNS, streams),
        ("composition", COMPOSITION_COLUMNS, composition),
        ("deposits", DEPOSIT_COLUMNS, deposits),
    ):
        path = folder / f"{name}.csv"
        path.write_text(csv_text(columns, rows), encoding="utf-8")
        written.append(path)
    return written


def csv_text(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_dict(row) for row in rows)
    return out.getvalue()


def workbook_bytes(
    orgs: list[dict[str, str]],
    streams: list[dict[str, str]],
    composition: list[dict[str, str]] | None = None,
    deposits: list[dict[str, str]] | None = None,
) -> bytes:
    from symbiose.resources.validation import COMPOSITION_COLUMNS, DEPOSIT_COLUMNS

    book = tablib.Databook()
    for title, columns, rows in (
        ("organisations", tpl.ORGANISATION_COLUMNS, orgs),
        ("streams", tpl.STREAM_COLUMNS, streams),
        *((("composition", COMPOSITION_COLUMNS, composition),) if composition is not None else ()),
        *((("deposits", DEPOSIT_COLUMNS, deposits),) if deposits is not None else ()),
    ):
        ds = tablib.Dataset(headers=list(columns), title=title)
        for row in rows:
            ds.append(safe_row(row[c] for c in columns))
        book.add_sheet(ds)
    return book.export("xlsx")


def geojson(viewer: Any | None = None) -> dict[str, Any]:
    """Organisations with the public streams ``viewer`` may see, as a GeoJSON FeatureCollection.

    Only ``public`` streams are listed (for an anonymous viewer by default). A stream whose
    owner hid its location is left out, since putting it under its organisation's point would
    reveal where it is; so is one whose owner hid its identity, whose point would name a
    company alone at its site (``registry.sensitive``: a hidden identity hides the site).
    """
    v = access.viewer_for(viewer)
    by_org: dict[int, list[dict[str, Any]]] = {}
    features = []
    for stream in access.visible_streams(v).filter(visibility="public").order_by("ref"):
        data = access.redacted(v, stream)
        if "location" in data["hidden_fields"]:
            continue
        by_org.setdefault(stream.organisation_id, []).append(
            {k: data[k] for k in GEOJSON_STREAM_KEYS}
        )
    for org in Organisation.objects.filter(id__in=by_org).order_by("ref"):
        if not org.has_location:
            continue
        features.append(_point(org.lon, org.lat, {
            "ref": org.ref, "name": org.name, "municipality": org.municipality, "nace": org.nace,
            "streams": by_org[org.id],
        }))  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


GEOJSON_STREAM_KEYS = ("ref", *access.STREAM_SUMMARY_FIELDS)


def _point(lon: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def write_geojson(path: Path, viewer: Any | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(geojson(viewer), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
