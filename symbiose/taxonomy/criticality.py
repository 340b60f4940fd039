"""Criticality of the EU critical raw materials: main applications and the 2023 assessment's
supply-risk (SR) and economic-importance (EI) figures, each with its source.

Pure module (no Django), read once from ``data/crm_assessment.csv`` (one row per row of
``data/crm.csv``; source and version in ``data/README.md``). A figure is ``None`` when we could
not check it against the assessment (the Act's entry "rare earth elements for magnets" was not a
candidate of its own in the 2023 study): it is left empty rather than quoted from memory.

Examples
--------
>>> a = assessment()["gallium"]
>>> "semiconductors" in a.applications_en
True
>>> a.list_source.startswith("Regulation (EU) 2024/1252")
True
>>> (a.supply_risk, a.economic_importance)
(3.9, 3.7)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
#: Version of ``data/crm_assessment.csv``.
VERSION = "2026.2"
#: The source of every SR and EI figure in ``data/crm_assessment.csv`` (one study, one table).
FIGURES_SOURCE = (
    "European Commission (DG GROW), Study on the critical raw materials for the EU 2023 - Final "
    "report: results of the 2023 assessment (SR and EI); as transcribed in the public dataset "
    "erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets, "
    "Data/dimension_CRMsOverTime.csv, commit 59383504"
)
#: The 2023 assessment's criticality thresholds: a candidate is critical at or above both.
SR_THRESHOLD = 1.0
EI_THRESHOLD = 2.8


@dataclass(frozen=True)
class Assessment:
    """What the EU list and its assessment say about one critical raw material."""

    id: str
    applications_en: str
    applications_nb: str
    applications_source: str
    supply_risk: float | None
    economic_importance: float | None
    figures_source: str
    list_source: str

    def applications(self, lang: str = "nb") -> str:
        return self.applications_nb if lang.startswith(("nb", "no", "nn")) else self.applications_en


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@lru_cache(maxsize=1)
def assessment() -> dict[str, Assessment]:
    """The assessment rows keyed by CRM id (the ids of ``data/crm.csv``)."""
    with (DATA_DIR / "crm_assessment.csv").open(encoding="utf-8", newline="") as fh:
        return {
            r["id"]: Assessment(
                id=r["id"],
                applications_en=r["applications_en"],
                applications_nb=r["applications_nb"],
                applications_source=r["applications_source"],
                supply_risk=_number(r["supply_risk"]),
                economic_importance=_number(r["economic_importance"]),
                figures_source=r["figures_source"],
                list_source=r["list_source"],
            )
            for r in csv.DictReader(fh)
        }
