"""Hub portfolio assessment with Vestland county's criteria, compared across hubs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from symbiose.facilitation import access, actions
from symbiose.facilitation.forms import SCORE_LEVELS, AssessmentForm
from symbiose.facilitation.models.hub import CRITERIA, CRITERION_GROUPS
from symbiose.facilitation.views.common import workspace_hub


def latest_scores(hub) -> dict[str, object]:
    out: dict[str, object] = {}
    for a in hub.assessments.all():  # newest first
        out.setdefault(a.criterion, a)
    return out


@login_required
def portfolio(request):
    hubs = list(access.workspace_hubs(request.user).prefetch_related("assessments"))
    rows = []
    for hub in hubs:
        scores = latest_scores(hub)
        totals = {
            g: {
                "sum": sum(scores[k].score for k, grp, _l in CRITERIA if grp == g and k in scores),
                "max": 5 * sum(1 for _k, grp, _l in CRITERIA if grp == g),
                "scored": sum(1 for k, grp, _l in CRITERIA if grp == g and k in scores),
                "count": sum(1 for _k, grp, _l in CRITERIA if grp == g),
            }
            for g in CRITERION_GROUPS
        }
        rows.append(
            {
                "hub": hub,
                "cells": [scores.get(k) for k, _g, _l in CRITERIA],
                "totals": totals,
                "can_assess": access.can_assess(request.user, hub),
            }  # fmt: skip
        )
    rows.sort(key=lambda r: -sum(t["sum"] for t in r["totals"].values()))
    # Criteria down the side and hubs across: eight criteria fit a phone; hubs are few.
    groups = [
        {
            "label": label,
            "criteria": [
                {"label": lab, "cells": [r["cells"][i] for r in rows]}
                for i, (_k, grp, lab) in enumerate(CRITERIA)
                if grp == g
            ],
            "totals": [r["totals"][g] for r in rows],
        }
        for g, label in CRITERION_GROUPS.items()
    ]
    return render(
        request,
        "facilitation/portfolio.html",
        {"rows": rows, "groups": groups, "levels": SCORE_LEVELS},
    )


@login_required
def hub_assess(request, slug):
    hub = workspace_hub(request, slug)
    if not access.can_assess(request.user, hub):
        raise PermissionDenied
    current = latest_scores(hub)
    initial = {}
    for key, a in current.items():
        initial[key] = a.score
        initial[f"{key}_evidence"] = a.evidence
    form = AssessmentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_assess_hub(hub, form.scores(), acting_user=request.user)
        return redirect("facilitation:portfolio")
    return render(
        request,
        "facilitation/form.html",
        {"form": form, "hub": hub, "title": _("Portfolio assessment: %(hub)s") % {"hub": hub}},
    )
