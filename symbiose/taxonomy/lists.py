"""The code lists other than EWC: critical raw materials, R/D operations and NACE Rev. 2.1.

Pure module (no Django). Each list is a shipped file read once into memory
(``functools.lru_cache``), so it is versioned with the code and identical on every database.
Sources and versions are in ``data/README.md``.

* :func:`load_crm` -- EU critical and strategic raw materials, Regulation (EU) 2024/1252
  (``data/crm.csv``).
* :func:`load_operations` -- recovery (R1-R13) and disposal (D1-D15) operations, Directive
  2008/98/EC Annexes I and II (``data/operations.csv``).
* :func:`load_nace` -- every NACE Rev. 2.1 code from python-stdnum's ``eu/nace21`` data, with
  Norwegian labels for sections and divisions from ``data/nace_nb.csv`` (SN2025 follows
  NACE 2.1 at these levels).

Examples
--------
>>> sum(1 for m in load_crm() if m.critical)
34
>>> load_operations()["R5"].kind
'recovery'
>>> nace_by_code()["24.42"].label_en
'Aluminium production'
>>> validate_nace("2442")
'24.42'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from symbiose.textmarks import N_

DATA_DIR = Path(__file__).parent / "data"

NACE_LEVELS = ("section", "division", "group", "class")


class TaxonomyError(ValueError):
    """A code that is not in its list.

    ``template`` is a translatable message marked with ``N_`` and ``params`` fills its
    ``{named}`` placeholders; ``str(error)`` is the English text.
    """

    def __init__(self, template: str, **params: str) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def pick_lang(lang: str, nb: str, en: str) -> str:
    """Return the Norwegian text for ``nb`` languages when there is one, else the English."""
    return nb if lang.startswith(("nb", "no", "nn")) and nb else en


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- Critical raw materials -------------------------------------------------------------------


@dataclass(frozen=True)
class CriticalRawMaterial:
    """One entry of the EU critical/strategic raw materials lists.

    ``critical`` means listed in Annex II section 1, ``strategic`` in Annex I section 1. One row
    per list entry: an entry in both annexes is one row; the rare earth elements for permanent
    magnets are an Annex I entry whose elements Annex II lists as heavy and light rare earths.
    """

    id: str
    name_en: str
    name_nb: str
    critical: bool
    strategic: bool
    elements: tuple[str, ...]
    note_en: str

    def name(self, lang: str = "nb") -> str:
        """Return the name in ``lang`` ("nb" or "en")."""
        return pick_lang(lang, self.name_nb, self.name_en)


@lru_cache(maxsize=1)
def load_crm() -> list[CriticalRawMaterial]:
    """Load the critical raw materials, in the Regulation's order.

    Examples
    --------
    >>> sum(1 for m in load_crm() if m.strategic)
    17
    """
    return [
        CriticalRawMaterial(
            id=row["id"],
            name_en=row["name_en"],
            name_nb=row["name_nb"],
            critical=row["critical"] == "1",
            strategic=row["strategic"] == "1",
            elements=tuple(e for e in row["elements"].split(";") if e),
            note_en=row["note_en"],
        )
        for row in _read_csv("crm.csv")
    ]


@lru_cache(maxsize=1)
def crm_by_id() -> dict[str, CriticalRawMaterial]:
    """Return the critical raw materials keyed by id (e.g. ``"copper"``)."""
    return {m.id: m for m in load_crm()}


# --- Recovery and disposal operations ---------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """A recovery (R) or disposal (D) operation of the Waste Framework Directive."""

    code: str
    kind: str
    title_en: str
    title_nb: str

    def title(self, lang: str = "nb") -> str:
        """Return the title in ``lang`` ("nb" or "en")."""
        return pick_lang(lang, self.title_nb, self.title_en)


@lru_cache(maxsize=1)
def load_operations() -> dict[str, Operation]:
    """Load R1-R13 and D1-D15, keyed by code, recovery first.

    Examples
    --------
    >>> [c for c in load_operations() if c.startswith("D")][-1]
    'D15'
    """
    return {
        row["code"]: Operation(row["code"], row["kind"], row["title_en"], row["title_nb"])
        for row in _read_csv("operations.csv")
    }


# --- NACE Rev. 2.1 ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NaceCode:
    """One NACE Rev. 2.1 code at any level.

    ``code`` is formatted as ``stdnum.eu.nace.format`` does ("C", "24", "24.4", "24.42");
    ``label_nb`` is empty where no Norwegian label is shipped (groups and classes), and
    :meth:`label` then falls back to English.
    """

    code: str
    level: str
    label_en: str
    label_nb: str
    parent: str | None

    def label(self, lang: str = "nb") -> str:
        """Return the label in ``lang``, falling back to English."""
        return pick_lang(lang, self.label_nb, self.label_en)


def _format_nace(compact: str) -> str:
    """Format a compact NACE code ("2442" -> "24.42"), like ``stdnum.eu.nace.format``."""
    return ".".join((compact[:2], compact[2:])).strip(".")


def _nace_label_en(label: str, level: str) -> str:
    """Sections are upper case in the source; show them in sentence case."""
    if level == "section" and label.isupper():
        return label[:1] + label[1:].lower()
    return label


@lru_cache(maxsize=1)
def load_nace() -> list[NaceCode]:
    """Load every NACE Rev. 2.1 code (sections, divisions, groups, classes) in list order.

    The English labels come from python-stdnum's ``eu/nace21`` database, walked through
    ``stdnum.numdb``; the Norwegian ones from ``data/nace_nb.csv``.

    Examples
    --------
    >>> codes = nace_by_code()
    >>> codes["24.4"].parent, codes["24"].parent
    ('24', 'C')
    """
    from stdnum import numdb

    labels_nb = {row["code"]: row["label_nb"] for row in _read_csv("nace_nb.csv")}
    db = numdb.get("eu/nace21")
    out: list[NaceCode] = []

    def add(compact: str, level: str, props: dict[str, str], parent: str | None) -> None:
        code = compact if level == "section" else _format_nace(compact)
        out.append(
            NaceCode(
                code=code,
                level=level,
                label_en=_nace_label_en(props.get("label", ""), level),
                label_nb=labels_nb.get(code, ""),
                parent=parent,
            )
        )

    for _length, low, _high, props, groups in db.prefixes:
        if low.isalpha():
            add(low, "section", props, None)
            continue
        add(low, "division", props, props.get("section"))
        for _gl, glow, _gh, gprops, classes in groups:
            add(low + glow, "group", gprops, low)
            for _cl, clow, _ch, cprops, _children in classes:
                add(low + glow + clow, "class", cprops, _format_nace(low + glow))
    # Sections come before their divisions in the source; keep that order.
    return out


@lru_cache(maxsize=1)
def nace_by_code() -> dict[str, NaceCode]:
    """Return every NACE code keyed by its formatted code ("C", "24", "24.4", "24.42")."""
    return {n.code: n for n in load_nace()}


def validate_nace(text: str) -> str:
    """Return the formatted NACE Rev. 2.1 code for ``text`` or raise :class:`TaxonomyError`.

    Accepts a section letter ("c"), a division ("24"), a group ("24.4" or "244") or a class
    ("24.42", "2442", " 24 42 "). Country-specific fifth digits are not NACE codes.

    Examples
    --------
    >>> validate_nace("c")
    'C'
    >>> validate_nace("99.99")
    Traceback (most recent call last):
        ...
    symbiose.taxonomy.lists.TaxonomyError: "99.99" is not a NACE Rev. 2.1 code.
    """
    raw = (text or "").strip()
    compact = "".join(ch for ch in raw if ch not in ". ").upper()
    code = compact if compact.isalpha() else _format_nace(compact)
    if code and code in nace_by_code():
        return code
    raise TaxonomyError(N_('"{code}" is not a NACE Rev. 2.1 code.'), code=raw)
