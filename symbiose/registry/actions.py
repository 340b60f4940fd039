"""Writes to the registry. Every change goes through here: one transaction, one audit row.

``do_*`` functions trust their input (already cleaned by :mod:`symbiose.registry.template`
or a form); ``check_*`` functions validate first. The acting user is keyword-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from symbiose.registry import freshness
from symbiose.registry.models import AuditEvent, Disclosure, Membership, Organisation, Stream
from symbiose.registry.template import (
    ORGANISATION_COLUMNS,
    RowResult,
    parse_organisation,
    parse_stream,
)
from symbiose.registry.validation import FieldError

#: Organisation attributes an action may write: the template's columns except the key.
ORGANISATION_FIELDS = tuple(c for c in ORGANISATION_COLUMNS if c not in ("ref", "nace_revision"))
STREAM_FIELDS = (
    "direction",
    "category",
    "title",
    "description",
    "composition",
    "ewc_code",
    "legal_status",
    "hazardous",
    "accepts_hazardous",
    "quantity",
    "unit",
    "period",
    "annual_quantity",
    "annual_unit",
    "temperature_c",
    "crm",
    "price_nok_per_unit",
    "available_from",
    "available_to",
    "visibility",
    "sensitive_fields",
    "lat",
    "lon",
    "current_practice",
)


class ValidationFailed(ValueError):
    """One or more fields broke a rule; ``errors`` lists them."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e}" for e in errors))


def signed_in(user: Any) -> Any:
    """The user to store as the author of a row (``None`` for the platform or a visitor)."""
    return user if getattr(user, "is_authenticated", False) else None


def audit(actor: Any, verb: str, obj: Any, **data: Any) -> AuditEvent:
    """Record a write or a reveal; call inside the action's transaction."""
    return AuditEvent.objects.create(
        actor=signed_in(actor),
        verb=verb,
        object_type=type(obj).__name__.lower(),
        object_ref=str(getattr(obj, "ref", obj.pk)),
        data=_jsonable(data),
    )


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, Mapping):
            value = _jsonable(value)
        out[key] = value
    return out


def _changes(obj: Any, values: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {f: values[f] for f in fields if f in values and getattr(obj, f) != values[f]}


@transaction.atomic
def do_save_organisation(
    values: Mapping[str, Any], *, acting_user: Any, data_source: str = "self"
) -> tuple[Organisation, bool]:
    """Create or update the organisation with ``values["ref"]``; returns (org, created)."""
    org = Organisation.objects.filter(ref=values["ref"]).first()
    created = org is None
    if created:
        org = Organisation(ref=values["ref"], data_source=data_source)
    changes = (
        _changes(org, values, ORGANISATION_FIELDS)
        if not created
        else {f: values[f] for f in ORGANISATION_FIELDS if f in values}
    )
    for name, value in changes.items():
        setattr(org, name, value)
    if created or changes:
        org.save()
        audit(acting_user, "created" if created else "updated", org, fields=sorted(changes))
    if not created and MATCHED_ORGANISATION_FIELDS & set(changes):
        _written(organisation_id=org.pk)
    return org, created


#: Organisation fields its streams are matched on: the location (a stream without its own
#: site is placed there) and the NACE code.
MATCHED_ORGANISATION_FIELDS = frozenset({"lat", "lon", "nace"})


def _written(**ids: int) -> None:
    """Inside the transaction: tell listeners (matching's change log) what changed."""
    from symbiose.registry.signals import in_bulk, registry_written

    if not in_bulk():
        registry_written.send(sender=Stream, **ids)


def check_save_organisation(
    raw: Mapping[str, Any], *, acting_user: Any, data_source: str = "self"
) -> tuple[Organisation, bool]:
    """Validate a template-style row and save it."""
    result = parse_organisation(raw)
    if result.errors:
        raise ValidationFailed(result.errors)
    return do_save_organisation(result.data, acting_user=acting_user, data_source=data_source)


@transaction.atomic
def do_add_member(
    organisation: Organisation, user: Any, *, acting_user: Any, role: str = "member"
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    audit(acting_user, "member-added", organisation, user=user.get_username(), role=role)
    return membership


def do_remove_member(organisation: Organisation, user: Any, *, acting_user: Any) -> bool:
    """End ``user``'s membership of ``organisation`` (with an audit row); returns whether
    there was one. Used by ``symbiose demo`` to take its logins out of real companies."""
    deleted, _ = Membership.objects.filter(user=user, organisation=organisation).delete()
    if deleted:
        audit(acting_user, "member-removed", organisation, user=user.get_username())
    return bool(deleted)


@transaction.atomic
def do_save_stream(
    organisation: Organisation,
    values: Mapping[str, Any],
    *,
    acting_user: Any,
    data_source: str = "self",
) -> tuple[Stream, bool]:
    """Create or update the stream with ``values["ref"]``; returns (stream, created)."""
    stream = Stream.objects.filter(ref=values["ref"]).first()
    created = stream is None
    if created:
        stream = Stream(ref=values["ref"], data_source=data_source)
    fields = [f for f in STREAM_FIELDS if f in values]
    changes = {f: values[f] for f in fields} if created else _changes(stream, values, fields)
    if stream.organisation_id != organisation.id:
        stream.organisation = organisation
        changes["organisation"] = organisation.ref
    sensitive_before = list(stream.sensitive_fields or [])
    for name, value in changes.items():
        if name != "organisation":
            setattr(stream, name, value)
    freshness.stamp(stream, changes, sensitive_before=sensitive_before,
                    confirmed=values.get("confirmed_at"), today=timezone.localdate())  # fmt: skip
    if created or changes:
        stream.save()
        audit(acting_user, "created" if created else "updated", stream, fields=sorted(changes))
        _written(stream_id=stream.pk)
    _on_commit_stream_changed(stream.pk)
    return stream, created


def _stream_changed(stream_id: int) -> None:
    """After commit: let listeners (matching) refresh this stream's candidates."""
    from symbiose.registry.signals import stream_changed

    stream_changed.send(sender=Stream, stream_id=stream_id)


def _on_commit_stream_changed(stream_id: int) -> None:
    from symbiose.registry.signals import in_bulk

    if not in_bulk():
        transaction.on_commit(lambda: _stream_changed(stream_id))


def check_save_stream(
    raw: Mapping[str, Any], *, acting_user: Any, data_source: str = "self"
) -> tuple[Stream, bool]:
    """Validate a template-style stream row (with ``organisation_ref``) and save it."""
    result: RowResult = parse_stream(raw)
    org = None
    if "organisation_ref" in result.data:
        org = Organisation.objects.filter(ref=result.data["organisation_ref"]).first()
        if org is None:
            from symbiose.textmarks import N_

            result.errors.append(
                FieldError(
                    "organisation_ref",
                    N_("no organisation with reference {ref}"),
                    ref=result.data["organisation_ref"],
                )
            )
    if result.errors:
        raise ValidationFailed(result.errors)
    return do_save_stream(org, result.data, acting_user=acting_user, data_source=data_source)


@transaction.atomic
def do_archive_stream(stream: Stream, *, acting_user: Any) -> Stream:
    stream.archived_at = timezone.now()
    stream.save(update_fields=["archived_at", "updated_at"])
    audit(acting_user, "archived", stream)
    _written(stream_id=stream.pk)
    _on_commit_stream_changed(stream.pk)
    return stream


@transaction.atomic
def do_confirm_stream(stream: Stream, *, acting_user: Any) -> Stream:
    """The owner confirms the stream's data is still valid (yearly freshness check)."""
    stream.save(update_fields=[*freshness.confirm(stream, timezone.localdate()), "updated_at"])
    audit(acting_user, "confirmed", stream)
    return stream


@transaction.atomic
def do_mark_sensitive(stream: Stream, fields: Iterable[str], *, acting_user: Any) -> Stream:
    """Add fields to the ones ``stream`` hides (the contact form offers this for identity)."""
    marked = list(stream.sensitive_fields or [])
    added = [f for f in fields if f not in marked]
    if added:
        stream.sensitive_fields = marked + added
        stream.save(update_fields=["sensitive_fields", "updated_at"])
        audit(acting_user, "updated", stream, fields=["sensitive_fields"], added=added)
        if MATCHED_SENSITIVE_FIELDS & set(added):
            _written(stream_id=stream.pk)
            _on_commit_stream_changed(stream.pk)
    return stream


#: Sensitive marks matching reads: a stream hiding its identity is matched without its
#: owner's NACE code (``matching.adapter.stream_input``).
MATCHED_SENSITIVE_FIELDS = frozenset({"identity"})


@transaction.atomic
def do_disclose(
    stream: Stream, organisation: Organisation, fields: Iterable[str], *, acting_user: Any
) -> Disclosure:
    """Reveal sensitive fields of ``stream`` to ``organisation``; every reveal is recorded."""
    fields = sorted(set(fields))
    disclosure = Disclosure.objects.create(
        stream=stream, organisation=organisation, fields=fields, granted_by=acting_user
    )
    audit(acting_user, "disclosed", stream, to=organisation.ref, fields=fields)
    return disclosure


@transaction.atomic
def do_create_user(
    email: str,
    password: str | None,
    *,
    acting_user: Any,
    is_superuser: bool = False,
    name: str = "",
) -> Any:
    """Create a user who signs in with ``email``; the e-mail is also the username."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).lower()
    user = user_model(
        username=email,
        email=email,
        first_name=name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit(acting_user, "user-created", user, email=email)
    return user


def verification_problem(org: Organisation) -> FieldError | None:
    """Why ``org`` cannot be verified yet, or ``None``: a Norwegian organisation needs a valid
    organisation number (nine digits, mod-11 check digit); one registered abroad relies on the
    approval alone."""
    from symbiose.registry.validation import clean_org_number
    from symbiose.textmarks import N_

    if org.country != "NO":
        return None
    if not org.org_number:
        return FieldError(
            "org_number",
            N_("{name} has no organisation number; add it before it can be verified"),
            name=org.name,
        )
    try:
        clean_org_number(org.org_number, org.country)
    except FieldError as err:
        return err
    return None


@transaction.atomic
def do_verify_organisation(org: Organisation, *, acting_user: Any) -> bool:
    """Mark ``org`` verified (its members then see "members" streams) if its organisation
    number checks out; the caller is the approval (a hub facilitator accepting it into a hub,
    or a platform admin). Returns whether it is verified now."""
    if org.verified_at is not None:
        return True
    if verification_problem(org) is not None:
        return False
    org.verified_at = timezone.now()
    org.verified_by = signed_in(acting_user)
    org.save(update_fields=["verified_at", "verified_by"])
    audit(acting_user, "verified", org)
    return True


def do_load_register(entries: Iterable[Any], *, acting_user: Any, source: str = "") -> int:
    """Insert or update register entities (public data) in batches; returns how many.

    Each batch is its own transaction, so a bulk file of a million entities loads in bounded
    memory; one audit row records the load.
    """
    from itertools import islice

    from symbiose.registry.models import RegisterEntry

    fields = [
        "name", "org_form", "nace", "municipality", "municipality_number",
        "address", "postcode", "postplace",
    ]  # fmt: skip
    iterator, count, now = iter(entries), 0, timezone.now()
    while batch := list(islice(iterator, 2000)):
        rows = {e.org_number: RegisterEntry(**{"org_number": e.org_number, "loaded_at": now,
                **{f: str(getattr(e, f))[:RegisterEntry._meta.get_field(f).max_length]
                   for f in fields}}) for e in batch}  # fmt: skip
        with transaction.atomic():
            RegisterEntry.objects.bulk_create(
                list(rows.values()),
                update_conflicts=True,
                unique_fields=["org_number"],
                update_fields=[*fields, "loaded_at"],
            )
        count += len(rows)
    with transaction.atomic():
        audit(acting_user, "register-loaded", _Named(source or "register"), count=count)
    return count


class _Named:
    """An object for the audit row of a load (it has no row of its own)."""

    def __init__(self, ref: str) -> None:
        self.ref, self.pk = ref, None


def do_store_area_levels() -> list[int]:
    """Store every organisation's ``area_level`` (:func:`registry.area.levels`); returns the
    ids whose level changed (their ``updated_at`` moves, so stale search rows go unread)."""
    from symbiose.registry.area import changed_levels

    now, changed = timezone.now(), changed_levels()
    for level, ids in changed.items():
        Organisation.objects.filter(pk__in=ids).update(area_level=level, updated_at=now)
    return sorted(i for ids in changed.values() for i in ids)
