"""Validation of registry values as people type them, shared by forms, imports and the API.

Pure module (no Django): each ``clean_*`` takes the raw text (or ``None``) and returns the
stored value, or raises :class:`FieldError` with a translatable message template, so the
same rule gives the same message in every entry point and in every language.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from pathlib import Path

from stdnum import exceptions as stdnum_exceptions
from stdnum.eu import nace as stdnum_nace
from stdnum.no import orgnr

from symbiose.registry.units import PERIODS_PER_YEAR, QuantityError, normalise_unit
from symbiose.taxonomy import categories, ewc
from symbiose.textmarks import N_

DIRECTION_WORDS = {"offer": "offer", "tilbud": "offer", "need": "need", "behov": "need"}
CATEGORY_WORDS = categories.CATEGORY_WORDS
VISIBILITY_WORDS = {
    "public": "public",
    "offentlig": "public",
    "members": "members",
    "medlemmer": "members",
    "facilitator": "facilitator",
    "fasilitator": "facilitator",
}
LEGAL_STATUS_WORDS = {
    "waste": "waste",
    "avfall": "waste",
    "by-product": "by-product",
    "biprodukt": "by-product",
    "end-of-waste": "end-of-waste",
    "end of waste": "end-of-waste",
    "ikke lenger avfall": "end-of-waste",
    "product": "product",
    "produkt": "product",
}
#: What an offered stream does today (its counterfactual) -- mirrors impact's ROUTES.
OFFER_PRACTICES = ("landfill", "incineration", "treatment", "sold", "given_away",
                   "land_spreading", "discharged", "vented", "unused")  # fmt: skip
#: What a receiver uses today -- mirrors impact's RECEIVER_SUPPLIES.
NEED_PRACTICES = ("virgin", "none", "electricity", "natural_gas", "fuel_oil", "heavy_fuel_oil",
                  "lpg", "wood_pellets", "district_heat", "petroleum_coke")  # fmt: skip
CURRENT_PRACTICE_WORDS = {
    **{w: w for w in OFFER_PRACTICES + NEED_PRACTICES},
    "deponi": "landfill", "deponert": "landfill", "forbrenning": "incineration",
    "forbrent": "incineration", "behandling": "treatment", "solgt": "sold",
    "gitt bort": "given_away", "spredd på jord": "land_spreading", "sluppet ut": "discharged",
    "fakket": "vented", "ubrukt": "unused", "nytt råstoff": "virgin", "ingenting": "none",
    "strøm": "electricity", "naturgass": "natural_gas", "fyringsolje": "fuel_oil",
    "tungolje": "heavy_fuel_oil", "trepellets": "wood_pellets", "fjernvarme": "district_heat",
    "petrolkoks": "petroleum_coke",
}  # fmt: skip
PERIOD_WORDS = {
    **{p: p for p in PERIODS_PER_YEAR},
    "år": "year",
    "måned": "month",
    "uke": "week",
    "dag": "day",
    "time": "hour",
    "engang": "once",
}
YES_WORDS = {
    "yes": True,
    "ja": True,
    "true": True,
    "1": True,
    "y": True,
    "j": True,
    "no": False,
    "nei": False,
    "false": False,
    "0": False,
    "n": False,
}
SENSITIVE = (
    "identity",
    "quantity",
    "description",
    "location",
    "ewc_code",
    "price",
    "composition",
    "analysis",
)
#: Sensitive fields of a new stream when none are given: an analysis (element and compound
#: contents, ``resources.CompositionRow``) tells much about a process, so it is hidden until
#: the company chooses to show it.
DEFAULT_SENSITIVE = ("analysis",)


class FieldError(ValueError):
    """A value that breaks a rule; ``template`` is translatable, ``params`` fill it."""

    def __init__(self, field: str, template: str, **params: object) -> None:
        self.field = field
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, from the shipped tz-database table."""
    path = Path(__file__).parent / "data" / "iso3166.tab"
    codes = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes.add(line.split("\t", 1)[0])
    return frozenset(codes)


def clean_required_text(value: object, field: str, max_length: int = 200) -> str:
    """A one-line text that must be given (see :func:`clean_text` for what is refused)."""
    return clean_text(value, field, max_length=max_length, required=True, multiline=False)


def clean_ref(value: object, field: str = "ref") -> str:
    """A user's own key: letters, digits, dot, dash, underscore; unique within the sheet."""
    text = clean_required_text(value, field, 80)
    if not re.fullmatch(r"[A-Za-z0-9ÆØÅæøå._\-]+", text):
        raise FieldError(
            field, N_("{value} is not a valid reference: use letters, digits, - _ or ."), value=text
        )
    return text


def clean_org_number(value: object, country: str = "NO") -> str:
    """A Norwegian organisation number: nine digits with a mod-11 check digit."""
    text = _text(value).replace(" ", "")
    if not text or country != "NO":
        return text
    try:
        return orgnr.validate(text)
    except stdnum_exceptions.InvalidChecksum:
        raise FieldError(
            "org_number",
            N_("{value} is not a valid organisation number (check digit is wrong)"),
            value=text,
        ) from None
    except stdnum_exceptions.ValidationError:
        raise FieldError(
            "org_number",
            N_("{value} is not a valid organisation number: it must be nine digits"),
            value=text,
        ) from None


def clean_nace(value: object) -> str:
    """A NACE Rev. 2.1 code, stored as written by Eurostat ("24.42")."""
    text = _text(value)
    if not text:
        return ""
    try:
        return stdnum_nace.format(stdnum_nace.validate(text))
    except stdnum_exceptions.ValidationError:
        raise FieldError("nace", N_("{value} is not a NACE Rev. 2.1 code"), value=text) from None


def clean_country(value: object) -> str:
    text = _text(value).upper() or "NO"
    if text not in country_codes():
        raise FieldError(
            "country", N_("{value} is not an ISO country code (two letters, e.g. NO)"), value=text
        )
    return text


def clean_float(
    value: object, field: str, *, minimum: float | None = None, maximum: float | None = None
) -> float | None:
    """A number as people write it: "1 200,5" or "1200.5"; empty means unknown."""
    text = _text(value).replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise FieldError(field, N_("{value} is not a number"), value=_text(value)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise FieldError(field, N_("{value} is not a number"), value=_text(value))
    if minimum is not None and number < minimum:
        raise FieldError(field, N_("must be at least {min}"), min=_plain(minimum))
    if maximum is not None and number > maximum:
        raise FieldError(field, N_("must be at most {max}"), max=_plain(maximum))
    return number


def _plain(number: float) -> str:
    """A bound as people read it: 1000000000000, not 1e+12 or 1000000000000.0."""
    return str(int(number)) if float(number).is_integer() else str(number)


def clean_choice(
    value: object, field: str, words: dict[str, str], *, required: bool = True, default: str = ""
) -> str:
    text = _text(value).lower()
    if not text:
        if required and not default:
            raise FieldError(field, N_("this field is required"))
        return default
    if text not in words:
        choices = ", ".join(sorted(set(words.values())))
        raise FieldError(
            field,
            N_("{value} is not allowed here; use one of {choices}"),
            value=_text(value),
            choices=choices,
        )
    return words[text]


def clean_yes_no(value: object, field: str) -> bool | None:
    text = _text(value).lower()
    if not text:
        return None
    if text not in YES_WORDS:
        raise FieldError(
            field, N_("{value} is not allowed here; use yes or no"), value=_text(value)
        )
    return YES_WORDS[text]


def clean_ewc(value: object) -> str:
    """An EWC code in any common spelling; returns six digits."""
    text = _text(value)
    if not text:
        return ""
    try:
        return ewc.normalise_ewc(text)
    except ewc.EwcError as err:
        raise FieldError("ewc_code", err.template, **err.params) from None


def clean_unit(value: object) -> str:
    text = _text(value)
    if not text:
        return ""
    try:
        return normalise_unit(text)
    except QuantityError as err:
        raise FieldError("unit", err.template, **err.params) from None


def clean_list(value: object, field: str, allowed: set[str] | tuple[str, ...]) -> list[str]:
    """A semicolon-separated list of known identifiers, kept in a stable order."""
    items = [p.strip() for p in re.split(r"[;,]", _text(value)) if p.strip()]
    unknown = [p for p in items if p not in allowed]
    if unknown:
        raise FieldError(
            field,
            N_("unknown value(s): {values}; allowed: {choices}"),
            values=", ".join(unknown),
            choices=", ".join(sorted(allowed)),
        )
    return sorted(set(items), key=items.index)


def clean_date(value: object, field: str) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldError(field, N_("{value} is not a date (use 2026-03-31 or 31.03.2026)"), value=text)


# --- Web security (issue 11, points 8 and 9): bounds and one rule for every text ----------
#: Largest quantity per period (t, MWh, m3 …): far above any plant, far below overflow, so
#: an annual figure (x 8 766 hours) and every sum stay finite numbers in JSON and on maps.
MAX_QUANTITY = 1e12
#: Largest price, paid or received, in NOK per unit.
MAX_PRICE = 1e9
#: Longest free text (descriptions, composition, notes, messages): a page must stay readable.
LONG_TEXT = 5000
#: Characters that reorder or hide text (bidi controls): they make a title read differently
#: from what it is (e.g. a file name or an amount shown backwards).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FORBIDDEN = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_BIDI}]")
#: What the exports put in front of text a spreadsheet would read as a formula.
_ESCAPED_FORMULA = re.compile(r"'[=+\-@\t\r]")


def unescape_cell(text: str) -> str:
    """Drop the apostrophe the exports put before ``= + - @`` (``symbiose.spreadsheet``)."""
    return text[1:] if _ESCAPED_FORMULA.match(text) else text


def forbidden_character(text: str) -> tuple[str, int] | None:
    """The first control, bidi or lone-surrogate character in ``text`` and its position (1-)."""
    found = _FORBIDDEN.search(text)
    return (f"U+{ord(found.group()):04X}", found.start() + 1) if found else None


def clean_text(
    value: object,
    field: str,
    *,
    max_length: int = LONG_TEXT,
    required: bool = False,
    multiline: bool = True,
) -> str:
    """A text as typed: trimmed, one line unless ``multiline``, at most ``max_length`` long.

    Refuses NUL, other control characters (tab and line breaks are allowed in multi-line
    text; in one-line text any run of white space becomes one space) and characters that
    reorder text (bidi controls), naming the character and its position, so nothing is
    silently dropped and nothing can break an export or a page later.
    """
    text = unescape_cell(_text(value))
    if not multiline:
        text = " ".join(text.split())
    if required and not text:
        raise FieldError(field, N_("this field is required"))
    bad = forbidden_character(text)
    if bad:
        raise FieldError(
            field,
            N_("contains an invisible control character ({char}) at position {position}"),
            char=bad[0],
            position=bad[1],
        )
    if len(text) > max_length:
        raise FieldError(field, N_("must be at most {max} characters"), max=max_length)
    return text
