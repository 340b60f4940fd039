"""Demo regional work for ``symbiose demo``: outcomes on the implemented exchanges, demo
targets and an update round in progress, made through the real actions (run once).

The demo organisations are real companies, so every figure added here is made up and says
so: funding and permits are named "(demo)", each opportunity gets a note that its outcomes
are invented, and targets are marked ``is_demo`` with a source that says they are not any
county's adopted goals.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from symbiose.facilitation.actions import (
    do_add_note,
    do_record_outcome,
    do_save_funding,
    do_save_permit,
)
from symbiose.facilitation.models import Hub
from symbiose.regional.actions import check_open_round, check_save_target, do_confirm_request
from symbiose.regional.models import Target, UpdateRound

NOTE = "Demo: jobb, investering, støtte og tillatelser på denne muligheten er oppdiktet."
SOURCE = "Demo: oppdiktet mål for demonstrasjonen, ikke et vedtatt mål"
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


def load(hubs: list[Hub], user: Any = None) -> None:
    """Outcomes, demo targets and a half-answered update round (skipped when present)."""
    if UpdateRound.objects.exists() or Target.objects.filter(is_demo=True).exists():
        return
    n = 0
    for hub in hubs:
        for opp in hub.opportunities.filter(status="implemented"):
            _outcomes(opp, n, user)
            n += 1
        under_way = hub.opportunities.filter(status="active", phase__gte=2).first()
        if under_way is not None:
            _outcomes(under_way, n, user)
            n += 1
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
        # The demo company login belongs to the first member by ref: leave it unanswered, so
        # its home page shows the task; answer for a few others.
        for request in found.requests.order_by("organisation__ref")[1:4]:
            do_confirm_request(request, acting_user=user)
