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
    return {"actor_id": actor.pk if actor else None, "verb": verb,
            "object_type": type(obj).__name__.lower(), "object_ref": obj.ref,
            "data": _jsonable({"fields": sorted(changes)})}  # fmt: skip


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
        created = stream is None
        if created:
            stream = Stream(ref=values["ref"], data_source=data_source)
        names = [f for f in STREAM_FIELDS if f in values]
        changes = {f: values[f] for f in names} if created else _changes(stream, values, names)
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
        if created:
            new.append(stream)
        elif changes:
            changed.append(stream)
            fields |= set(changes)
        if created or changes:
            events.append(_audit(actor, "created" if created else "updated", stream, changes))
        found[stream.ref] = stream
    insert_many(Stream, new)
    if changed:
        now = timezone.now()
        for stream in changed:
            stream.updated_at = now
        Stream.objects.bulk_update(changed, [*sorted(fields), "updated_at"], batch_size=BATCH)
    insert_many(AuditEvent, events)
