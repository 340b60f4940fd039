"""Where an owner who hides its identity is said to be: its municipality only among others.

"An organisation in Sauda" names the owner when Sauda holds one registered company, and
names it again through a municipality filter that returns one row. So a viewer who may not
know the owner is told the municipality only when it holds at least
:data:`K_ORGANISATIONS` counted organisations, else the county when the county does, else
no area at all (docs/security.md, "A hidden identity and its area").

Counted are organisations that are verified or that were not self-declared (entered by a
facilitator or imported from a register): a self-registered company cannot raise the count
of a municipality by registering companies of its own there.

The level is stored on the organisation (``Organisation.area_level``) so every reader, the
search index's columns included, reads the same value without counting. It is stored again
whenever an organisation is saved or deleted, or an import ends
(``registry.signals.refresh_areas``, which calls ``registry.actions.do_store_area_levels``),
and a changed level moves the organisation's ``updated_at``, so search rows built with the
old level are no longer read. A level never stored is :data:`NOWHERE`: it shows less, never
more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from symbiose.registry.lookup import counties, municipalities
from symbiose.taxonomy.search import fold

#: A municipality (else a county) is named only when it holds at least this many counted
#: organisations. Three: with two, an owner who knows the other one knows who it is.
K_ORGANISATIONS = 3

#: ``Organisation.area_level``: what a viewer who may not know the owner is told.
MUNICIPALITY, COUNTY, NOWHERE = 0, 1, 2


@lru_cache(maxsize=1)
def _by_name() -> dict[str, dict[str, Any]]:
    return {fold(m["name"]): m for m in municipalities().values()}


@lru_cache(maxsize=4096)
def place(municipality: str | None) -> dict[str, Any] | None:
    """The municipality list's entry for a municipality as written (``None`` if unknown);
    cached, as many organisations share a spelling."""
    return _by_name().get(fold(municipality or ""))


def is_counted(verified: bool, data_source: str) -> bool:
    """Whether an organisation counts towards :data:`K_ORGANISATIONS`."""
    return verified or data_source != "self"


def levels(rows: Iterable[tuple[int, str, bool]]) -> dict[int, int]:
    """Organisation id -> area level, from ``(id, municipality, counted)`` of *every*
    organisation (the counts are over all of them). Pure and deterministic.

    >>> levels([(1, "Sauda", True), (2, "Suldal", True), (3, "Stavanger", True)])
    {1: 1, 2: 1, 3: 1}
    >>> levels([(1, "Sauda", True), (2, "Sauda", True), (3, "Sauda", True), (4, "Nowhere", True)])
    {1: 0, 2: 0, 3: 0, 4: 2}
    """
    rows = list(rows)
    places = {oid: place(municipality) for oid, municipality, _c in rows}
    in_municipality: Counter[str] = Counter()
    in_county: Counter[str] = Counter()
    for oid, _m, counted in rows:
        p = places[oid]
        if counted and p is not None:
            in_municipality[p["number"]] += 1
            in_county[p["county_number"]] += 1
    out = {}
    for oid, p in places.items():
        if p is None:
            out[oid] = NOWHERE
        elif in_municipality[p["number"]] >= K_ORGANISATIONS:
            out[oid] = MUNICIPALITY
        elif in_county[p["county_number"]] >= K_ORGANISATIONS:
            out[oid] = COUNTY
        else:
            out[oid] = NOWHERE
    return out


def shown_area(municipality: str | None, level: int) -> str:
    """The area named for a hidden owner at ``level``: the municipality, its county or ""."""
    if level == MUNICIPALITY:
        return municipality or ""
    if level == COUNTY:
        p = place(municipality)
        return p["county"] if p else ""
    return ""


def centre(municipality: str | None, level: int) -> tuple[float, float] | None:
    """The point that stands for the area named at ``level``: the municipality's point
    (Kartverket's, inside it), the middle of its county's bounding box, or None (no area).

    >>> centre("Sauda", MUNICIPALITY), centre("Sauda", COUNTY), centre("Sauda", NOWHERE)
    ((59.7046, 6.4621), (58.9365, 5.8345), None)
    """
    p = place(municipality)
    if p is None or level == NOWHERE:
        return None
    if level == MUNICIPALITY:
        return p["lat"], p["lon"]
    west, south, east, north = counties()[p["county_number"]]["bbox"]
    return round((south + north) / 2, 4), round((west + east) / 2, 4)


def site_level(marks: Iterable[str] | None, level: int) -> int | None:
    """The area an outsider is shown for a stream whose owner marked ``marks`` hidden, the
    organisation's ``area_level`` being ``level``: None when the site is not hidden; the
    municipality when only the location is (the owner is named, with its municipality);
    ``level`` when the identity is; no area when both are (the owner is "an organisation").

    >>> site_level(["quantity"], COUNTY), site_level(["location"], COUNTY)
    (None, 0)
    >>> site_level(["identity"], COUNTY), site_level(["identity", "location"], MUNICIPALITY)
    (1, 2)
    """
    marks = set(marks or ())
    if "identity" in marks:
        return NOWHERE if "location" in marks else level
    return MUNICIPALITY if "location" in marks else None


def shown_site(
    municipality: str | None, level: int, marks: Iterable[str] | None
) -> tuple[float, float] | None:
    """Where a viewer to whom a stream's site is hidden places it: the :func:`centre` of
    the area they are shown (:func:`site_level`), None without one. Every distance, score,
    ranking and kept pair that such a viewer sees is computed from this point, so moving the
    hidden site within its area changes nothing they see (docs/security.md)."""
    shown = site_level(marks, level)
    return None if shown is None else centre(municipality, shown)


def changed_levels() -> dict[int, list[int]]:
    """Level -> ids of the organisations whose stored level is not :func:`levels`' (the
    write is ``registry.actions.do_store_area_levels``)."""
    from symbiose.registry.models import Organisation

    rows = list(Organisation.objects.order_by().values_list(
        "id", "municipality", "verified_at", "data_source", "area_level"
    ))  # fmt: skip
    new = levels((oid, m, is_counted(v is not None, src)) for oid, m, v, src, _lv in rows)
    changed: dict[int, list[int]] = {}
    for oid, _m, _v, _src, old in rows:
        if new[oid] != old:
            changed.setdefault(new[oid], []).append(oid)
    return changed
