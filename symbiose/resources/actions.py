"""Writes for compositions, deposits, competences and organisation types.

``do_*`` trust their input, ``check_*`` validate first (with located errors); one
transaction and one audit row each; the acting user is keyword-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from symbiose.registry.actions import ValidationFailed, audit, do_save_stream
from symbiose.registry.models import Organisation, Stream
from symbiose.registry.validation import FieldError
from symbiose.resources.models import UNIT_FRACTION, Competence, CompositionRow, Deposit
from symbiose.resources.validation import parse_composition_row
from symbiose.textmarks import N_

ROW_FIELDS = ("substance", "content", "unit", "analysed_on", "method")
DEPOSIT_FIELDS = (
    "kind",
    "setting",
    "accessibility",
    "permit_status",
    "owner",
    "source",
    "tonnes_estimated",
)
COMPETENCE_FIELDS = ("kind", "title", "description", "technology", "material_classes", "crm", "trl")


def _snapshot(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "substance": r["substance"],
            "content": r["content"],
            "unit": r["unit"],
            "mass_fraction": r["content"] * UNIT_FRACTION[r["unit"]],
        }
        for r in rows
    ]


def _row_key(r: Mapping[str, Any]) -> tuple:
    return tuple(r.get(f) or None for f in ROW_FIELDS)


@transaction.atomic
def do_set_composition(
    stream: Stream, rows: Iterable[Mapping[str, Any]], *, acting_user: Any
) -> bool:
    """Replace ``stream``'s composition rows by ``rows`` (cleaned); returns whether they
    changed. When they did, sends ``composition_written`` at once and ``composition_changed``
    after commit."""
    rows = [dict(r) for r in rows]
    old = list(stream.composition_rows.values(*ROW_FIELDS))
    if [_row_key(r) for r in old] == [_row_key(r) for r in rows]:
        return False
    stream.composition_rows.all().delete()
    CompositionRow.objects.bulk_create(
        [CompositionRow(stream=stream, **{f: r.get(f) for f in ROW_FIELDS}) for r in rows]
    )
    from symbiose.resources.signals import composition_written

    composition_written.send(sender=Stream, stream_id=stream.pk)
    for r in rows:
        r["method"] = r.get("method") or ""
    audit(
        acting_user,
        "composition-updated",
        stream,
        substances=[r["substance"] for r in rows],
        rows=len(rows),
    )
    previous, current = _snapshot(old), _snapshot(rows)
    stream_id = stream.pk

    def send() -> None:
        from symbiose.resources.signals import composition_changed

        composition_changed.send(
            sender=Stream, stream_id=stream_id, previous=previous, current=current
        )

    transaction.on_commit(send)
    return True


def clean_composition(raw_rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Validate rows given for one stream (no ``stream_ref``); :class:`ValidationFailed`
    with every problem, each field named ``composition-<n>-<column>`` (n from 1)."""
    out, errors = [], []
    seen: set[str] = set()
    for n, raw in enumerate(raw_rows, start=1):
        result = parse_composition_row(raw, with_ref=False)
        for e in result.errors:
            e.field = f"composition-{n}-{e.field}"
            errors.append(e)
        substance = result.data.get("substance")
        if substance and substance in seen:
            errors.append(
                FieldError(
                    f"composition-{n}-substance",
                    N_("{value} is given twice for this stream"),
                    value=substance,
                )
            )
        seen.add(substance)
        out.append(result.data)
    if errors:
        raise ValidationFailed(errors)
    return out


def check_set_composition(
    stream: Stream, raw_rows: Iterable[Mapping[str, Any]], *, acting_user: Any
) -> bool:
    """Validate then replace ``stream``'s composition (nothing is written on a problem)."""
    return do_set_composition(stream, clean_composition(raw_rows), acting_user=acting_user)


@transaction.atomic
def do_save_deposit(
    organisation: Organisation,
    values: Mapping[str, Any],
    details: Mapping[str, Any],
    *,
    acting_user: Any,
    data_source: str = "self",
) -> tuple[Stream, bool]:
    """Create or update a deposit: a material offer of ``quantity`` tonnes, once, with its
    :class:`Deposit` details. ``values`` are stream values (template names)."""
    values = {
        **values,
        "direction": "offer",
        "category": "material",
        "unit": "t",
        "period": "once",
        "annual_unit": "t/yr",  # a one-off lot counts once (registry/units.py)
        "annual_quantity": values.get("quantity"),
    }
    stream, created = do_save_stream(
        organisation, values, acting_user=acting_user, data_source=data_source
    )
    do_set_deposit(stream, details, acting_user=acting_user)
    return stream, created


@transaction.atomic
def do_set_deposit(stream: Stream, details: Mapping[str, Any], *, acting_user: Any) -> Deposit:
    """Make ``stream`` (a one-off lot in tonnes) a deposit, or change its deposit details."""
    deposit = Deposit.objects.filter(stream=stream).first() or Deposit(stream=stream)
    changed = [f for f in DEPOSIT_FIELDS if f in details and getattr(deposit, f) != details[f]]
    for f in changed:
        setattr(deposit, f, details[f])
    if deposit._state.adding or changed:
        deposit.save()
        audit(acting_user, "deposit-saved", stream, fields=sorted(changed))
    return deposit


@transaction.atomic
def do_save_competence(
    organisation: Organisation,
    values: Mapping[str, Any],
    *,
    acting_user: Any,
    competence: Competence | None = None,
) -> Competence:
    """Create (or update ``competence``) with ``values`` (cleaned by the form)."""
    competence = competence or Competence(organisation=organisation)
    for f in COMPETENCE_FIELDS:
        if f in values:
            setattr(competence, f, values[f])
    created = competence._state.adding
    competence.save()
    audit(
        acting_user,
        "competence-added" if created else "competence-updated",
        organisation,
        title=competence.title,
    )
    return competence


@transaction.atomic
def do_delete_competence(competence: Competence, *, acting_user: Any) -> None:
    audit(acting_user, "competence-removed", competence.organisation, title=competence.title)
    competence.delete()


@transaction.atomic
def do_set_organisation_kind(organisation: Organisation, kind: str, *, acting_user: Any) -> None:
    """Say what kind of actor the organisation is (company, research institute …)."""
    if organisation.kind == kind:
        return
    organisation.kind = kind
    organisation.save(update_fields=["kind", "updated_at"])
    audit(acting_user, "updated", organisation, fields=["kind"])


@transaction.atomic
def do_save_stream_with_composition(
    organisation: Organisation,
    values: Mapping[str, Any],
    rows: Iterable[Mapping[str, Any]] | None,
    *,
    acting_user: Any,
) -> tuple[Stream, bool]:
    """Save a stream from the company form and, when ``rows`` is given, its composition rows
    (both cleaned), in one transaction: a stream is never saved without its rows."""
    stream, created = do_save_stream(organisation, values, acting_user=acting_user)
    if rows is not None:
        do_set_composition(stream, rows, acting_user=acting_user)
    return stream, created


@transaction.atomic
def do_save_deposit_with_composition(
    organisation: Organisation,
    values: Mapping[str, Any],
    details: Mapping[str, Any],
    rows: Iterable[Mapping[str, Any]] | None,
    *,
    acting_user: Any,
) -> tuple[Stream, bool]:
    """A deposit from the company's form with its analysis rows, in one transaction."""
    stream, created = do_save_deposit(organisation, values, details, acting_user=acting_user)
    if rows is not None:
        do_set_composition(stream, rows, acting_user=acting_user)
    return stream, created
