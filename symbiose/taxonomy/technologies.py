"""The technology catalogue: generic recovery technologies for material classes and CRM.

Pure module (no Django), read once from ``data/technologies.csv`` (source and version in
``data/README.md``). Each technology is a generic route from public literature
(hydrometallurgical leaching, solvent extraction, pyrometallurgical recovery …), never a
company's claim, with a TRL range and its source. :func:`technologies_for` answers "which
technologies could recover something from this stream".

Examples
--------
>>> [t.id for t in technologies_for(crm_ids={"scandium"}, class_ids=set())][:2]
['acid-leaching', 'solvent-extraction']
>>> technologies_by_id()["solvent-extraction"].trl_high
9
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from symbiose.taxonomy.materials import ancestors

DATA_DIR = Path(__file__).parent / "data"
#: Version of ``data/technologies.csv``.
VERSION = "2026.1"


@dataclass(frozen=True)
class Technology:
    """A generic recovery technology, the material classes and CRM it applies to, its TRL
    range for side streams (a Symbiose estimate from the cited source) and the source."""

    id: str
    name_en: str
    name_nb: str
    family: str
    material_classes: tuple[str, ...]
    crm: tuple[str, ...]
    trl_low: int
    trl_high: int
    source: str
    note_en: str
    note_nb: str

    def name(self, lang: str = "nb") -> str:
        return self.name_nb if lang.startswith(("nb", "no", "nn")) else self.name_en

    def note(self, lang: str = "nb") -> str:
        return self.note_nb if lang.startswith(("nb", "no", "nn")) else self.note_en


def _split(text: str) -> tuple[str, ...]:
    return tuple(x for x in text.split(";") if x)


@lru_cache(maxsize=1)
def load_technologies() -> list[Technology]:
    """Every technology, in catalogue order."""
    with (DATA_DIR / "technologies.csv").open(encoding="utf-8", newline="") as fh:
        return [
            Technology(
                id=r["id"],
                name_en=r["name_en"],
                name_nb=r["name_nb"],
                family=r["family"],
                material_classes=_split(r["material_classes"]),
                crm=_split(r["crm"]),
                trl_low=int(r["trl_low"]),
                trl_high=int(r["trl_high"]),
                source=r["source"],
                note_en=r["note_en"],
                note_nb=r["note_nb"],
            )
            for r in csv.DictReader(fh)
        ]


@lru_cache(maxsize=1)
def technologies_by_id() -> dict[str, Technology]:
    return {t.id: t for t in load_technologies()}


def technologies_for(*, crm_ids: set[str], class_ids: set[str]) -> list[Technology]:
    """Technologies that recover one of ``crm_ids`` or treat one of ``class_ids`` (a class
    matches a technology listing it or one of its ancestors), those matching both first.

    Examples
    --------
    >>> [t.id for t in technologies_for(crm_ids=set(), class_ids={"spent_pot_lining"})]
    ['spl-treatment']
    """
    wanted = set(class_ids)
    for c in class_ids:
        wanted.update(ancestors(c))
    scored = []
    for i, t in enumerate(load_technologies()):
        by_crm = bool(crm_ids & set(t.crm))
        by_class = bool(wanted & set(t.material_classes))
        if by_crm or by_class:
            scored.append((-(by_crm + by_class), i, t))
    return [t for *_k, t in sorted(scored)]
