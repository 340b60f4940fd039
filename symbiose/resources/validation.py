"""Rules for a composition row, shared by the company form, the import and the API.

Pure module (no Django): :func:`parse_composition_row` returns the cleaned values and every
problem, located by column, with translatable messages (``N_``) like the listing template.
"""

from __future__ import annotations

from collections.abc import Mapping

from symbiose.registry import validation as v
from symbiose.registry.template import RowResult
from symbiose.taxonomy.elements import read_substance
from symbiose.textmarks import N_

COMPOSITION_COLUMNS: tuple[str, ...] = (
    "stream_ref",
    "substance",
    "content",
    "unit",
    "analysed_on",
    "method",
)
REQUIRED_COMPOSITION_COLUMNS = ("stream_ref", "substance", "content", "unit")
#: Spellings people use for the three units (lower case, spaces removed).
UNIT_WORDS = {
    "%": "%",
    "wt%": "%",
    "vekt%": "%",
    "mass%": "%",
    "masse%": "%",
    "prosent": "%",
    "percent": "%",
    "ppm": "ppm",
    "mg/kg": "ppm",
    "g/t": "g/t",
    "gpert": "g/t",
    "g/tonn": "g/t",
    "g/tonne": "g/t",
    "gpertonne": "g/t",
}
#: Largest content per unit: all of the mass.
MAX_CONTENT = {"%": 100.0, "ppm": 1e6, "g/t": 1e6}
METHOD_WORDS = {
    "xrf": "xrf",
    "icp": "icp",
    "icp-ms": "icp",
    "icp-oes": "icp",
    "icp-aes": "icp",
    "aas": "aas",
    "xrd": "xrd",
    "wet": "wet",
    "våtkjemi": "wet",
    "wet chemistry": "wet",
    "lab": "lab",
    "laboratorium": "lab",
    "calculated": "calculated",
    "beregnet": "calculated",
    "massebalanse": "calculated",
    "estimate": "estimate",
    "estimat": "estimate",
    "anslag": "estimate",
    "anslått": "estimate",
}


def clean_substance(value: object) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise v.FieldError("substance", N_("this field is required"))
    if len(text) > 40:
        raise v.FieldError("substance", N_("must be at most {max} characters"), max="40")
    try:
        return read_substance(text)
    except ValueError:
        raise v.FieldError(
            "substance",
            N_(
                "{value} is not an element or a chemical formula "
                "(write Ga, gallium or a formula such as Al2O3)"
            ),
            value=text,
        ) from None


def clean_content_unit(value: object) -> str:
    text = "" if value is None else str(value).strip()
    key = text.lower().replace(" ", "").replace("‰", "")
    if not key:
        raise v.FieldError("unit", N_("this field is required"))
    if key not in UNIT_WORDS:
        raise v.FieldError(
            "unit", N_("{value} is not a unit of content; use %, ppm or g/t"), value=text
        )
    return UNIT_WORDS[key]


def clean_method(value: object) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    key = text.lower()
    if key not in METHOD_WORDS:
        raise v.FieldError(
            "method",
            N_(
                "{value} is not a method we know; use xrf, icp, aas, xrd, wet, lab, "
                "calculated or estimate"
            ),
            value=text,
        )
    return METHOD_WORDS[key]


def parse_composition_row(row: Mapping[str, object], *, with_ref: bool = True) -> RowResult:
    """Clean one composition row (``stream_ref`` only when ``with_ref``).

    Examples
    --------
    >>> parse_composition_row({"stream_ref": "s1", "substance": "gallium", "content": "120",
    ...                        "unit": "ppm"}).data["substance"]
    'Ga'
    >>> [e.field for e in parse_composition_row({"stream_ref": "s1", "substance": "Ga",
    ...                                          "content": "120", "unit": "%"}).errors]
    ['content']
    """
    r = RowResult()
    if with_ref:
        r.take("stream_ref", lambda: v.clean_ref(row.get("stream_ref"), "stream_ref"))
    r.take("substance", lambda: clean_substance(row.get("substance")))
    r.take("unit", lambda: clean_content_unit(row.get("unit")))
    unit = r.data.get("unit")
    maximum = MAX_CONTENT.get(str(unit), 1e6)

    def content() -> float:
        number = v.clean_float(row.get("content"), "content", maximum=maximum)
        if number is None:
            raise v.FieldError("content", N_("this field is required"))
        if number <= 0:
            raise v.FieldError("content", N_("must be more than 0"))
        return number

    r.take("content", content)
    r.take("analysed_on", lambda: v.clean_date(row.get("analysed_on"), "analysed_on"))
    r.take("method", lambda: clean_method(row.get("method")))
    return r


def duplicate_substances(rows: list[Mapping[str, object]]) -> list[int]:
    """Indexes of rows repeating a substance already given for the same stream."""
    seen: set[tuple[object, object]] = set()
    out = []
    for i, row in enumerate(rows):
        key = (row.get("stream_ref"), row.get("substance"))
        if key in seen:
            out.append(i)
        seen.add(key)
    return out


#: The ``deposits`` sheet: what makes a stream of the file a deposit or landfill. The stock
#: in tonnes is the stream's own ``quantity`` (unit ``t``, period ``once``).
DEPOSIT_COLUMNS: tuple[str, ...] = (
    "stream_ref",
    "kind",
    "setting",
    "accessibility",
    "permit_status",
    "owner",
    "source",
    "tonnes_estimated",
)
REQUIRED_DEPOSIT_COLUMNS = ("stream_ref",)
DEPOSIT_KIND_WORDS = {
    "deposit": "deposit", "forekomst": "deposit", "fylling": "deposit",
    "slaggfylling": "deposit", "avgang": "deposit", "landfill": "landfill",
    "deponi": "landfill", "avfallsdeponi": "landfill", "fyllplass": "landfill",
}  # fmt: skip
SETTING_WORDS = {
    "onshore": "onshore", "på land": "onshore", "land": "onshore",
    "offshore": "offshore", "til havs": "offshore", "i sjø": "offshore", "sjø": "offshore",
    "i sjøen": "offshore", "havbunn": "offshore",
}  # fmt: skip
ACCESSIBILITY_WORDS = {
    "open": "open", "åpen": "open", "covered": "covered", "tildekket": "covered",
    "built_over": "built_over", "built over": "built_over", "bebygd": "built_over",
    "overbygd": "built_over", "submerged": "submerged", "under vann": "submerged",
    "unknown": "unknown", "ukjent": "unknown",
}  # fmt: skip
PERMIT_WORDS = {
    "not_needed": "not_needed", "not needed": "not_needed", "ikke nødvendig": "not_needed",
    "needed": "needed", "trengs": "needed", "nødvendig": "needed", "applied": "applied",
    "søkt": "applied", "granted": "granted", "gitt": "granted", "innvilget": "granted",
    "unknown": "unknown", "ukjent": "unknown",
}  # fmt: skip


def parse_deposit_row(row: Mapping[str, object]) -> RowResult:
    """Clean one row of the ``deposits`` sheet; an empty cell takes the form's default.

    Examples
    --------
    >>> parse_deposit_row({"stream_ref": "D-1", "kind": "deponi", "setting": "i sjø"}).data
    ... # doctest: +NORMALIZE_WHITESPACE
    {'stream_ref': 'D-1', 'kind': 'landfill', 'setting': 'offshore', 'accessibility': 'unknown',
     'permit_status': 'unknown', 'owner': '', 'source': '', 'tonnes_estimated': True}
    >>> [e.field for e in parse_deposit_row({"stream_ref": "D-1", "setting": "moon"}).errors]
    ['setting']
    """
    r = RowResult()
    r.take("stream_ref", lambda: v.clean_ref(row.get("stream_ref"), "stream_ref"))
    for name, words, default in (
        ("kind", DEPOSIT_KIND_WORDS, "deposit"),
        ("setting", SETTING_WORDS, "onshore"),
        ("accessibility", ACCESSIBILITY_WORDS, "unknown"),
        ("permit_status", PERMIT_WORDS, "unknown"),
    ):
        r.take(name, lambda n=name, w=words, d=default: v.clean_choice(row.get(n), n, w,
                                                                       default=d))  # fmt: skip
    r.take("owner", lambda: v.clean_text(row.get("owner"), "owner", max_length=200,
                                         multiline=False))  # fmt: skip
    r.take("source", lambda: v.clean_text(row.get("source"), "source", max_length=300,
                                          multiline=False))  # fmt: skip

    def estimated() -> bool:
        value = v.clean_yes_no(row.get("tonnes_estimated"), "tonnes_estimated")
        return True if value is None else value

    r.take("tonnes_estimated", estimated)
    return r
