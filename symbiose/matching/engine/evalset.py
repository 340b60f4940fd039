"""Read an evaluation set (listing-template CSVs + truth.csv) straight into engine inputs.

This is the Django-free path used by tests and ``benchmarks/evaluate_pure.py``; the
``symbiose evaluate`` command imports the same files through the registry instead.
Quantities are converted to canonical annual units with a small fixed table.

Examples
--------
>>> annual(5, "kt", "year")
Traceback (most recent call last):
...
ValueError: unknown unit 'kt'
>>> annual(2, "GWh", "year")
(2000.0, 'MWh/yr')
"""

from __future__ import annotations

import csv
from pathlib import Path

from .types import StreamInput

UNITS = {
    "t": (1.0, "t/yr"), "kg": (0.001, "t/yr"), "tonn": (1.0, "t/yr"),
    "MWh": (1.0, "MWh/yr"), "kWh": (0.001, "MWh/yr"), "GWh": (1000.0, "MWh/yr"),
    "m3": (1.0, "m3/yr"), "l": (0.001, "m3/yr"), "Nm3": (1.0, "Nm3/yr"),
    "h": (1.0, "h/yr"), "trips": (1.0, "trips/yr"),
}  # fmt: skip
PERIODS = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0, "hour": 8760.0, "once": 1.0}
EVALUATION_DIR = Path(__file__).resolve().parent.parent / "evaluation"


def annual(quantity: float, unit: str, period: str) -> tuple[float, str]:
    """Convert a template quantity to the canonical annual quantity and unit."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    factor, canonical = UNITS[unit]
    return quantity * factor * PERIODS.get(period or "year", 1.0), canonical


def _yes(value: str | None) -> bool:
    return (value or "").strip().lower() in ("yes", "ja", "true", "1")


def load_evaluation(directory: Path | str = EVALUATION_DIR):
    """Return ``(streams, truth)``: StreamInputs and a set of ``(offer_ref, need_ref)``."""
    d = Path(directory)
    with (d / "organisations.csv").open(encoding="utf-8") as fh:
        orgs = {r["ref"]: r for r in csv.DictReader(fh)}
    streams = []
    with (d / "streams.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            org = orgs[r["organisation_ref"]]
            qty, unit = None, None
            if r.get("quantity"):
                qty, unit = annual(float(r["quantity"]), r["unit"], r.get("period") or "year")
            streams.append(StreamInput(
                ref=r["ref"], org_ref=r["organisation_ref"], direction=r["direction"],
                category=r["category"], title=r["title"], description=r.get("description", ""),
                ewc_code=(r.get("ewc_code") or "").replace(" ", "").replace("*", "") or None,
                quantity=qty, unit=unit,
                temperature_c=float(r["temperature_c"]) if r.get("temperature_c") else None,
                hazardous=_yes(r.get("hazardous")),
                accepts_hazardous=_yes(r.get("accepts_hazardous")),
                legal_status=r.get("legal_status") or None,
                lat=float(org["lat"]) if org.get("lat") else None,
                lon=float(org["lon"]) if org.get("lon") else None,
                crm=tuple(x for x in (r.get("crm") or "").split(";") if x),
                price_nok_per_unit=float(r["price_nok_per_unit"])
                if r.get("price_nok_per_unit") else None,
                nace=org.get("nace") or None,
            ))  # fmt: skip
    with (d / "truth.csv").open(encoding="utf-8") as fh:
        truth = {(r["offer_ref"], r["need_ref"]) for r in csv.DictReader(fh)}
    return streams, truth
