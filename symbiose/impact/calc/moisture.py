"""The water share a stream's owner states in its description or composition.

A fuel's water decides what it is worth (``calc/energy_recovery.py``): 19 MJ/kg of dry wood
gives 15 MJ/kg at 15 % water and 9 MJ/kg at 45 %. An owner who writes "fuktighet 45 %",
"vanninnhold ca. 50 %", "moisture content 30%", "tørrstoff 63 %" or the moisture class of
ISO 17225 ("M35": at most 35 %) is taken at their word. Pure Python.
"""

from __future__ import annotations

import re

__all__ = ["stated_moisture"]

_NUMBER = r"(?:ca\.?\s*|about\s*|approx\.?\s*|omtrent\s*|~\s*)?(\d{1,2}(?:[.,]\d+)?)\s*%"
_WATER = (r"fukt(?:ighet|innhold)?|vann(?:innhold)?|moisture(?:\s+content)?|"
          r"water(?:\s+content)?|h2o|mc")  # fmt: skip
_DRY = r"t(?:ø|o)rrstoff(?:innhold)?|ts|dry\s+matter(?:\s+content)?|dm|dry\s+solids"
_GAP = r"\s*(?:[:=]|er|is|of|på|av)?\s*"
_PATTERNS = (
    (re.compile(rf"\b(?:{_WATER}){_GAP}{_NUMBER}", re.I), False),
    (re.compile(rf"{_NUMBER}\s*(?:{_WATER})\b", re.I), False),
    (re.compile(rf"\b(?:{_DRY}){_GAP}{_NUMBER}", re.I), True),
    (re.compile(rf"{_NUMBER}\s*(?:{_DRY})\b", re.I), True),
)
#: ISO 17225 moisture classes of wood chips and hog fuel: "M35" means at most 35 %.
_CLASS = re.compile(r"\bM(10|15|20|25|30|35|40|45|50|55|60|65)\+?(?!\w|[.,]\d)")


def stated_moisture(*texts: str) -> float | None:
    """The water share (0-1, wet basis) the first text that states one gives, else ``None``.

    Examples
    --------
    >>> stated_moisture("Bark, fuktighet ca. 55 %")
    0.55
    >>> stated_moisture("Sagflis med 45% vann")
    0.45
    >>> stated_moisture("Brødrester, tørrstoff 63 %")
    0.37
    >>> stated_moisture("Flis M35, P31S")
    0.35
    >>> stated_moisture("Bark fra sagbruket", "") is None
    True
    """
    for text in texts:
        for pattern, dry in _PATTERNS:
            match = pattern.search(text or "")
            if match:
                share = float(match.group(1).replace(",", ".")) / 100.0
                share = 1.0 - share if dry else share
                if 0.0 <= share < 0.95:
                    return round(share, 4)
        match = _CLASS.search(text or "")
        if match:
            return int(match.group(1)) / 100.0
    return None
