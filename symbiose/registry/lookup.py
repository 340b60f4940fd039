"""Organisation data from the loaded register, for sign-up and the organisation form.

Reads ``RegisterEntry`` rows (public data; see ``symbiose import-register``) and turns one into
the values of the organisation form: name, NACE Rev. 2.1 code (the register's SN code
converted where it can be done without guessing), municipality and a location, the point
Kartverket gives inside the municipality (not the company's site: the form says so).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from symbiose.registry.models import RegisterEntry
from symbiose.taxonomy.nace_versions import read_nace

MUNICIPALITIES = (
    Path(__file__).resolve().parent.parent
    / "web"
    / "static"
    / "web"
    / "basemap"
    / "municipalities.json"
)


@lru_cache(maxsize=1)
def municipalities() -> dict[str, dict[str, Any]]:
    """Municipality number → its name and a point inside it (Kartverket, 2024 division)."""
    data = json.loads(MUNICIPALITIES.read_text(encoding="utf-8"))
    return {m["number"]: m for m in data["municipalities"]}


@lru_cache(maxsize=1)
def counties() -> dict[str, dict[str, Any]]:
    """County number → its name and bounding box (west, south, east, north; 2024 division)."""
    data = json.loads(MUNICIPALITIES.read_text(encoding="utf-8"))
    return {c["number"]: c for c in data["counties"]}


def organisation_values(org_number: str) -> dict[str, Any] | None:
    """Form values for the organisation with this number, or None if it is not loaded.

    ``nace`` is left empty when the register's code needs a choice (the form then shows the
    register's code and title in ``nace_note``); ``lat``/``lon`` are the municipality's point;
    ``address`` is the business address as one line, shown at sign-up for the user to confirm.
    """
    entry = RegisterEntry.objects.filter(org_number=org_number.replace(" ", "")).first()
    if entry is None:
        return None
    values: dict[str, Any] = {
        "name": entry.name,
        "org_number": entry.org_number,
        "municipality": entry.municipality.title(),
        "nace": "",
        "nace_register": entry.nace,
        "address": ", ".join(
            part
            for part in (entry.address, f"{entry.postcode} {entry.postplace.title()}".strip())
            if part
        ),
    }
    if entry.nace:
        reading = read_nace(entry.nace)
        if reading.kind in ("kept", "converted"):
            values["nace"] = reading.code
    known = municipalities().get(entry.municipality_number)
    if known:
        values["municipality"] = known["name"]
        values["lat"], values["lon"] = known["lat"], known["lon"]
    return values
