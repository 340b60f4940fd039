"""Writes of the impact app: saved scenarios, regional factors and stored pair values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from symbiose.impact.calc.factors import load_factors, merge_factors
from symbiose.impact.models import PairValue, RegionalFactor, Scenario, ValuationState
from symbiose.registry.actions import audit


@transaction.atomic
def do_save_scenario(
    name: str,
    result: Mapping[str, Any],
    *,
    acting_user: Any,
    offer=None,
    need=None,
    subject: str = "",
) -> Scenario:
    """Save a business case with the factor versions it used, so it can be reproduced."""
    scenario = Scenario.objects.create(
        name=name, offer=offer, need=need, subject=subject,
        inputs=result.get("inputs") or {}, result=dict(result),
        factors_used=result.get("factors_used") or [], created_by=acting_user,
    )  # fmt: skip
    audit(acting_user, "created", scenario, name=name, subject=subject)
    return scenario


@transaction.atomic
def check_save_regional_factor(
    row: Mapping[str, Any], *, acting_user: Any, factor: RegionalFactor | None = None
) -> RegionalFactor:
    """Validate a factor row against the shipped tables (known id, convertible unit), save it.

    ``factor`` is the row being edited (the admin's change form); without it the row with the
    same id and version is updated, or a new one made.
    """
    merge_factors(load_factors(), [row])  # raises ImpactInputError with the reason
    values = {k: row.get(k) or None for k in ("valid_from", "valid_to")} | {
        "value": float(row["value"]), "unit": row["unit"], "source": row["source"],
        "year": int(row["year"]), "region": row.get("region") or "NO",
        "note": row.get("note") or "",
    }  # fmt: skip
    if factor is None:
        factor, _ = RegionalFactor.objects.update_or_create(
            factor_id=row["id"], version=row["version"], defaults=values
        )
    else:
        for name, value in (values | {"factor_id": row["id"], "version": row["version"]}).items():
            setattr(factor, name, value)
        factor.save()
    audit(acting_user, "saved", factor, id=factor.factor_id, version=factor.version)
    _revalue_after_commit()
    return factor


def _revalue_after_commit() -> None:
    """Factors changed: every stored pair value is stale (its stamp has the factors), so one
    valuing pass is queued once the write commits, as after a deploy, instead of each page
    valuing its pairs until the next refresh."""
    from symbiose.impact.tasks import enqueue_valuing

    transaction.on_commit(enqueue_valuing)


@transaction.atomic
def do_delete_regional_factor(factor: RegionalFactor, *, acting_user: Any) -> None:
    """Remove an administrator's factor: the shipped value applies again."""
    audit(acting_user, "deleted", factor, id=factor.factor_id, version=factor.version)
    factor.delete()
    _revalue_after_commit()


def do_store_pair_values(rows: list[tuple[int, int, str, str, Any]]) -> None:
    """Store (offer id, need id, view, stamp, headline JSON) rows, replacing older ones.

    Derived data written by task workers (no audit row, like stored candidates). Two
    workers storing the same pair write the same row, so the upsert needs no lock.
    """
    PairValue.objects.bulk_create(
        [PairValue(offer_id=o, need_id=n, view=v, stamp=s, data=d) for o, n, v, s, d in rows],
        update_conflicts=True,
        unique_fields=["offer", "need", "view"],
        update_fields=["stamp", "data"],
    )


def do_drop_orphan_values() -> int:
    """Delete stored values of pairs that are no longer candidates; returns how many."""
    from symbiose.matching.models import Candidate

    pair = Candidate.objects.filter(offer_id=OuterRef("offer_id"), need_id=OuterRef("need_id"))
    return PairValue.objects.exclude(Exists(pair)).delete()[0]


def do_record_valuing(**seen: Any) -> None:
    """Record what a finished valuing pass saw (``ValuationState`` fields)."""
    ValuationState.objects.update_or_create(pk=1, defaults=seen)
