"""The fuel a receiver says it burns today, read from the words of its need.

A steam need that says "i dag gassfyrt kjel" (a gas-fired boiler today) tells what a fuel
offered to it replaces (``calc/energy_recovery.py``): natural gas, not the wood chips taken
by default. Only boiler words count ("gassfyrt", "oljekjel", "elkjel", "oil-fired"), never a
fuel named alone ("oljeutvinning" is oil extraction); a need that names two fuels says
nothing certain, so none is read. Pure Python.
"""

from __future__ import annotations

import re

__all__ = ["stated_fuel"]

_FUELS = (
    ("natural_gas", r"gassfyrt\w*|gasskjel\w*|gassfyring|naturgasskjel\w*|gas[- ]fired|"
                    r"(?:natural )?gas boilers?|\blng\b"),
    ("fuel_oil", r"oljefyrt\w*|oljekjel\w*|fyringsolje|lettolje|oil[- ]fired|oil boilers?|"
                 r"heating oil|light fuel oil"),
    ("heavy_fuel_oil", r"tungolje\w*|heavy fuel oil|\bhfo\b"),
    ("electricity", r"\bel-?kjel\w*|\bel- og\b|elektrokjel\w*|elektrisk(?:e)? kjel\w*|"
                    r"electric(?:al)? boilers?|electrode boilers?"),
    ("lpg", r"propan\w*|\blpg\b"),
    ("wood_pellets", r"pelletskjel\w*|pelletsfyrt\w*|pellet boilers?"),
    ("petroleum_coke", r"sementovn\w*|cement kilns?|kalkovn\w*|lime kilns?|petrolkoks|"
                       r"petcoke|petroleum coke|kullfyrt\w*|coal[- ]fired"),
)  # fmt: skip
_PATTERNS = tuple((fuel, re.compile(pattern, re.I)) for fuel, pattern in _FUELS)


def stated_fuel(*texts: str) -> str | None:
    """The one fuel the texts say a boiler (or a kiln) burns today, else None: a key of
    ``co2.FUELS``, or ``petroleum_coke`` for a cement or lime kiln (coke or coal).

    Examples
    --------
    >>> stated_fuel("Damp til tørking og oljeutvinning", "Dampbehov; i dag gassfyrt kjel.")
    'natural_gas'
    >>> stated_fuel("Process steam", "Our oil-fired boiler runs all year")
    'fuel_oil'
    >>> stated_fuel("Varme", "Fase ut el- og oljekjeler") is None
    True
    >>> stated_fuel("Damp til tørking og oljeutvinning") is None
    True
    >>> stated_fuel("Alternative fuels for the cement kiln")
    'petroleum_coke'
    """
    text = " ".join(t for t in texts if t)
    found = {fuel for fuel, pattern in _PATTERNS if pattern.search(text)}
    return found.pop() if len(found) == 1 else None
