"""Rebuild the hub pair rows the facilitator pages rank from (derived data: no audit row).

Run by a task worker after candidates are stored and after a hub's members change
(``facilitation/tasks.py``), never in a request. Each hub is rebuilt in one short transaction;
the stamp is read *before* the candidates, so rows built while a matching pass commits are
stamped with the older pass and count as stale (never the reverse).
"""

from __future__ import annotations

from django.db import transaction

from symbiose.bulkinsert import insert_values
from symbiose.facilitation import hubpairs
from symbiose.facilitation.models import Hub, HubPair, HubPairState

COLUMNS = hubpairs.COLUMNS


def do_build_hub_pairs(hub: Hub) -> int:
    """Make ``hub``'s pair rows those of the candidates as stored now; returns how many."""
    with transaction.atomic():
        pass_no, digest = hubpairs.stamp(hub)
        rows = hubpairs.columns(hub)
        HubPair.objects.filter(hub=hub).delete()  # one DELETE: nothing refers to the rows
        written = insert_values(HubPair, hubpairs.COLUMNS, rows)
        feasible = sum(1 for row in rows if row[COLUMNS.index("feasible")])
        HubPairState.objects.update_or_create(
            hub=hub, defaults={"pass_no": pass_no, "streams": digest, "pairs": len(rows),
                               "feasible": feasible}
        )  # fmt: skip
    return written


def do_build_all_hub_pairs(*, only_stale: bool = True) -> int:
    """Rebuild every hub's pair rows (those not current, unless ``only_stale`` is false);
    returns how many rows were written."""
    written = 0
    for hub in Hub.objects.order_by("pk"):
        if only_stale and hubpairs.current([hub]):
            continue
        written += do_build_hub_pairs(hub)
    return written


def do_forget_hub_pairs() -> None:
    """Mark every hub's pair rows stale (pages read the candidates until they are rebuilt)."""
    HubPairState.objects.all().delete()
