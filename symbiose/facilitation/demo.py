"""Demo facilitation work for ``symbiose demo``: opportunities in every phase, a bank entry,
an implemented exchange and portfolio scores, made through the real actions (run once)."""

from __future__ import annotations

import datetime
from typing import Any

from symbiose.facilitation.actions import (
    do_advance_phase,
    do_assess_hub,
    do_assess_readiness,
    do_create_opportunity,
    do_set_check,
    do_shelve,
)
from symbiose.facilitation.derived import opportunity_title
from symbiose.facilitation.models import Hub
from symbiose.facilitation.models.opportunity import EXIT_CRITERIA
from symbiose.matching.models import Candidate
from symbiose.registry.models import Stream
from symbiose.taxonomy.categories import opportunity_kind

#: (phase to reach, readiness levels, what happens after)
PLAN = [
    (2, {"technological": 5, "business": 3, "ecological": 6, "organisational": 4}, None),
    (1, {"technological": 3, "business": 2}, None),
    (4, {"technological": 8, "business": 7, "ecological": 8, "organisational": 7}, "implemented"),
    (2, {"technological": 2, "business": 2, "ecological": 4, "organisational": 3}, "shelve"),
]
SCORES = {"emissions": 4, "green_jobs": 3, "export": 2, "master_plan": 3, "organisation": 4,
          "circular": 3, "knowledge": 4, "costs": 2}  # fmt: skip


def _advance_to(opp, phase: int, user: Any) -> None:
    while opp.phase < phase:
        for key, _label in EXIT_CRITERIA[opp.phase]:
            do_set_check(opp, opp.phase, key, True, acting_user=user)
        do_advance_phase(opp, acting_user=user)


def load(hubs: list[Hub], user: Any = None) -> int:
    """Add demo opportunities to hubs that have none; returns how many were created."""
    created = 0
    for n, hub in enumerate(hubs):
        if hub.opportunities.exists():
            continue
        # A list, not a subquery: on PostgreSQL right after loading (no statistics yet) the
        # planner turned the two nested subqueries into a scan of minutes.
        members = list(hub.members.values_list("id", flat=True))
        pairs = Candidate.objects.filter(
            offer__organisation__in=members, need__organisation__in=members,
            feasible=True, intra_company=False,
        ).select_related("offer__organisation", "need__organisation")[:20]  # fmt: skip
        seen: set[int] = set()
        picked = []
        for c in pairs:
            if c.offer_id not in seen and c.need_id not in seen:
                picked.append(c)
                seen |= {c.offer_id, c.need_id}
        for cand, (phase, levels, then) in zip(picked, PLAN, strict=False):
            kind = opportunity_kind(cand.offer.category)
            opp = do_create_opportunity(
                hub,
                {"title": opportunity_title(cand.offer, cand.need)[:200],
                 "kind": kind, "next_step": "Møte med partene",
                 "due_date": datetime.date.today() + datetime.timedelta(days=30)},
                streams=[cand.offer, cand.need], acting_user=user,
            )  # fmt: skip
            do_assess_readiness(opp, levels, "Demo", acting_user=user)
            _advance_to(opp, phase, user)
            # Phase 4 means production started: the ledger opens the exchange, and
            # ledger/demo.py records last year's quantity on it.
            if then == "shelve":
                do_shelve(opp, "Mottakeren utsatte investeringen; ta opp igjen om to år.",
                          acting_user=user)  # fmt: skip
            created += 1
        offers = list(Stream.objects.active().offers().filter(organisation__in=members)[:3])
        if offers:
            do_create_opportunity(
                hub,
                {"title": f"Ny virksomhet: {hub.name}", "kind": "genesis",
                 "description": "Et nytt selskap som bruker flere sidestrømmer i huben."},
                streams=offers, acting_user=user,
            )  # fmt: skip
            created += 1
        do_assess_hub(
            hub, {k: (max(0, v - n % 3), "Demo") for k, v in SCORES.items()}, acting_user=user
        )
    return created
