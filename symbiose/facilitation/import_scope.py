"""What a hub's import may touch, and how its preview looks to the facilitator (issue 11.3).

A hub import (upload or capture grid) may create organisations and streams, and change only
those of the hub's members. The listing-template planner (``registry.importers.listing``)
compares rows with the whole registry; :func:`scope_plan` then makes every existing reference
outside the hub read exactly as a reference that does not exist:

* an organisation or stream row whose reference belongs to a non-member is planned as
  "create" with no changes (the planner's "unchanged" or its list of changed fields would tell
  the facilitator the hidden owner or the hidden quantity);
* a stream row naming a non-member organisation (not defined in the file) gets the planner's
  own "no organisation with reference …" problem, in the same place.

Writing such a row would overwrite another hub's data, so :func:`clashes` reports each one
when the facilitator confirms ("reference … is already taken"): that is all it tells, and only
for a reference the facilitator typed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from symbiose.facilitation.models import Hub
from symbiose.registry.importers.composition import NO_STREAM
from symbiose.registry.importers.deposits import NOT_A_STOCK
from symbiose.registry.importers.listing import ImportPlan, Problem
from symbiose.registry.models import Organisation, Stream
from symbiose.textmarks import N_

#: The planner's message for an unknown organisation; repeated here word for word so that a
#: non-member organisation reads exactly like a missing one.
NO_ORGANISATION = N_("no organisation with reference {ref} in the file or the registry")
TAKEN = N_("reference {ref} is already taken; choose another reference")


def _foreign(hub: Hub, plan: ImportPlan) -> tuple[set[str], set[str]]:
    """References in ``plan`` of organisations and streams that exist outside the hub."""
    members = set(hub.members.values_list("id", flat=True))
    org_refs = {r.ref for r in plan.rows if r.sheet == "organisations"}
    org_refs |= {r.data.get("organisation_ref") for r in plan.rows if r.sheet == "streams"}
    orgs = Organisation.objects.filter(ref__in=org_refs - {None}).values_list("ref", "id")
    foreign_orgs = {ref for ref, pk in orgs if pk not in members}
    # composition and deposit rows carry their stream's ref: another hub's stream reads as
    # missing, also where the deposit check found it is not a stock
    stream_refs = {r.ref for r in plan.rows if r.sheet in ("streams", "composition", "deposits")}
    stream_refs |= {p.params["ref"] for p in plan.problems if p.template == NOT_A_STOCK}
    streams = Stream.objects.filter(ref__in=stream_refs).values_list("ref", "organisation_id")
    foreign_streams = {ref for ref, org_id in streams if org_id not in members}
    return foreign_orgs, foreign_streams


def scope_plan(hub: Hub, plan: ImportPlan) -> ImportPlan:
    """The plan as the hub's facilitator may see it (see the module docstring)."""
    foreign_orgs, foreign_streams = _foreign(hub, plan)
    if not (foreign_orgs or foreign_streams):
        return plan
    in_file = {r.ref for r in plan.rows if r.sheet == "organisations"}
    streams = {r.ref for r in plan.rows if r.sheet == "streams"}
    rows = []
    problems = [
        replace(p, template=NO_STREAM)
        if p.template == NOT_A_STOCK and p.params["ref"] in foreign_streams - streams
        else p
        for p in plan.problems
    ]
    for row in plan.rows:
        foreign = foreign_orgs if row.sheet == "organisations" else foreign_streams
        if row.ref in foreign:
            row = replace(row, action="create", changes=[])
        org_ref = row.data.get("organisation_ref")
        if row.sheet == "streams" and org_ref in foreign_orgs and org_ref not in in_file:
            _insert(problems, Problem(row.label, row.row, "organisation_ref", NO_ORGANISATION,
                                      {"ref": org_ref}))  # fmt: skip
        if (row.sheet in ("composition", "deposits") and row.ref in foreign_streams
                and row.ref not in streams):  # fmt: skip
            _insert(problems, Problem(row.label, row.row, "stream_ref", NO_STREAM,
                                      {"ref": row.ref}))  # fmt: skip
            continue
        rows.append(row)
    return ImportPlan(rows=rows, problems=problems, notes=plan.notes)


def _insert(problems: list[Problem], new: Problem) -> None:
    """Put ``new`` where the planner would have: after the problems of earlier (and the same)
    rows of the same file."""
    at = len(problems)
    for i, p in enumerate(problems):
        if p.label == new.label and p.row > new.row:
            at = i
            break
    else:
        same = [i for i, p in enumerate(problems) if p.label == new.label]
        at = same[-1] + 1 if same else at
    problems.insert(at, new)


def clashes(hub: Hub, plan: ImportPlan) -> list[Problem]:
    """Rows that would overwrite an organisation or stream outside the hub (checked again when
    the facilitator confirms, inside the write's transaction)."""
    foreign_orgs, foreign_streams = _foreign(hub, plan)
    out = []
    for row in plan.rows:
        foreign = foreign_orgs if row.sheet == "organisations" else foreign_streams
        if row.ref in foreign:
            out.append(Problem(row.label, row.row, "ref", TAKEN, {"ref": row.ref}))
    return out


def scoped(hub: Hub, plan: Any) -> Any:
    """:func:`scope_plan` for a plan that may be ``None`` (no upload yet)."""
    return None if plan is None else scope_plan(hub, plan)
