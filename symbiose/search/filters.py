"""The search's filters: read from a query string, checked, and tested against one stream row.

:func:`parse` turns request parameters (or a saved search's stored query) into
:class:`SearchFilters` plus located, translated problems: a bad value is reported at its
field and that filter is left out, never silently misread. :func:`fits` tests a row that is
already redacted for the viewer (:func:`symbiose.registry.access.redacted`), so every filter
acts only on what the viewer may see:

* a hidden quantity is ``None`` and never falls inside a quantity range;
* a hidden composition empties ``crm`` and a hidden analysis leaves no composition rows
  (``resources.access.visible_rows``), so the stream matches no raw-material or element
  filter through them;
* a hidden EWC code matches no EWC filter, and the material class is read only from the
  visible title, description, code, category and (when the owner is named) sector;
* a hidden location enters the radius filter as the centre of the area the viewer is shown
  (municipality, county or none) and the distance is rounded to 10 km
  (:func:`symbiose.registry.access.coarsened_distance_km`), exactly as in matching;
  the municipality and county read the visible municipality.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from symbiose.registry.access import coarsened_distance_km
from symbiose.registry.lookup import municipalities
from symbiose.registry.models import CATEGORIES, DIRECTIONS
from symbiose.registry.unit_labels import unit_label
from symbiose.registry.validation import FieldError, clean_float, forbidden_character
from symbiose.taxonomy.classify import classify, with_ancestors
from symbiose.taxonomy.elements import elements, elements_in, read_substance
from symbiose.taxonomy.lists import crm_by_id
from symbiose.taxonomy.materials import materials_by_id
from symbiose.taxonomy.search import fold

#: Annual units a quantity range is given in (the canonical units of ``registry.units``).
UNITS = ("t/yr", "MWh/yr", "m3/yr", "Nm3/yr", "h/yr")
#: Freshness choices: confirmed within this many days.
FRESHNESS_DAYS = (90, 180, 365, 730)
SORTS = {
    "title": gettext_lazy("title"),
    "fresh": gettext_lazy("most recently confirmed"),
    "distance": gettext_lazy("distance"),
    "quantity": gettext_lazy("largest quantity"),
}
#: Query parameters a search reads (and a saved search stores), in this order.
PARAMS = ("q", "direction", "category", "material", "ewc", "crm", "element", "county",
          "municipality",
          "near", "lat", "lon", "km", "qmin", "qmax", "unit", "fresh", "sort")  # fmt: skip
MAX_KM = 5000.0


@dataclass(frozen=True)
class SearchFilters:
    """A checked search. Empty strings and ``None`` mean "any"."""

    q: str = ""
    direction: str = ""
    category: str = ""
    material: str = ""
    ewc: str = ""
    crm: str = ""
    element: str = ""
    county: str = ""
    municipality: str = ""
    near: str = ""
    lat: float | None = None
    lon: float | None = None
    km: float | None = None
    qmin: float | None = None
    qmax: float | None = None
    unit: str = ""
    fresh: int | None = None
    sort: str = "title"
    words: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def centre(self) -> tuple[float, float] | None:
        if self.km is None or self.lat is None or self.lon is None:
            return None
        return (self.lat, self.lon)

    def to_query(self) -> dict[str, str]:
        """The filters as query parameters (only those set): for links and saved searches."""
        out: dict[str, str] = {}
        values = asdict(self)
        for name in PARAMS:
            value = values[name]
            if name in ("lat", "lon") and self.near:
                continue  # the municipality is the centre
            if value in ("", None) or (name == "sort" and value == "title"):
                continue
            out[name] = _plain(value) if isinstance(value, float) else str(value)
        return out

    def is_empty(self) -> bool:
        return not {k: v for k, v in self.to_query().items() if k != "sort"}


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else repr(number)


@dataclass
class _Reader:
    params: Mapping[str, Any]
    errors: list[str] = field(default_factory=list)

    def text(self, name: str, limit: int = 100) -> str:
        raw = self.params.get(name)
        value = "" if raw is None else str(raw).strip()
        if forbidden_character(value) is not None:
            self.fail(name, _("contains a character that cannot be searched for"))
            return ""
        return value[:limit]

    def number(self, name: str, *, minimum: float | None = None,
               maximum: float | None = None) -> float | None:  # fmt: skip
        try:
            return clean_float(self.params.get(name), name, minimum=minimum, maximum=maximum)
        except FieldError as exc:
            self.fail(name, _(exc.template).format(**exc.params))
            return None

    def fail(self, name: str, message: str) -> None:
        self.errors.append(f"{capfirst(LABELS[name])}: {message}")


LABELS = {
    "q": gettext_lazy("Words"),
    "direction": gettext_lazy("Offers or needs"),
    "category": gettext_lazy("Kind"),
    "material": gettext_lazy("Material"),
    "ewc": gettext_lazy("EWC code"),
    "crm": gettext_lazy("Critical raw material"),
    "element": gettext_lazy("Element"),
    "county": gettext_lazy("County"),
    "municipality": gettext_lazy("Municipality"),
    "near": gettext_lazy("Near (municipality)"),
    "lat": gettext_lazy("Latitude"),
    "lon": gettext_lazy("Longitude"),
    "km": gettext_lazy("Within (km)"),
    "qmin": gettext_lazy("Quantity at least"),
    "qmax": gettext_lazy("Quantity at most"),
    "unit": gettext_lazy("Quantity unit"),
    "fresh": gettext_lazy("Confirmed within"),
    "sort": gettext_lazy("Sort by"),
}


def counties() -> dict[str, str]:
    """County number → name (Kartverket's 2024 division, as on the map)."""
    return {m["county_number"]: m["county"] for m in municipalities().values()}


@lru_cache(maxsize=1)
def _municipality_index() -> dict[str, dict[str, Any]]:
    return {fold(m["name"]): m for m in municipalities().values()}


def parse(params: Mapping[str, Any]) -> tuple[SearchFilters, list[str]]:
    """Read and check search parameters; a bad one is left out and reported at its field."""
    r = _Reader(params)
    v: dict[str, Any] = {"q": r.text("q", 200)}
    for name, choices in (("direction", DIRECTIONS), ("category", CATEGORIES)):
        value = r.text(name)
        if value and value not in dict(choices):
            r.fail(name, _("{value} is not one of the choices").format(value=value))
            value = ""
        v[name] = value
    material = r.text("material")
    if material and material not in materials_by_id():
        r.fail("material", _("{value} is not a material class").format(value=material))
        material = ""
    v["material"] = material
    ewc = "".join(c for c in r.text("ewc") if c.isdigit())
    if r.text("ewc") and len(ewc) not in (2, 4, 6):
        r.fail("ewc", _("give a chapter (10), a sub-chapter (10 02) or a code (10 02 02)"))
        ewc = ""
    v["ewc"] = ewc
    crm = r.text("crm").lower()
    if crm and crm not in crm_by_id():
        r.fail("crm", _("{value} is not a critical raw material").format(value=crm))
        crm = ""
    v["crm"] = crm
    element = r.text("element", 20)
    if element:
        try:
            element = read_substance(element)
        except ValueError:
            element = ""
        if element not in elements():
            r.fail("element", _("{value} is not an element").format(value=r.text("element", 20)))
            element = ""
    v["element"] = element
    county = r.text("county")
    if county and county not in counties():
        r.fail("county", _("{value} is not a county number").format(value=county))
        county = ""
    v["county"] = county
    v["municipality"] = _municipality(r, "municipality")
    near = _municipality(r, "near")
    v["near"] = near
    v["km"] = r.number("km", minimum=0, maximum=MAX_KM)
    if near:
        place = _municipality_index()[fold(near)]
        v["lat"], v["lon"] = float(place["lat"]), float(place["lon"])
    else:
        v["lat"] = r.number("lat", minimum=-90, maximum=90)
        v["lon"] = r.number("lon", minimum=-180, maximum=180)
    if v["km"] is not None and (v["lat"] is None or v["lon"] is None):
        r.fail("km", _("give a municipality to search around, or a latitude and longitude"))
        v["km"] = None
    v["qmin"] = r.number("qmin", minimum=0)
    v["qmax"] = r.number("qmax", minimum=0)
    unit = r.text("unit")
    if unit and unit not in UNITS:
        r.fail("unit", _("use one of {choices}").format(choices=", ".join(UNITS)))
        unit = ""
    if (v["qmin"] is not None or v["qmax"] is not None) and not unit:
        unit = "t/yr"
    v["unit"] = unit
    fresh = r.text("fresh")
    v["fresh"] = None
    if fresh:
        if fresh.isdigit() and int(fresh) in FRESHNESS_DAYS:
            v["fresh"] = int(fresh)
        else:
            r.fail("fresh", _("{value} is not one of the choices").format(value=fresh))
    sort = r.text("sort") or "title"
    if sort not in SORTS:
        r.fail("sort", _("{value} is not one of the choices").format(value=sort))
        sort = "title"
    if sort == "distance" and v["km"] is None and v["lat"] is None:
        sort = "title"
    v["sort"] = sort
    return SearchFilters(**v, words=tuple(fold(v["q"]).split())), r.errors


def _municipality(r: _Reader, name: str) -> str:
    value = r.text(name)
    if not value:
        return ""
    place = _municipality_index().get(fold(value))
    if place is None:
        r.fail(name, _("{value} is not a Norwegian municipality").format(value=value))
        return ""
    return place["name"]


def municipality_place(municipality: str | None) -> dict[str, Any] | None:
    """The municipality list's entry for a municipality as written (``None`` if unknown)."""
    return _municipality_index().get(fold(municipality or ""))


def in_place(f: SearchFilters, municipality: str | None) -> bool:
    """Whether a municipality as written (visible to the viewer) is in the filters' municipality
    and county."""
    place = municipality_place(municipality)
    if place is None or (f.municipality and place["name"] != f.municipality):
        return False
    return not (f.county and place["county_number"] != f.county)


def crm_symbols(crm_id: str) -> frozenset[str]:
    """The element symbols of a critical raw material (none for coking coal, feldspar)."""
    m = crm_by_id().get(crm_id)
    return frozenset(m.elements) if m else frozenset()


def stream_classes(row: Mapping[str, Any], nace: str | None) -> frozenset[str]:
    """Material classes (with their ancestors) read from a redacted row's visible fields."""
    return _classes(row["title"] or "", row.get("description") or "", row.get("ewc_code") or None,
                    row["category"], nace or None, row["direction"])  # fmt: skip


@lru_cache(maxsize=65_536)
def _classes(title: str, description: str, ewc: str | None, category: str, nace: str | None,
             direction: str) -> frozenset[str]:  # fmt: skip
    """Classification is pure: many streams share their visible words (a search reads each
    combination once)."""
    return with_ancestors(classify(title, description, ewc, category, nace, direction))


def fits(
    f: SearchFilters,
    row: Mapping[str, Any],
    *,
    point: tuple[float, float] | None,
    nace: str | None,
    substances: frozenset[str] = frozenset(),
    today: datetime.date | None = None,
) -> tuple[bool, float | None]:
    """Whether the redacted ``row`` passes every filter, and its distance from the centre.

    ``point`` is the stream's place as the viewer may know it
    (``registry.access.viewer_point``: the shown area's centre when ``row`` hides the
    location), used only through :func:`coarsened_distance_km`, which rounds it then;
    ``nace`` is the owner's sector, given only when the owner is named;
    ``substances`` are the elements and compounds of the composition rows the viewer may see
    (none when the analysis is hidden).
    """
    if f.direction and row["direction"] != f.direction:
        return False, None
    if f.category and row["category"] != f.category:
        return False, None
    if f.ewc and not (row.get("ewc_code") or "").startswith(f.ewc):
        return False, None
    if f.crm or f.element:
        found = frozenset().union(*(elements_in(x) for x in substances))
        if f.element and f.element not in found:
            return False, None
        if f.crm and f.crm not in (row.get("crm") or []) and not (crm_symbols(f.crm) & found):
            return False, None
    if (f.municipality or f.county) and not in_place(f, row.get("municipality")):
        return False, None
    if f.qmin is not None or f.qmax is not None:
        qty = row.get("annual_quantity")
        if qty is None or row.get("annual_unit") != f.unit:
            return False, None
        if (f.qmin is not None and qty < f.qmin) or (f.qmax is not None and qty > f.qmax):
            return False, None
    if f.fresh is not None:
        today = today or timezone.localdate()
        confirmed = row.get("confirmed_at")
        if confirmed is None or confirmed < today - datetime.timedelta(days=f.fresh):
            return False, None
    if f.words:
        text = fold(
            " ".join(
                str(row.get(k) or "")
                for k in ("title", "description", "composition", "organisation_name")
            )
        )
        found = text.split()  # fmt: skip
        if not all(any(t.startswith(w) for t in found) for w in f.words):
            return False, None
    if f.material and f.material not in stream_classes(row, nace):
        return False, None
    distance = None
    if f.lat is not None and f.lon is not None and point is not None:
        hidden = row.get("lat") is None  # redacted: a hidden location has no coordinates
        distance = coarsened_distance_km((f.lat, f.lon), point, hide_a=False, hide_b=hidden)
    if f.centre is not None and (distance is None or distance > f.km):
        return False, None
    return True, distance


def describe(f: SearchFilters, lang: str = "nb") -> list[str]:
    """The filters as short phrases in the current language, for lists of saved searches."""
    out = []
    if f.q:
        out.append(_("“{words}”").format(words=f.q))  # «…» on Norwegian pages
    if f.direction:
        out.append(str(dict(DIRECTIONS)[f.direction]))
    if f.category:
        out.append(str(dict(CATEGORIES)[f.category]))
    if f.material:
        m = materials_by_id()[f.material]
        out.append(m.label_nb if lang == "nb" else m.label_en)
    if f.ewc:
        out.append(_("EWC {code}").format(code=" ".join(f.ewc[i : i + 2] for i in (0, 2, 4))))
    if f.crm:
        out.append(crm_by_id()[f.crm].name(lang))
    if f.element:
        e = elements()[f.element]
        out.append(e.name_nb if lang == "nb" else e.name_en)
    if f.municipality:
        out.append(f.municipality)
    if f.county:
        out.append(counties()[f.county])
    if f.centre is not None:
        where = f.near or f"{f.lat:.3f}, {f.lon:.3f}"
        out.append(_("within {km} km of {where}").format(km=_plain(f.km), where=where))
    if f.qmin is not None or f.qmax is not None:
        low = _plain(f.qmin) if f.qmin is not None else "0"
        high = _plain(f.qmax) if f.qmax is not None else "…"
        out.append(f"{low}–{high} {unit_label(f.unit)}")
    if f.fresh:
        out.append(_("confirmed within {days} days").format(days=f.fresh))
    return [o.strip() for o in out if o.strip()]
