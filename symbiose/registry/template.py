"""The listing template: the spreadsheet columns people use to bring data in and out.

Pure module (no Django). Parsing a row returns the cleaned values and every problem in it,
so an import can report all problems at once; formatting a row is the exact inverse, so
import -> export -> import is lossless.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from symbiose.registry import validation as v
from symbiose.registry.units import QuantityError, annual_quantity
from symbiose.taxonomy import ewc
from symbiose.textmarks import N_

ORGANISATION_COLUMNS: tuple[str, ...] = (
    "ref",
    "name",
    "org_number",
    "nace",
    "country",
    "municipality",
    "lat",
    "lon",
    "description",
    "nace_revision",
)
STREAM_COLUMNS: tuple[str, ...] = (
    "ref",
    "organisation_ref",
    "direction",
    "category",
    "title",
    "description",
    "ewc_code",
    "quantity",
    "unit",
    "period",
    "temperature_c",
    "hazardous",
    "visibility",
    "sensitive_fields",
    "legal_status",
    "crm",
    "price_nok_per_unit",
    "accepts_hazardous",
    "composition",
    "available_from",
    "available_to",
    "confirmed_at",
    "lat",
    "lon",
    "current_practice",
)
REQUIRED_ORGANISATION_COLUMNS = ("ref", "name")
REQUIRED_STREAM_COLUMNS = ("ref", "organisation_ref", "direction", "category", "title")


@dataclass
class RowResult:
    """The cleaned values of one row and the problems found in it (column -> error)."""

    data: dict[str, object] = field(default_factory=dict)
    errors: list[v.FieldError] = field(default_factory=list)
    #: Things done to a value that the user should know (a converted or shortened code).
    notes: list[v.FieldError] = field(default_factory=list)

    def take(self, column: str, fn: Callable[[], object]) -> None:
        try:
            self.data[column] = fn()
        except v.FieldError as err:
            err.field = column
            self.errors.append(err)


def parse_organisation(row: Mapping[str, object]) -> RowResult:
    """Clean one ``organisations`` row."""
    r = RowResult()
    r.take("ref", lambda: v.clean_ref(row.get("ref")))
    r.take("name", lambda: v.clean_required_text(row.get("name"), "name"))
    r.take("country", lambda: v.clean_country(row.get("country")))
    country = r.data.get("country", "NO")
    r.take("org_number", lambda: v.clean_org_number(row.get("org_number"), str(country)))
    _take_nace(r, row)
    r.take(
        "municipality",
        lambda: v.clean_text(
            row.get("municipality"), "municipality", max_length=100, multiline=False
        ),
    )
    r.take("lat", lambda: v.clean_float(row.get("lat"), "lat", minimum=-90, maximum=90))
    r.take("lon", lambda: v.clean_float(row.get("lon"), "lon", minimum=-180, maximum=180))
    r.take("description", lambda: v.clean_text(row.get("description"), "description"))
    if (r.data.get("lat") is None) != (r.data.get("lon") is None) and not r.errors:
        missing = "lon" if r.data.get("lon") is None else "lat"
        r.errors.append(v.FieldError(missing, N_("give both latitude and longitude, or neither")))
    return r


def _take_nace(r: RowResult, row: Mapping[str, object]) -> None:
    """A NACE code of either revision (taxonomy/nace_versions.py): never reinterpreted
    silently; ``nace_revision`` ("2.1" or "2") says which one the file uses."""
    from symbiose.taxonomy.nace_versions import REVISION_WORDS, read_nace

    revision = str(row.get("nace_revision") or "").strip()
    if revision and revision.lower() not in REVISION_WORDS:
        r.errors.append(
            v.FieldError(
                "nace_revision",
                N_("{value} is not allowed here; use 2.1 (SN2025) or 2 (SN2007)"),
                value=revision,
            )
        )
        return
    text = str(row.get("nace") or "").strip()
    if not text:
        r.data["nace"] = ""
        return
    reading = read_nace(text, revision)
    if reading.kind in ("kept", "converted"):
        r.data["nace"] = reading.code
        if reading.template:
            r.notes.append(v.FieldError("nace", reading.template, **reading.params))
    else:
        # ``choices`` (Rev. 2.1 codes) lets the web preview offer them in a list.
        choices = ",".join(f"{c[:2]}.{c[2:]}" if len(c) > 2 else c for c in reading.candidates)
        r.errors.append(v.FieldError("nace", reading.template, **reading.params, choices=choices))


def _crm_ids() -> set[str]:
    from symbiose.taxonomy.lists import load_crm

    return {m.id for m in load_crm()}


def parse_stream(row: Mapping[str, object]) -> RowResult:
    """Clean one ``streams`` row; derives hazardous from the EWC code and the annual quantity."""
    r = RowResult()
    r.take("ref", lambda: v.clean_ref(row.get("ref")))
    r.take("organisation_ref", lambda: v.clean_ref(row.get("organisation_ref"), "organisation_ref"))
    r.take(
        "direction", lambda: v.clean_choice(row.get("direction"), "direction", v.DIRECTION_WORDS)
    )
    r.take("category", lambda: v.clean_choice(row.get("category"), "category", v.CATEGORY_WORDS))
    r.take("title", lambda: v.clean_required_text(row.get("title"), "title"))
    r.take("description", lambda: v.clean_text(row.get("description"), "description"))
    r.take("composition", lambda: v.clean_text(row.get("composition"), "composition"))
    r.take("ewc_code", lambda: v.clean_ewc(row.get("ewc_code")))
    r.take(
        "quantity",
        lambda: v.clean_float(row.get("quantity"), "quantity", minimum=0, maximum=v.MAX_QUANTITY),
    )
    r.take("unit", lambda: v.clean_unit(row.get("unit")))
    r.take(
        "period",
        lambda: v.clean_choice(row.get("period"), "period", v.PERIOD_WORDS, default="year"),
    )
    r.take(
        "temperature_c",
        lambda: v.clean_float(
            row.get("temperature_c"), "temperature_c", minimum=-273.15, maximum=2000
        ),
    )
    r.take("hazardous", lambda: v.clean_yes_no(row.get("hazardous"), "hazardous"))
    r.take(
        "accepts_hazardous",
        lambda: bool(v.clean_yes_no(row.get("accepts_hazardous"), "accepts_hazardous")),
    )
    r.take(
        "visibility",
        lambda: v.clean_choice(
            row.get("visibility"), "visibility", v.VISIBILITY_WORDS, default="members"
        ),
    )
    r.take(
        "sensitive_fields",
        lambda: (
            v.clean_list(row.get("sensitive_fields"), "sensitive_fields", v.SENSITIVE)
            if "sensitive_fields" in row
            else list(v.DEFAULT_SENSITIVE)
        ),  # a new row without the column: the default
    )
    r.take(
        "legal_status",
        lambda: v.clean_choice(
            row.get("legal_status"), "legal_status", v.LEGAL_STATUS_WORDS, required=False
        ),
    )
    r.take("crm", lambda: v.clean_list(row.get("crm"), "crm", _crm_ids()))
    r.take(
        "price_nok_per_unit",
        lambda: v.clean_float(
            row.get("price_nok_per_unit"),
            "price_nok_per_unit",
            minimum=-v.MAX_PRICE,
            maximum=v.MAX_PRICE,
        ),
    )
    for col in ("available_from", "available_to", "confirmed_at"):
        r.take(col, lambda col=col: v.clean_date(row.get(col), col))
    r.take("lat", lambda: v.clean_float(row.get("lat"), "lat", minimum=-90, maximum=90))
    r.take("lon", lambda: v.clean_float(row.get("lon"), "lon", minimum=-180, maximum=180))
    r.take(
        "current_practice",
        lambda: v.clean_choice(
            row.get("current_practice"), "current_practice", v.CURRENT_PRACTICE_WORDS,
            required=False,
        ),
    )  # fmt: skip
    if (r.data.get("lat") is None) != (r.data.get("lon") is None) and not r.errors:
        missing = "lon" if r.data.get("lon") is None else "lat"
        r.errors.append(v.FieldError(missing, N_("give both latitude and longitude, or neither")))
    _check_practice(r)
    _derive(r)
    return r


def _check_practice(r: RowResult) -> None:
    """An offer states what happens to it today; a need states what it uses today."""
    practice, direction = r.data.get("current_practice"), r.data.get("direction")
    if not practice or not direction:
        return
    allowed = v.OFFER_PRACTICES if direction == "offer" else v.NEED_PRACTICES
    if practice not in allowed:
        r.errors.append(
            v.FieldError(
                "current_practice",
                N_("{value} does not fit a stream of direction {direction}; use one of {choices}"),
                value=practice,
                direction=direction,
                choices=", ".join(allowed),
            )
        )


def _derive(r: RowResult) -> None:
    """Rules that join fields: hazardous from EWC, quantity needs a unit, annual quantity."""
    d = r.data
    failed = {e.field for e in r.errors}
    code = d.get("ewc_code")
    if code and "ewc_code" not in failed:
        from symbiose.taxonomy.ewc import is_hazardous

        derived = is_hazardous(str(code))
        given = d.get("hazardous")
        if given is not None and given != derived and "hazardous" not in failed:
            r.errors.append(
                v.FieldError(
                    "hazardous",
                    N_("EWC code {code} is {state}; the hazardous column says otherwise"),
                    code=code,
                    state="hazardous" if derived else "not hazardous",
                )
            )
        d["hazardous"] = derived
    else:
        d["hazardous"] = bool(d.get("hazardous"))
    quantity, unit = d.get("quantity"), d.get("unit")
    d["annual_quantity"], d["annual_unit"] = None, ""
    if {"quantity", "unit", "period", "category"} & failed:
        return
    if quantity is not None and not unit:
        r.errors.append(v.FieldError("unit", N_("a quantity needs a unit")))
    elif unit and quantity is None:
        r.errors.append(v.FieldError("quantity", N_("a unit was given but no quantity")))
    elif quantity is not None:
        try:
            aq = annual_quantity(float(quantity), str(unit), str(d["period"]), str(d["category"]))
        except QuantityError as err:
            r.errors.append(v.FieldError("unit", err.template, **err.params))
        else:
            d["annual_quantity"], d["annual_unit"] = aq.value, aq.unit
    start, end = d.get("available_from"), d.get("available_to")
    if start and end and end < start and "available_to" not in failed:
        r.errors.append(v.FieldError("available_to", N_("must not be before available from")))


def _fmt_number(value: float | None) -> str:
    if value is None:
        return ""
    return repr(int(value)) if float(value).is_integer() else repr(float(value))


def _fmt_yes(value: bool | None) -> str:
    """``None`` (a value hidden from the reader) stays empty rather than reading as "no"."""
    return "" if value is None else "yes" if value else "no"


def organisation_row(org: object) -> dict[str, str]:
    """The template row for an organisation (any object with the model's attributes)."""
    g = org.__getattribute__
    return {
        "ref": g("ref"),
        "name": g("name"),
        "org_number": g("org_number") or "",
        "nace": g("nace") or "",
        "country": g("country") or "NO",
        "municipality": g("municipality") or "",
        "lat": _fmt_number(g("lat")),
        "lon": _fmt_number(g("lon")),
        "description": g("description") or "",
        "nace_revision": "2.1" if g("nace") else "",
    }


def stream_row(stream: object, organisation_ref: str) -> dict[str, str]:
    """The template row for a stream; the inverse of :func:`parse_stream`."""
    g = stream.__getattribute__
    code = g("ewc_code") or ""
    dates = {
        c: (g(c).isoformat() if g(c) else "")
        for c in ("available_from", "available_to", "confirmed_at")
    }
    return {
        "ref": g("ref"),
        "organisation_ref": organisation_ref,
        "direction": g("direction"),
        "category": g("category"),
        "title": g("title"),
        "description": g("description") or "",
        "ewc_code": ewc.spaced(code),
        "quantity": _fmt_number(g("quantity")),
        "unit": g("unit") or "",
        "period": g("period") or "year",
        "temperature_c": _fmt_number(g("temperature_c")),
        "hazardous": _fmt_yes(g("hazardous")),
        "visibility": g("visibility"),
        "sensitive_fields": ";".join(g("sensitive_fields") or []),
        "legal_status": g("legal_status") or "",
        "crm": ";".join(g("crm") or []),
        "price_nok_per_unit": _fmt_number(g("price_nok_per_unit")),
        "accepts_hazardous": _fmt_yes(g("accepts_hazardous")),
        "composition": g("composition") or "",
        **dates,
        "lat": _fmt_number(g("lat")),
        "lon": _fmt_number(g("lon")),
        "current_practice": getattr(stream, "current_practice", "") or "",
    }
