"""What a refresh pass and a full recompute's catch-up share: reading the change log into the
streams it names, bringing an engine up to them and planning the rows to write.

A full recompute reads the registry once at its start and then takes a minute or two at
100 000 streams. Streams saved meanwhile are refreshed by another worker (the refresh queue,
:mod:`symbiose.matching.tasks`), whose rows the recompute would then overwrite with what it
computed before the save. So the recompute catches up at the end of its store, in the
transaction that ends it (:func:`catch_up`): it applies every change pending or handled by
another pass since it started to its engine and writes the refresh those streams need on top
of its own rows. While it stores, no refresh pass commits (they wait for it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from symbiose.matching import rows as rows_mod
from symbiose.matching.adapter import stream_input
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.models import Change
from symbiose.matching.refresh import Plan, chunks, plan_refresh
from symbiose.registry.models import Stream


@dataclass
class CatchUp:
    """What a full recompute writes on top of its rows for the streams changed meanwhile."""

    plan: Plan
    rows: list[dict[str, object]]
    #: Changes still pending: the recompute's pass handles them.
    pending: list[int]
    #: How many streams were refreshed.
    streams: int


def streams_of(changes: list[tuple[int | None, int | None]]) -> set[int]:
    """Ids of the streams that ``(stream_id, organisation_id)`` changes name: the stream,
    or every stream of the organisation."""
    ids = {s for s, _ in changes if s is not None}
    orgs = {o for _, o in changes if o is not None}
    for part in chunks(orgs):
        ids |= set(Stream.objects.filter(organisation_id__in=part).values_list("pk", flat=True))
    return ids


def apply(engine: MatchEngine, refs: dict[int, str], stream_ids: set[int]) -> None:
    """Load these streams again and add, replace or remove them in ``engine``; ``refs``
    (stream id → ref of the streams in the engine) is kept in step."""
    for part in chunks(stream_ids):
        found = {s.pk: s for s in Stream.objects.select_related("organisation").filter(pk__in=part)}
        for pk in part:
            s = found.get(pk)
            old = refs.pop(pk, None)
            if old is not None and old in engine.slots:
                engine.remove(old)
            if s is not None and s.archived_at is None:
                engine.add_or_update(stream_input(s))
                refs[pk] = s.ref


def new_rows(engine: MatchEngine, refs: dict[int, str], plan: Plan) -> list[dict[str, object]]:
    """The candidate rows of the pairs ``plan`` creates, built by ``engine``."""
    ids = {ref: pk for pk, ref in refs.items()}
    matches, basis = engine.pairs(list(plan.create), salt=rows_mod.code_salt())
    return [rows_mod.row(m, ids, plan.create[m.offer_ref, m.need_ref], b)
            for m, b in zip(matches, basis.tolist(), strict=True)]  # fmt: skip


def catch_up(engine: MatchEngine, refs: dict[int, str], since: int, top_n: int) -> CatchUp | None:
    """Bring a full recompute's ``engine`` (and ``refs``) up to the changes made since it
    read the registry, and plan their refresh on top of its stored rows; ``None`` when
    there are none.

    Called while the recompute holds the store, after its rows are written, with
    ``since`` the pass number it started from: the changes still pending, and those another
    pass handled meanwhile (a second worker's refresh, whose rows the recompute has just
    overwritten). A change the recompute's read already saw is applied again, which gives
    the same rows. A change committed after this read stays pending for the next pass.
    """
    found = list(
        Change.objects.filter(Q(handled_in__isnull=True) | Q(handled_in__gt=since))
        .values_list("pk", "stream_id", "organisation_id", "handled_in")
    )  # fmt: skip
    if not found:
        return None
    changed = streams_of([(r[1], r[2]) for r in found])
    apply(engine, refs, changed)
    plan = plan_refresh(engine, changed, dict(refs), top_n)
    pending = [r[0] for r in found if r[3] is None]
    return CatchUp(plan, new_rows(engine, refs, plan), pending, len(changed))
