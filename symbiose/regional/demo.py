"""Demo regional work for ``symbiose demo``: outcomes, demo targets and an update round in
progress, made through the real actions (run once).

Most demo organisations are real companies, and we never invent a fact about a real company:
outcomes (jobs, investment, funding, permits) are recorded only on three opportunities between
the fictional organisations of ``resources/demo`` ("(fiktiv)"), and only those answer the
update round. The figures are made up and say so: funding and permits are named "(demo)", each
opportunity gets a note that its outcomes are invented, and targets are marked ``is_demo``
with a source that says they are not any county's adopted goals.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from symbiose.facilitation.actions import (
    do_add_note,
    do_assess_readiness,
    do_create_opportunity,
    do_record_outcome,
    do_save_funding,
    do_save_permit,
)
from symbiose.facilitation.demo import _advance_to
from symbiose.facilitation.models import Hub, Opportunity
from symbiose.regional.actions import check_open_round, check_save_target, do_confirm_request
from symbiose.regional.models import Target, UpdateRound
from symbiose.registry.models import Organisation, Stream
from symbiose.resources.demo import COMPANY_LOGIN_ORG

NOTE = "Demo: jobb, investering, støtte og tillatelser på denne muligheten er oppdiktet."
SOURCE = "Demo: oppdiktet mål for demonstrasjonen, ikke et vedtatt mål"
#: The fictional organisations' refs start so (``resources/demo/organisations.csv``).
FICTIONAL_PREFIX = "ORG-DEMO-"
#: (title, stream refs, further organisation refs, phase reached): fictional opportunities
#: only; phase 4 means implemented (the ledger opens the exchange).
OPPORTUNITIES = [
    ("Silikomanganslagg fra Skarvik som fyllmasse ved Sørfjord kai (demo)",
     ["S-DEMO-SKARVIK-SLAG", "N-DEMO-SORFJORD-FILL"], [], 4),
    ("Karbon fra brukt ovnsforing hos Bjørnvik som reduksjonsmiddel hos Skarvik (demo)",
     ["S-DEMO-BJORNVIK-SPL", "N-DEMO-SKARVIK-CARBON"], [], 4),
    ("Pilot: gallium og germanium fra Skarviks filterstøv med Agder prosessforskning (demo)",
     ["S-DEMO-SKARVIK-DUST"], ["ORG-DEMO-APF"], 3),
]  # fmt: skip
#: (metric, value, year): made-up goals across every demo hub.
TARGETS = [("co2e_t", 60_000, 2030), ("jobs", 120, 2030), ("investment_nok", 400_000_000, 2030),
           ("funding_nok", 50_000_000, 2028), ("exchanges", 10, 2028)]  # fmt: skip


def _outcomes(opp, n: int, user: Any) -> None:
    today = timezone.localdate()
    implemented = opp.status == "implemented"
    do_record_outcome(
        opp,
        {"jobs_planned": 8 + 3 * n, "investment_planned_nok": (20 + 7 * n) * 1_000_000,
         **({"jobs_created": 6 + 2 * n, "investment_made_nok": (18 + 5 * n) * 1_000_000}
            if implemented else {})},
        acting_user=user,
    )  # fmt: skip
    do_save_funding(
        opp,
        {"scheme": "Enova (demo)", "amount_nok": (3 + n) * 1_000_000,
         "status": "received" if implemented else "applied",
         "decided_on": today - datetime.timedelta(days=200) if implemented else None,
         "note": "Oppdiktet beløp"},
        acting_user=user,
    )  # fmt: skip
    do_save_permit(
        opp,
        {"authority": "Statsforvalteren (demo)", "subject": "Endret utslippstillatelse",
         "status": "granted" if implemented else "applied",
         "applied_on": today - datetime.timedelta(days=400),
         "decided_on": today - datetime.timedelta(days=250) if implemented else None},
        acting_user=user,
    )  # fmt: skip
    do_add_note(opp, NOTE, acting_user=user)


def _fictional_opportunities(user: Any) -> list[Opportunity]:
    """The demo opportunities between fictional organisations, in their hub (made once)."""
    made = []
    for title, refs, org_refs, phase in OPPORTUNITIES:
        streams = list(Stream.objects.filter(ref__in=refs))
        if len(streams) != len(refs) or not streams[0].organisation.hubs.exists():
            continue  # the resources demo is not loaded
        hub = streams[0].organisation.hubs.order_by("pk").first()
        opp = do_create_opportunity(
            hub,
            {"title": title, "kind": "by-product", "next_step": "Oppfølgingsmøte",
             "organisations": list(Organisation.objects.filter(ref__in=org_refs))},
            streams=streams, acting_user=user,
        )  # fmt: skip
        do_assess_readiness(opp, {"technological": 2 + phase, "business": 1 + phase},
                            "Demo", acting_user=user)  # fmt: skip
        _advance_to(opp, phase, user)
        made.append(opp)
    return made


def load(hubs: list[Hub], user: Any = None) -> None:
    """Fictional opportunities with outcomes, demo targets and a half-answered update round
    (skipped when present)."""
    if UpdateRound.objects.exists() or Target.objects.filter(is_demo=True).exists():
        return
    for n, opp in enumerate(_fictional_opportunities(user)):
        _outcomes(opp, n, user)
    if hubs:
        for metric, value, year in TARGETS:
            check_save_target(
                {"metric": metric, "value": value, "year": year, "region": "Demoregion",
                 "source": SOURCE, "is_demo": True},
                hubs, allowed_hubs=hubs, acting_user=user,
            )  # fmt: skip
        first = hubs[0]
        today = timezone.localdate()
        found = check_open_round(first, today.year, today + datetime.timedelta(days=30),
                                 acting_user=user)  # fmt: skip
        # The demo company login's organisation leaves its request unanswered, so its home
        # page shows the task. Only fictional organisations answer (a real company's
        # confirmation would be an invented fact).
        for request in (
            found.requests.filter(organisation__ref__startswith=FICTIONAL_PREFIX)
            .exclude(organisation__ref=COMPANY_LOGIN_ORG)
            .order_by("organisation__ref")[:3]
        ):
            do_confirm_request(request, acting_user=user)
