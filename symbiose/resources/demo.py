"""Demo resources: fictional organisations with composition, two deposits and an institute.

Loaded by ``symbiose demo`` after the demo region; data and what is made up in
``resources/demo/README.md``. Safe to run again: rows are upserted and replaced.
"""

from __future__ import annotations

import csv
from pathlib import Path

from symbiose.registry.importers.listing import ImportFailed, apply_import, plan_import
from symbiose.registry.importers.sources import read_paths
from symbiose.registry.models import Organisation, Stream
from symbiose.resources.actions import (
    do_delete_competence,
    do_save_competence,
    do_set_deposit,
    do_set_organisation_kind,
)

DEMO_DIR = Path(__file__).resolve().parent / "demo"
#: The hub the fictional organisations join (the process-industry cluster).
HUB = "agder-eyde"
#: The fictional organisation the demo company login administers: a demo login must never
#: act for a real company. Sørfjord needs fill and road base, which its saved slag search
#: serves, and it leaves the demo update round unanswered, so the login's home shows the task.
COMPANY_LOGIN_ORG = "ORG-DEMO-SORFJORD"


def _read(name: str) -> list[dict[str, str]]:
    with (DEMO_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def organisation_refs() -> list[str]:
    """The refs of the demo's fictional organisations."""
    return [r["ref"] for r in _read("organisations.csv")]


def load() -> None:
    """Import the demo's listing files, then deposits, organisation types and competences.

    ``symbiose demo`` then adds the organisations (:func:`organisation_refs`) to the hub
    :data:`HUB`: hubs live above resources.
    """
    plan = plan_import(read_paths([DEMO_DIR]))
    if not plan.ok:
        raise ImportFailed(plan)
    apply_import(plan, acting_user=None, data_source="imported")
    for row in _read("deposits.csv"):
        stream = Stream.objects.get(ref=row["stream_ref"])
        do_set_deposit(
            stream,
            {
                "setting": row["setting"],
                "accessibility": row["accessibility"],
                "permit_status": row["permit_status"],
                "owner": row["owner"],
                "source": row["source"],
                "tonnes_estimated": row["tonnes_estimated"] == "1",
            },
            acting_user=None,
        )
    for row in _read("kinds.csv"):
        org = Organisation.objects.get(ref=row["organisation_ref"])
        do_set_organisation_kind(org, row["kind"], acting_user=None)
    rows = _read("competences.csv")
    for org in Organisation.objects.filter(ref__in={r["organisation_ref"] for r in rows}):
        for comp in org.competences.all():
            do_delete_competence(comp, acting_user=None)
    from symbiose.taxonomy.technologies import technologies_by_id

    for row in rows:
        tech = technologies_by_id().get(row["technology"])
        do_save_competence(
            Organisation.objects.get(ref=row["organisation_ref"]),
            {
                "kind": row["kind"],
                "title": row["title"],
                "description": row["description"],
                "technology": row["technology"],
                "crm": [c for c in row["crm"].split(";") if c],
                "material_classes": list(tech.material_classes) if tech else [],
                "trl": int(row["trl"]) if row["trl"] else None,
            },
            acting_user=None,
        )
