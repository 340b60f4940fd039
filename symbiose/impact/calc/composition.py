"""Critical raw materials in a stream's composition: which, and what mass fraction.

A stream names the critical raw materials it contains (ids of the EU list) and may describe
its composition in words ("MnO 8 %, SiO2 45 %", "30 % Mn"). This module reads the share of
each named material's element from that text, converting an oxide to its element by molar
mass, so resources can count the tonnes contained. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["ATOMIC_MASS", "element_share", "crm_content"]

#: Standard atomic weights (IUPAC, rounded to 0.01) of the elements we read.
ATOMIC_MASS: dict[str, float] = {
    "O": 16.00, "Al": 26.98, "Si": 28.09, "Mn": 54.94, "Ti": 47.87, "Cu": 63.55,
    "Ni": 58.69, "Co": 58.93, "V": 50.94, "Mg": 24.31, "P": 30.97, "Li": 6.94, "Ba": 137.33,
    "Sr": 87.62, "Nb": 92.91, "Ta": 180.95, "W": 183.84, "Sb": 121.76, "Bi": 208.98,
    "Ga": 69.72, "Ge": 72.63, "B": 10.81, "F": 19.00, "Ca": 40.08, "C": 12.01,
}  # fmt: skip
_FORMULA = re.compile(r"([A-Z][a-z]?)(\d*)")
_AMOUNT = r"(\d+(?:[.,]\d+)?)\s*(?:%|wt\s*%|vekt\s*%)"
_TOKEN = r"([A-Z][A-Za-z0-9]*)"
_PAIRS = (re.compile(_TOKEN + r"\s*[:=]?\s*" + _AMOUNT), re.compile(_AMOUNT + r"\s*" + _TOKEN))


def _mass_share(formula: str, element: str) -> float | None:
    """Mass fraction of ``element`` in ``formula`` (``"MnO"`` -> 0.774), None if absent."""
    parts = _FORMULA.findall(formula)
    if "".join(sym + n for sym, n in parts) != formula:
        return None
    total = 0.0
    own = 0.0
    for sym, n in parts:
        if sym not in ATOMIC_MASS:
            return None
        mass = ATOMIC_MASS[sym] * (int(n) if n else 1)
        total += mass
        own += mass if sym == element else 0.0
    return own / total if own else None


def element_share(composition: str, element: str) -> float | None:
    """Mass fraction (0-1) of ``element`` stated in a composition text, or None.

    Examples
    --------
    >>> round(element_share("MnO 8 %, SiO2 45 %", "Mn"), 4)
    0.062
    >>> element_share("30 % Mn", "Mn")
    0.3
    >>> element_share("mostly sand", "Mn") is None
    True
    """
    best: float | None = None
    for pattern in _PAIRS:
        for match in pattern.finditer(composition or ""):
            groups = match.groups()
            token, amount = (groups[0], groups[1]) if pattern is _PAIRS[0] else groups[::-1]
            share = _mass_share(token, element)
            if share is None:
                continue
            value = float(amount.replace(",", ".")) / 100.0 * share
            if 0 < value <= 1:
                best = value if best is None else max(best, value)
    return best


def crm_content(
    crm_ids: Iterable[str], composition: str, elements: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, float], list[str]]:
    """Mass fractions of the named critical raw materials, and those with no stated share.

    Examples
    --------
    >>> crm_content(["manganese", "fluorspar"], "MnO 8 %", {"manganese": ("Mn",),
    ...     "fluorspar": ("F",)})
    ({'manganese': 0.0619...}, ['fluorspar'])
    """
    content: dict[str, float] = {}
    unknown: list[str] = []
    for crm in crm_ids:
        shares = [element_share(composition, el) for el in elements.get(crm, ())]
        found = [s for s in shares if s]
        if found:
            content[crm] = max(found)
        else:
            unknown.append(crm)
    return content, unknown
