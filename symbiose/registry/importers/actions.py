"""The import's writes in bulk: the same rows and audit events as ``do_save_organisation`` and
``do_save_stream`` one by one, in a few queries per thousand rows.

An import of 100 000 streams made 100 000 lookups, saves and audit inserts one at a time (about
10 minutes on two cores); here existing rows are read in chunks, new rows and the audit rows
are inserted with ``symbiose.bulkinsert.insert_many`` (``executemany``, no per-value
compiling) and changed ones written with ``bulk_update``. Called by
:func:`symbiose.registry.importers.listing.apply_import` inside its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from symbiose.bulkinsert import insert_many
from symbiose.registry import freshness
from symbiose.registry.actions import (
    ORGANISATION_FIELDS,
    STREAM_FIELDS,
    _changes,
    _jsonable,
    signed_in,
)
from symbiose.registry.models import AuditEvent, Organisation, Stream
from symbiose.registry.models.stream import default_sensitive_fields

CHUNK = 500  # refs per IN (...) query, well inside SQLite's variable limit
BATCH = 1000


def _by_ref(model, refs: Iterable[str]) -> dict[str, Any]:
    refs = list(dict.fromkeys(refs))
    out: dict[str, Any] = {}
    for start in range(0, len(refs), CHUNK):
        for obj in model.objects.filter(ref__in=refs[start : start + CHUNK]):
            out[obj.ref] = obj
    return out


def _audit(actor: Any, verb: str, obj: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """An ``AuditEvent`` row as ``insert_many`` takes it (no model instance per row)."""
    return _audit_row(actor, verb, type(obj).__name__.lower(), obj.ref, changes)


def _audit_row(actor: Any, verb: str, kind: str, ref: str, changes: dict[str, Any]) -> dict:
    return {"actor_id": actor.pk if actor else None, "verb": verb, "object_type": kind,
            "object_ref": ref, "data": _jsonable({"fields": sorted(changes)})}  # fmt: skip


def _new_stream_row(
    values: dict[str, Any], names: list[str], orgs: dict[str, Organisation], data_source: str,
    today: Any, events: list[dict[str, Any]], actor: Any,
) -> dict[str, Any]:  # fmt: skip
    """A new stream as a row for ``insert_many`` (building 100 000 model instances cost a
    fifth of the import), with the freshness dates and the audit row a saved one gets."""
    changes: dict[str, Any] = {f: values[f] for f in names}
    org = orgs[values["organisation_ref"]]
    changes["organisation"] = org.ref
    before = default_sensitive_fields()  # what a new Stream() holds before the row's values
    dates = SimpleNamespace(confirmed_at=today, shared_confirmed_at=today,
                            sensitive_fields=changes.get("sensitive_fields", before))  # fmt: skip
    freshness.stamp(dates, changes, sensitive_before=before,
                    confirmed=values.get("confirmed_at"), today=today)  # fmt: skip
    events.append(_audit_row(actor, "created", "stream", values["ref"], changes))
    row = {f: changes[f] for f in names}
    return {**row, "ref": values["ref"], "data_source": data_source, "organisation_id": org.id,
            "confirmed_at": dates.confirmed_at,
            "shared_confirmed_at": dates.shared_confirmed_at}  # fmt: skip


def do_save_organisations(
    rows: Sequence[dict[str, Any]], *, acting_user: Any, data_source: str
) -> dict[str, Organisation]:
    """Create or update organisations from cleaned rows; returns them by ref."""
    actor = signed_in(acting_user)
    found = _by_ref(Organisation, (r["ref"] for r in rows))
    new, changed, events, fields = [], [], [], set()
    for values in rows:
        org = found.get(values["ref"])
        created = org is None
        if created:
            org = Organisation(ref=values["ref"], data_source=data_source)
            changes = {f: values[f] for f in ORGANISATION_FIELDS if f in values}
            new.append(org)
        else:
            changes = _changes(org, values, ORGANISATION_FIELDS)
            if changes:
                changed.append(org)
                fields |= set(changes)
        for name, value in changes.items():
            setattr(org, name, value)
        found[org.ref] = org
        if created or changes:
            events.append(_audit(actor, "created" if created else "updated", org, changes))
    insert_many(Organisation, new)
    for start in range(0, len(new), CHUNK):  # their ids, for the streams that follow
        part = [o.ref for o in new[start : start + CHUNK]]
        for ref, pk in Organisation.objects.filter(ref__in=part).values_list("ref", "id"):
            found[ref].id = pk
    if changed:
        now = timezone.now()
        for org in changed:
            org.updated_at = now
        Organisation.objects.bulk_update(changed, [*sorted(fields), "updated_at"], batch_size=BATCH)
    insert_many(AuditEvent, events)
    return found


def do_save_streams(
    rows: Sequence[dict[str, Any]],
    orgs: dict[str, Organisation],
    *,
    acting_user: Any,
    data_source: str,
) -> None:
    """Create or update streams from cleaned rows (with ``organisation_ref``)."""
    actor = signed_in(acting_user)
    missing = {r["organisation_ref"] for r in rows} - set(orgs)
    orgs = {**orgs, **_by_ref(Organisation, missing)}
    found = _by_ref(Stream, (r["ref"] for r in rows))
    today = timezone.localdate()
    new, changed, events, fields = [], [], [], set()
    for values in rows:
        stream = found.get(values["ref"])
        names = [f for f in STREAM_FIELDS if f in values]
        if stream is None:  # a new stream: a row for insert_many, no model instance
            new.append(_new_stream_row(values, names, orgs, data_source, today, events, actor))
            continue
        changes = _changes(stream, values, names)
        org = orgs[values["organisation_ref"]]
        if stream.organisation_id != org.id:
            stream.organisation = org
            changes["organisation"] = org.ref
        sensitive_before = list(stream.sensitive_fields or [])
        for name, value in changes.items():
            if name != "organisation":
                setattr(stream, name, value)
        freshness.stamp(stream, changes, sensitive_before=sensitive_before,
                        confirmed=values.get("confirmed_at"), today=today)  # fmt: skip
        if changes:
            changed.append(stream)
            fields |= set(changes)
            events.append(_audit(actor, "updated", stream, changes))
    insert_many(Stream, new)
    if changed:
        now = timezone.now()
        for stream in changed:
            stream.updated_at = now
        Stream.objects.bulk_update(changed, [*sorted(fields), "updated_at"], batch_size=BATCH)
    insert_many(AuditEvent, events)
