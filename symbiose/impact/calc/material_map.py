"""The value model of each material, gas and water class (``data/material_map.csv``).

A row says what the class replaces (virgin factor, typical price, substitution ratio), what
happens to such a stream today (its default ``route``) and what that route costs (disposal
factor and gate fee), with the reasoning in ``note`` (English) and ``note_nb`` (Norwegian
bokmål; every row has both, so a Norwegian page never shows an English note). See
``docs/impact-method.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from symbiose.impact.calc.factors import DATA_DIR

__all__ = ["ROUTES", "USED_ROUTES", "MaterialClass", "load_material_map"]

#: What happens to an offered stream today (its counterfactual), as stored on a stream.
ROUTES: tuple[str, ...] = (
    "landfill",
    "incineration",
    "treatment",
    "sold",
    "given_away",
    "land_spreading",
    "discharged",
    "vented",
    "unused",
)
#: Routes whose current use already draws the stream's benefit (substitution not recounted).
USED_ROUTES = frozenset({"sold", "given_away", "land_spreading"})


@dataclass(frozen=True)
class MaterialClass:
    """A row of ``material_map.csv``: the value model of a material (or gas, water) class.

    ``route`` is the default counterfactual (what happens to the stream today), ``fee_id``
    the gate fee its owner pays on that route, ``unit`` the unit its factors are per
    (``t`` or ``m3``) and ``density_kg_per_nm3`` turns a gas volume into tonnes. ``note``
    is the reasoning in English, ``note_nb`` the same in Norwegian; read it with
    :meth:`note_in`.
    """

    material_class: str
    virgin_factor_id: str
    disposal_factor_id: str
    price_id: str
    substitution_ratio: float = 1.0
    note: str = ""
    unit: str = "t"
    route: str = "landfill"
    fee_id: str = ""
    density_kg_per_nm3: float | None = None
    note_nb: str = ""

    def note_in(self, lang: str) -> str:
        """The reasoning in ``lang`` ("nb", "nn" and "no" read Norwegian, others English).

        Examples
        --------
        >>> row = load_material_map()["gypsum"]
        >>> row.note_in("en")
        'Industrial gypsum replacing natural gypsum 1:1 by mass'
        >>> row.note_in("nb")
        'Industrigips erstatter naturgips 1:1 etter masse'
        """
        return self.note_nb if (lang or "").startswith(("nb", "nn", "no")) else self.note


@lru_cache(maxsize=1)
def load_material_map(data_dir: Path = DATA_DIR) -> dict[str, MaterialClass]:
    """Material classes by id, from ``material_map.csv``.

    Examples
    --------
    >>> load_material_map()["gypsum"].virgin_factor_id
    'virgin.natural_gypsum'
    >>> load_material_map()["wood_clean"].route
    'sold'
    """
    result: dict[str, MaterialClass] = {}
    with (data_dir / "material_map.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            density = (row.get("density_kg_per_nm3") or "").strip()
            cls = MaterialClass(
                material_class=row["material_class"].strip(),
                virgin_factor_id=(row.get("virgin_factor_id") or "").strip(),
                disposal_factor_id=(row.get("disposal_factor_id") or "").strip(),
                price_id=(row.get("price_id") or "").strip(),
                substitution_ratio=float(row.get("substitution_ratio") or 1.0),
                note=(row.get("note") or "").strip(),
                unit=(row.get("unit") or "t").strip(),
                route=(row.get("route") or "landfill").strip(),
                fee_id=(row.get("fee_id") or "").strip(),
                density_kg_per_nm3=float(density) if density else None,
                note_nb=(row.get("note_nb") or "").strip(),
            )
            if cls.route not in ROUTES:
                raise ValueError(f"material_map.csv: unknown route {cls.route!r}")
            if bool(cls.note) != bool(cls.note_nb):
                raise ValueError(
                    f"material_map.csv: {cls.material_class!r} needs its note in both "
                    "languages (note and note_nb)"
                )
            result[cls.material_class] = cls
    return result
