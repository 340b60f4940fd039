"""Writes for phase-3 outcomes: jobs and investment, funding, permits.

One transaction and one audit row on the opportunity each, so the opportunity's history says
who recorded which figure. The forms have checked the values (ranges, dates in order).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from symbiose.facilitation.models import Funding, Opportunity, Outcome, Permit
from symbiose.registry.actions import audit, signed_in

OUTCOME_FIELDS = ("jobs_planned", "jobs_created", "investment_planned_nok", "investment_made_nok")
FUNDING_FIELDS = ("scheme", "amount_nok", "status", "decided_on", "note")
PERMIT_FIELDS = ("authority", "subject", "status", "applied_on", "decided_on")


@transaction.atomic
def do_record_outcome(opp: Opportunity, values: Mapping[str, Any], *, acting_user: Any) -> Outcome:
    """Set the jobs and investment figures given in ``values`` (``None`` clears one)."""
    outcome, _created = Outcome.objects.get_or_create(opportunity=opp)
    changes = {
        f: values[f] for f in OUTCOME_FIELDS if f in values and getattr(outcome, f) != values[f]
    }
    for name, value in changes.items():
        setattr(outcome, name, value)
    outcome.updated_by = signed_in(acting_user)
    outcome.save()
    audit(acting_user, "outcome", opp, **changes)
    return outcome


@transaction.atomic
def do_save_funding(
    opp: Opportunity,
    values: Mapping[str, Any],
    *,
    funding: Funding | None = None,
    acting_user: Any,
) -> Funding:
    """Add a funding row, or change ``funding`` (which must belong to ``opp``)."""
    if funding is None:
        funding = Funding(opportunity=opp)
    elif funding.opportunity_id != opp.pk:
        raise ValueError("funding belongs to another opportunity")
    for name in FUNDING_FIELDS:
        if name in values:
            setattr(funding, name, values[name])
    added = funding.pk is None
    funding.save()
    audit(
        acting_user,
        "funding-added" if added else "funding-changed",
        opp,
        scheme=funding.scheme,
        amount_nok=funding.amount_nok,
        status=funding.status,
    )
    return funding


@transaction.atomic
def do_remove_funding(funding: Funding, *, acting_user: Any) -> None:
    opp = funding.opportunity
    audit(acting_user, "funding-removed", opp, scheme=funding.scheme, amount_nok=funding.amount_nok)
    funding.delete()


@transaction.atomic
def do_save_permit(
    opp: Opportunity,
    values: Mapping[str, Any],
    *,
    permit: Permit | None = None,
    acting_user: Any,
) -> Permit:
    """Add a permit, or change ``permit`` (which must belong to ``opp``)."""
    if permit is None:
        permit = Permit(opportunity=opp)
    elif permit.opportunity_id != opp.pk:
        raise ValueError("permit belongs to another opportunity")
    for name in PERMIT_FIELDS:
        if name in values:
            setattr(permit, name, values[name])
    added = permit.pk is None
    permit.save()
    audit(
        acting_user,
        "permit-added" if added else "permit-changed",
        opp,
        authority=permit.authority,
        subject=permit.subject,
        status=permit.status,
    )
    return permit


@transaction.atomic
def do_remove_permit(permit: Permit, *, acting_user: Any) -> None:
    opp = permit.opportunity
    audit(acting_user, "permit-removed", opp, authority=permit.authority, subject=permit.subject)
    permit.delete()
