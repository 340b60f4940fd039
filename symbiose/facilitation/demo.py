"""Demo facilitation work for ``symbiose demo``, made through the real actions (run once).

Most demo organisations are real companies, and we never invent a fact about a real company.
Between them the demo only *proposes*: phase-1 opportunities from the engine's candidates and
a genesis idea per hub, as a facilitator noting candidates would. Everything that says work
happened — readiness levels, ticked criteria, a later phase, a shelved opportunity and its
bank entry — is on the fictional organisations of ``resources/demo`` (:data:`FICTIONAL`).
The regional demo adds their phase-3 and implemented opportunities, and the ledger demo the
delivered quantities (``tests/test_demo_facts.py`` checks the whole demo). The hubs' portfolio
scores say they are made up (:data:`SCORED`): the hubs carry real parks' and clusters' names.
"""

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

#: How many candidate pairs per hub become phase-1 proposals.
PROPOSALS = 3
#: (offer ref, need ref, phase to reach, readiness levels, shelving reason or None): work
#: between fictional organisations only (``resources/demo/streams.csv``).
FICTIONAL = [
    ("D-DEMO-SKARVIK-HEAP", "N-DEMO-SORFJORD-FILL", 2,
     {"technological": 5, "business": 3, "ecological": 6, "organisational": 4}, None),
    ("S-DEMO-SKARVIK-SLAG", "N-DEMO-SORFJORD-ROAD", 2,
     {"technological": 2, "business": 2, "ecological": 4, "organisational": 3},
     "Mottakeren utsatte investeringen; ta opp igjen om to år."),
]  # fmt: skip
#: The evidence on the demo's portfolio scores: the hubs are named after real parks and
#: clusters, so the scores say they are made up.
SCORED = "Demo: oppdiktet vurdering, ikke en vurdering av den virkelige parken eller klyngen"
SCORES = {"emissions": 4, "green_jobs": 3, "export": 2, "master_plan": 3, "organisation": 4,
          "circular": 3, "knowledge": 4, "costs": 2}  # fmt: skip


def _advance_to(opp, phase: int, user: Any) -> None:
    while opp.phase < phase:
        for key, _label in EXIT_CRITERIA[opp.phase]:
            do_set_check(opp, opp.phase, key, True, acting_user=user)
        do_advance_phase(opp, acting_user=user)


def _propose(hub: Hub, offer: Stream, need: Stream, user: Any):
    """A phase-1 opportunity for a pair: a proposal, which states nothing about the partners."""
    return do_create_opportunity(
        hub,
        {"title": opportunity_title(offer, need)[:200],
         "kind": opportunity_kind(offer.category), "next_step": "Møte med partene",
         "due_date": datetime.date.today() + datetime.timedelta(days=30)},
        streams=[offer, need], acting_user=user,
    )  # fmt: skip


def _fictional_work(hub: Hub, user: Any) -> int:
    """The :data:`FICTIONAL` opportunities whose streams are members' streams of ``hub``."""
    members = set(hub.members.values_list("id", flat=True))
    made = 0
    for offer_ref, need_ref, phase, levels, reason in FICTIONAL:
        streams = {s.ref: s for s in Stream.objects.filter(ref__in=[offer_ref, need_ref])}
        if len(streams) < 2 or {s.organisation_id for s in streams.values()} - members:
            continue  # the resources demo is not loaded, or its organisations are elsewhere
        opp = _propose(hub, streams[offer_ref], streams[need_ref], user)
        do_assess_readiness(opp, levels, "Demo", acting_user=user)
        _advance_to(opp, phase, user)
        if reason:
            do_shelve(opp, reason, acting_user=user)
        made += 1
    return made


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
        for cand in picked[:PROPOSALS]:
            _propose(hub, cand.offer, cand.need, user)
            created += 1
        created += _fictional_work(hub, user)
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
            hub, {k: (max(0, v - n % 3), SCORED) for k, v in SCORES.items()}, acting_user=user
        )
    return created
