"""Chemical elements and compound formulas, for composition rows.

Pure module (no Django). ``data/elements.csv`` lists elements 1–92 with English and
Norwegian names and standard atomic weights (source in ``data/README.md``). A composition row
names an element (``Ga``, ``gallium``, ``kobolt``) or a compound by its formula (``Al2O3``,
``CaSO4·2H2O``); :func:`read_substance` turns either into its canonical spelling and
:func:`element_fraction` gives how much of a compound's mass one element is, so contained
tonnes of a critical raw material can be counted from an oxide analysis too.

Examples
--------
>>> read_substance("gallium")
'Ga'
>>> read_substance("al2o3")
Traceback (most recent call last):
...
ValueError: al2o3
>>> sorted(elements_in("Ga2O3"))
['Ga', 'O']
>>> round(element_fraction("Ga2O3", "Ga"), 3)
0.744
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*(?:\.\d+)?)|(\()|(\))(\d*)|([·.*])(\d*)")


@dataclass(frozen=True)
class Element:
    """One chemical element; ``atomic_weight`` is ``None`` for elements with no stable isotope
    (no standard atomic weight)."""

    symbol: str
    name_en: str
    name_nb: str
    atomic_weight: float | None


@lru_cache(maxsize=1)
def elements() -> dict[str, Element]:
    """Elements keyed by symbol."""
    with (DATA_DIR / "elements.csv").open(encoding="utf-8", newline="") as fh:
        return {
            r["symbol"]: Element(
                r["symbol"],
                r["name_en"],
                r["name_nb"],
                float(r["atomic_weight"]) if r["atomic_weight"] else None,
            )
            for r in csv.DictReader(fh)
        }


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in elements().values():
        out[e.name_en.lower()] = e.symbol
        out[e.name_nb.lower()] = e.symbol
    out["aluminum"] = "Al"
    out["sulphur"] = "S"
    out["cesium"] = "Cs"
    return out


def _parse(formula: str) -> dict[str, float] | None:
    """Atom counts of ``formula`` (``None`` when it is not a formula of known elements).

    Handles groups in parentheses and hydrate dots (``CaSO4·2H2O``).
    """
    stack: list[dict[str, float]] = [{}]
    pos = 0
    multiplier = 1.0  # after a hydrate dot, the number in front multiplies the next part
    known = elements()
    parts: list[dict[str, float]] = []
    while pos < len(formula):
        m = _TOKEN.match(formula, pos)
        if not m:
            return None
        pos = m.end()
        symbol, count, open_, close, close_count, dot, dot_count = m.groups()
        if symbol:
            if symbol not in known:
                return None
            n = float(count) if count else 1.0
            stack[-1][symbol] = stack[-1].get(symbol, 0.0) + n
        elif open_:
            stack.append({})
        elif close:
            if len(stack) == 1:
                return None
            group = stack.pop()
            n = float(close_count) if close_count else 1.0
            for k, c in group.items():
                stack[-1][k] = stack[-1].get(k, 0.0) + c * n
        elif dot:
            if len(stack) != 1:
                return None
            parts.append({k: c * multiplier for k, c in stack[0].items()})
            stack = [{}]
            multiplier = float(dot_count) if dot_count else 1.0
    if len(stack) != 1 or not stack[0]:
        return None
    parts.append({k: c * multiplier for k, c in stack[0].items()})
    out: dict[str, float] = {}
    for part in parts:
        for k, c in part.items():
            out[k] = out.get(k, 0.0) + c
    return out


def read_substance(text: str) -> str:
    """The canonical spelling of an element or formula; ``ValueError`` if it is neither.

    An element may be given by name in English or Norwegian, or by its symbol in any case
    (``ga``); a compound must be written as a formula with correct capitals (``Al2O3``: a
    lower-case ``co`` could be cobalt or carbon monoxide only as a single symbol, read as
    cobalt).

    Examples
    --------
    >>> read_substance(" Kobolt ")
    'Co'
    >>> read_substance("SiO2")
    'SiO2'
    """
    s = text.strip().replace(" ", "")
    if not s:
        raise ValueError(text)
    name = _names().get(s.lower())
    if name:
        return name
    if len(s) <= 2 and s.isalpha():
        symbol = s[0].upper() + s[1:].lower()
        if symbol in elements():
            return symbol
    if _parse(s) is None:
        raise ValueError(text)
    return s


def elements_in(substance: str) -> frozenset[str]:
    """The element symbols in a canonical substance (empty if it cannot be read)."""
    atoms = _parse(substance)
    return frozenset(atoms) if atoms else frozenset()


def element_fraction(substance: str, symbol: str) -> float | None:
    """Mass fraction of element ``symbol`` in ``substance`` (1.0 for the element itself).

    ``None`` when an atomic weight needed is unknown or the substance cannot be read; 0.0
    when the element is not in it.

    Examples
    --------
    >>> element_fraction("Ga", "Ga")
    1.0
    >>> round(element_fraction("Al2O3", "Al"), 4)
    0.5293
    """
    atoms = _parse(substance)
    if not atoms:
        return None
    if symbol not in atoms:
        return 0.0
    if atoms == {symbol: atoms[symbol]}:
        return 1.0
    known = elements()
    total = 0.0
    for k, n in atoms.items():
        w = known[k].atomic_weight
        if w is None:
            return None
        total += w * n
    return known[symbol].atomic_weight * atoms[symbol] / total
