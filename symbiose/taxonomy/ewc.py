"""The European List of Waste (EWC / LoW) as shipped data.

Pure module (no Django). The list is ``data/ewc.csv``: Commission Decision 2000/532/EC as
amended by Decision 2014/955/EU (in force since 1 June 2015) -- 20 chapters, 111 sub-chapters
and 842 six-digit entries, 408 of them hazardous. Sources, checks and open points are in
``data/README.md``.

Codes are stored as six digits without spaces (``"100105"``) and shown as ``"10 01 05"``, with
``*`` for hazardous entries (``"16 11 01*"``). Chapters ("10") and sub-chapters ("1001") are in
the same mapping so that a code's parents can be looked up.

Error messages are templates marked with :func:`symbiose.textmarks.N_`; :class:`EwcError`
carries ``template`` and ``params`` so the Django side can translate them.

Examples
--------
>>> normalise_ewc("16 11 01*")
'161101'
>>> load_ewc()["161101"].display
'16 11 01*'
>>> is_hazardous("10.01.05")
False
>>> parents("100105")
('10', '1001')
>>> mirror_of("100114")
('100115',)
>>> load_ewc()["1001"].title("nb")
'Avfall fra kraftverk og andre forbrenningsanlegg (unntatt kategori 19)'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from symbiose.textmarks import N_

DATA_FILE = Path(__file__).parent / "data" / "ewc.csv"

LEVELS = ("chapter", "subchapter", "entry")

MSG_FORMAT = N_("EWC code must have six digits, e.g. 10 01 05")
MSG_UNKNOWN = N_("unknown EWC code {code}")
MSG_NOT_HAZARDOUS = N_("{code} is not a hazardous entry; remove the *")

# Six digits, optionally grouped in pairs by spaces, dots, hyphens or slashes; optional "*".
_CODE_RE = re.compile(r"^(\d{2})[\s./-]*(\d{2})[\s./-]*(\d{2})\s*(\*?)$")


class EwcError(ValueError):
    """A malformed or unknown EWC code.

    ``template`` is a translatable message marked with ``N_`` and ``params`` fills its
    ``{named}`` placeholders; ``str(error)`` is the English text.

    Examples
    --------
    >>> err = EwcError(MSG_UNKNOWN, code="10 01 77")
    >>> str(err), err.params
    ('unknown EWC code 10 01 77', {'code': '10 01 77'})
    """

    def __init__(self, template: str, **params: str) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


@dataclass(frozen=True)
class EwcEntry:
    """One row of the list: a chapter, a sub-chapter or a six-digit entry.

    ``hazardous``, ``hazard_type`` ("absolute" or "mirror") and ``mirror_codes`` are only
    set for entries. ``title_nb`` is empty where no Norwegian title is known;
    ``title_nb_source`` says whether it is the Norwegian list's wording ("official") or our
    own ("symbiose").
    """

    code: str
    level: str
    chapter: str
    subchapter: str
    hazardous: bool
    hazard_type: str
    mirror_codes: tuple[str, ...]
    title_en: str
    title_nb: str
    title_nb_source: str

    @property
    def display(self) -> str:
        """The code in pairs of digits, with ``*`` for hazardous entries ("16 11 01*")."""
        return spaced(self.code, hazardous=self.hazardous)

    def title(self, lang: str) -> str:
        """The title in ``lang``; Norwegian (nb/no/nn) falls back to English when missing."""
        if lang.lower().startswith(("nb", "no", "nn")) and self.title_nb:
            return self.title_nb
        return self.title_en


def _level_of(code: str) -> str:
    return {2: "chapter", 4: "subchapter", 6: "entry"}[len(code)]


def _entry(row: dict[str, str]) -> EwcEntry:
    code = row["code"]
    level = row["level"]
    if level != _level_of(code):
        raise ValueError(f"ewc.csv: {code} has level {level!r}")
    is_entry = level == "entry"
    return EwcEntry(
        code=code,
        level=level,
        chapter=code[:2],
        subchapter=code[:4] if len(code) > 2 else "",
        hazardous=is_entry and row["hazardous"] == "1",
        hazard_type=row["hazard_type"] if is_entry else "",
        mirror_codes=tuple(c for c in row["mirror_codes"].split(";") if c),
        title_en=row["title_en"],
        title_nb=row["title_nb"],
        title_nb_source=row["title_nb_source"],
    )


@lru_cache(maxsize=1)
def load_ewc() -> dict[str, EwcEntry]:
    """Every chapter, sub-chapter and entry, keyed by digit code, in list order.

    Examples
    --------
    >>> sum(1 for e in load_ewc().values() if e.level == "chapter")
    20
    """
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [_entry(row) for row in csv.DictReader(handle)]
    return {row.code: row for row in rows}


def entries() -> list[EwcEntry]:
    """The six-digit entries only, in list order.

    Examples
    --------
    >>> len(entries())
    842
    """
    return [e for e in load_ewc().values() if e.level == "entry"]


def spaced(code: str | None, *, hazardous: bool = False) -> str:
    """An EWC code as people write it: digits in pairs, ``*`` after a hazardous entry; empty
    for no code. The one display function: pages, exports, reasons and messages use it.

    >>> spaced("100105"), spaced("161101", hazardous=True), spaced("1001"), spaced("")
    ('10 01 05', '16 11 01*', '10 01', '')
    """
    digits = (code or "").replace(" ", "")
    text = " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    return text + "*" if text and hazardous else text


def normalise_ewc(text: str) -> str:
    """Return the six-digit code for ``text`` or raise :class:`EwcError`.

    Accepts "10 01 05", "100105", "10.01.05", "10-01-05", "16 11 01*" and "161101 *".
    A ``*`` is only allowed on hazardous entries.

    Examples
    --------
    >>> normalise_ewc(" 10.01.05 ")
    '100105'
    >>> normalise_ewc("10 01 77")
    Traceback (most recent call last):
    ...
    symbiose.taxonomy.ewc.EwcError: unknown EWC code 10 01 77
    """
    match = _CODE_RE.match(str(text).strip())
    if not match:
        raise EwcError(MSG_FORMAT)
    code = "".join(match.group(1, 2, 3))
    entry = load_ewc().get(code)
    if entry is None:
        raise EwcError(MSG_UNKNOWN, code=spaced(code))
    if match.group(4) and not entry.hazardous:
        raise EwcError(MSG_NOT_HAZARDOUS, code=spaced(code))
    return code


def is_hazardous(code: str) -> bool:
    """Whether the entry is marked hazardous (``*``) in the list; ``code`` in any spelling."""
    return load_ewc()[normalise_ewc(code)].hazardous


def parents(code: str) -> tuple[str, ...]:
    """The chapter and sub-chapter codes of an entry, e.g. ``("10", "1001")``."""
    entry = load_ewc()[normalise_ewc(code)]
    return (entry.chapter, entry.subchapter)


def mirror_of(code: str) -> tuple[str, ...]:
    """The linked mirror entries: the non-hazardous counterparts of a hazardous mirror entry,
    or the hazardous one(s) of a non-hazardous mirror entry; empty for absolute entries."""
    return load_ewc()[normalise_ewc(code)].mirror_codes
