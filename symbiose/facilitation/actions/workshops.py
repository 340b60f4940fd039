"""Writes for workshops: plan one, capture streams into it from the listing template."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q

from symbiose.facilitation.import_scope import clashes
from symbiose.facilitation.models import Hub, Workshop
from symbiose.registry.actions import audit
from symbiose.registry.importers.listing import ImportFailed, ImportPlan, apply_import
from symbiose.registry.models import Organisation, Stream


@transaction.atomic
def do_save_workshop(
    hub: Hub,
    values: Mapping[str, Any],
    *,
    invited: Iterable[Organisation] = (),
    workshop: Workshop | None = None,
    acting_user: Any,
) -> Workshop:
    fields = ("title", "date", "place", "next_steps")
    if workshop is None:
        workshop = Workshop.objects.create(hub=hub, **{f: values[f] for f in fields if f in values})
        verb = "workshop-created"
    else:
        for f in fields:
            if f in values:
                setattr(workshop, f, values[f])
        workshop.save()
        verb = "workshop-updated"
    workshop.invited.set(list(invited))
    audit(acting_user, verb, hub, workshop=workshop.pk, title=workshop.title)
    return workshop


@transaction.atomic
def do_capture_streams(
    hub: Hub, plan: ImportPlan, *, workshop: Workshop | None = None, acting_user: Any
) -> dict[str, int]:
    """Apply a clean listing-template plan for the hub (see ``facilitation/import_scope.py``).

    Raises :class:`ImportFailed`, writing nothing, if a row would change an organisation or
    stream outside the hub. Organisations the plan creates join the hub (the facilitator
    registered them); existing ones are members already.
    """
    problems = clashes(hub, plan)
    if problems:
        raise ImportFailed(ImportPlan(rows=plan.rows, problems=problems))
    created = [r.ref for r in plan.rows if r.sheet == "organisations" and r.action == "create"]
    counts = apply_import(plan, acting_user=acting_user, data_source="workshop")
    members = hub.members.values("id")
    org_refs = {r.ref for r in plan.rows if r.sheet == "organisations"}
    org_refs |= {r.data["organisation_ref"] for r in plan.rows if r.sheet == "streams"}
    orgs = list(Organisation.objects.filter(Q(ref__in=created) | Q(id__in=members),
                                            ref__in=org_refs))  # fmt: skip
    stream_refs = [r.ref for r in plan.rows if r.sheet == "streams"]
    hub.members.add(*orgs)
    if workshop is not None:
        workshop.invited.add(*orgs)
        workshop.streams.add(*Stream.objects.filter(ref__in=stream_refs))
    audit(
        acting_user,
        "workshop-capture" if workshop else "imported",
        hub,
        workshop=workshop.pk if workshop else None,
        streams=len(stream_refs),
        **counts,
    )
    return counts
