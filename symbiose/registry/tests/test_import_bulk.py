"""The bulk import writes exactly what saving each row through the actions would write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.db import transaction

from symbiose.registry.actions import do_save_organisation, do_save_stream
from symbiose.registry.importers.listing import apply_import, plan_import
from symbiose.registry.importers.sources import read_paths
from symbiose.registry.models import AuditEvent, Organisation, Stream

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "listing"
SKIP = {"id", "created_at", "updated_at", "organisation_id"}


class Undo(Exception):
    pass


def snapshot() -> dict:
    def rows(model):
        out = {}
        for obj in model.objects.all():
            values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
            values = {k: v for k, v in values.items() if k not in SKIP}
            if model is Stream:
                values["organisation"] = obj.organisation.ref
            out[obj.ref] = values
        return out

    events = sorted(AuditEvent.objects.values_list("verb", "object_type", "object_ref", "data"),
                    key=repr)  # fmt: skip
    return {"orgs": rows(Organisation), "streams": rows(Stream), "audit": events}


def one_by_one(plan) -> None:
    orgs = {}
    for row in plan.rows:
        if row.sheet == "organisations":
            orgs[row.ref] = do_save_organisation(row.data, acting_user=None,
                                                 data_source="imported")[0]  # fmt: skip
    for row in plan.rows:
        if row.sheet == "streams":
            ref = row.data["organisation_ref"]
            org = orgs.get(ref) or Organisation.objects.get(ref=ref)
            do_save_stream(org, row.data, acting_user=None, data_source="imported")


def both_ways(folders: list[Path]) -> tuple[dict, dict]:
    results = []
    for way in ("bulk", "one by one"):
        with pytest.raises(Undo), transaction.atomic():
            for folder in folders:
                plan = plan_import(read_paths([folder]))
                assert plan.ok, plan.problems
                if way == "bulk":
                    apply_import(plan, acting_user=None)
                else:
                    one_by_one(plan)
            results.append(snapshot())
            raise Undo
    return results[0], results[1]


def test_a_bulk_import_writes_the_same_rows_and_audit_as_the_actions(db, tmp_path):
    second = tmp_path / "second"
    shutil.copytree(EXAMPLE, second)
    streams = (second / "streams.csv").read_text(encoding="utf-8").splitlines()
    streams[1] = streams[1].replace("Silikomanganslagg", "Silikomanganslagg (granulert)")
    streams[2] = streams[2].replace("EX-SMELTER", "EX-FISH", 1)  # moved to another company
    (second / "streams.csv").write_text("\n".join(streams) + "\n", encoding="utf-8")
    orgs = (second / "organisations.csv").read_text(encoding="utf-8").splitlines()
    orgs[1] = orgs[1].replace("58.1467", "59.1467")
    (second / "organisations.csv").write_text("\n".join(orgs) + "\n", encoding="utf-8")
    bulk, single = both_ways([EXAMPLE, second])
    assert bulk == single
    assert bulk["streams"]["EX-S-HEAT"]["organisation"] == "EX-FISH"
    assert ("updated", "stream", "EX-S-SLAG") in {a[:3] for a in bulk["audit"]}
    assert len(bulk["streams"]) >= 5 and len(bulk["audit"]) > len(bulk["streams"])
