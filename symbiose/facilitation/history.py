"""Audit events as sentences in the reader's language: the one place a verb becomes text.

Every verb the facilitation actions (and the ledger, on an opportunity) write has an entry in
``SENTENCES``; ``facilitation/tests/test_history.py`` finds the verbs in the actions' source,
so a new verb without a sentence fails. An unknown verb, or data a sentence cannot use, still
reads as a translated sentence ("… changed the opportunity"), never as a raw key.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from symbiose.facilitation.models import Hub, Opportunity
from symbiose.facilitation.models.hub import CRITERIA
from symbiose.facilitation.models.opportunity import DIMENSIONS, EXIT_CRITERIA, KINDS, PHASES
from symbiose.registry.models import AuditEvent

#: (actor, data, subject) -> sentence; ``subject`` names the object (e.g. a task's label).
Sentence = Callable[[str, Mapping[str, Any], str], str]


def _readiness_labels() -> dict[str, str]:
    return {
        "technological": _("technological readiness"),
        "business": _("business readiness"),
        "ecological": _("ecological readiness"),
        "organisational": _("organisational and governance readiness"),
    }


#: Keys of audit data that hold a username; ``_people``: those users while :func:`rows` runs.
PERSON_KEYS = ("owner", "assignee", "user")
_people: ContextVar[Mapping[str, Any] | None] = ContextVar("history_people", default=None)


def _person(username: Any) -> str:
    """A user named in audit data (by username), by name when they have one (inside
    :func:`rows` from one query for all events; a lone :func:`describe` asks alone)."""
    known = _people.get()
    user = (known.get(str(username)) if known is not None
            else get_user_model().objects.filter(username=username).first())  # fmt: skip
    return actor_name(user) if user else str(username)


def _people_in(events: Iterable[AuditEvent]) -> dict[str, Any]:
    """The users the events' data names, by username, in one query."""
    names = {str(value) for e in events for key in PERSON_KEYS
             if isinstance(e.data, Mapping) and (value := e.data.get(key))}  # fmt: skip
    users = get_user_model().objects.filter(username__in=names) if names else ()
    return {user.get_username(): user for user in users}


def _named(subject: str) -> str:
    """The task's label; without one the sentence gives way to the fallback."""
    if not subject:
        raise KeyError("subject")
    return subject


def _quote(value: Any) -> str:
    return Truncator(str(value)).chars(80)


def _opportunity_changes(actor: str, data: Mapping[str, Any], subject: str) -> str:
    if not data:
        return _("{actor} edited the opportunity").format(actor=actor)
    kinds = dict(KINDS)
    parts = []
    # In model field order: PostgreSQL's jsonb does not keep the order the keys were written in.
    order = [f.name for f in Opportunity._meta.get_fields()]
    for name in sorted(data, key=lambda n: order.index(n) if n in order else len(order)):
        value = data[name]
        label = str(Opportunity._meta.get_field(name).verbose_name)
        if value in ("", None):
            parts.append(_("{field} is now empty").format(field=label))
            continue
        value = kinds.get(value, value) if name == "kind" else value
        value = _person(value) if name == "owner" else value
        parts.append(_("{field} is now “{value}”").format(field=label, value=_quote(value)))
    return _("{actor} changed the opportunity: {changes}").format(
        actor=actor, changes="; ".join(parts)
    )


def _readiness(actor: str, data: Mapping[str, Any], subject: str) -> str:
    labels = _readiness_labels()
    parts = [
        _("{dimension} to {level}").format(dimension=labels[key], level=int(data[key]))
        for key, _label in DIMENSIONS
        if key in data
    ]
    if not parts:
        raise KeyError("levels")
    return _("{actor} set {levels}").format(actor=actor, levels=", ".join(parts))


def _criterion(data: Mapping[str, Any]) -> dict[str, Any]:
    labels = dict(EXIT_CRITERIA[int(data["phase"])])
    return {"criterion": labels[data["key"]], "phase": int(data["phase"])}


def _phase(data: Mapping[str, Any]) -> dict[str, Any]:
    labels = dict(PHASES)
    return {"old": labels[int(data["old"])], "new": labels[int(data["new"])]}


def _note(actor: str, data: Mapping[str, Any], subject: str) -> str:
    if data.get("document"):
        name = posixpath.basename(str(data["document"]))
        return _("{actor} attached the document {name}").format(actor=actor, name=name)
    return _("{actor} added a note").format(actor=actor)


def _created(actor: str, data: Mapping[str, Any], subject: str) -> str:
    if "title" in data:
        return _("{actor} created the opportunity “{title}”").format(
            actor=actor, title=_quote(data["title"])
        )
    return _("{actor} created the hub").format(actor=actor)


def _updated(actor: str, data: Mapping[str, Any], subject: str) -> str:
    if set(data) == {"slug"}:
        return _("{actor} edited the hub's details").format(actor=actor)
    return _opportunity_changes(actor, data, subject)


def _scores(actor: str, data: Mapping[str, Any], subject: str) -> str:
    labels = {k: label for k, _g, label in CRITERIA}
    parts = [f"{labels[k]} {data['scores'][k]}" for k in labels if k in data["scores"]]
    return _("{actor} scored the hub's portfolio criteria: {scores}").format(
        actor=actor, scores=", ".join(parts)
    )


def _counts(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: int(data.get(k, 0)) for k in ("created", "updated", "unchanged")}


def _task_changes(actor: str, data: Mapping[str, Any], subject: str) -> str:
    parts = []
    if "assignee" in data:
        parts.append(
            _("assigned to {user}").format(user=_person(data["assignee"]))
            if data["assignee"]
            else _("assigned to nobody")
        )
    if "due_date" in data:
        parts.append(
            _("due {date}").format(date=data["due_date"]) if data["due_date"] else _("no due date")
        )
    if not parts:
        raise KeyError("changes")
    return _("{actor} changed the task “{task}”: {changes}").format(
        actor=actor, task=_named(subject), changes=", ".join(parts)
    )


def _generated(actor: str, data: Mapping[str, Any], subject: str) -> str:
    return _("{actor} generated follow-up tasks from the workshop “{title}”: {count}").format(
        actor=actor, count=int(data["count"]), title=_quote(data.get("title", ""))
    )


def _bank_imported(actor: str, data: Mapping[str, Any], subject: str) -> str:
    text = _("{actor} imported entries into the bank of opportunities from {source}: {count}")
    return text.format(actor=actor, count=len(data["entries"]), source=data.get("source") or "—")


def _number(value: Any) -> str:
    """A whole number grouped the reader's way (``12 000 000`` in nb, ``12,000,000`` in en)."""
    return number_format(int(value), force_grouping=True)


def _outcome(actor: str, data: Mapping[str, Any], subject: str) -> str:
    from symbiose.facilitation.models import Outcome

    parts = []
    for name in ("jobs_planned", "jobs_created", "investment_planned_nok", "investment_made_nok"):
        if name not in data:
            continue
        label = str(Outcome._meta.get_field(name).verbose_name)
        value = data[name]
        parts.append(
            _("{field} is now empty").format(field=label)
            if value is None
            else _("{field} is now {value}").format(field=label, value=_number(value))
        )
    if not parts:
        return _("{actor} saved the outcomes unchanged").format(actor=actor)
    return _("{actor} recorded outcomes: {changes}").format(actor=actor, changes="; ".join(parts))


def _status_label(choices: list, key: Any) -> str:
    return str(dict(choices)[key])


def _funding(verb: str) -> Sentence:
    def render(actor: str, data: Mapping[str, Any], subject: str) -> str:
        from symbiose.facilitation.models.outcome import FUNDING_STATUSES

        values = {"actor": actor, "scheme": _quote(data["scheme"]),
                  "amount": _number(data["amount_nok"])}  # fmt: skip
        if verb == "removed":
            return _("{actor} removed the funding from {scheme} ({amount} NOK)").format(**values)
        values["status"] = _status_label(FUNDING_STATUSES, data["status"])
        if verb == "added":
            text = _("{actor} recorded funding from {scheme}: {amount} NOK, {status}")
        else:
            text = _("{actor} changed the funding from {scheme}: {amount} NOK, {status}")
        return text.format(**values)

    return render


def _permit(verb: str) -> Sentence:
    def render(actor: str, data: Mapping[str, Any], subject: str) -> str:
        from symbiose.facilitation.models.outcome import PERMIT_STATUSES

        values = {"actor": actor, "authority": _quote(data["authority"]),
                  "subject": _quote(data["subject"])}  # fmt: skip
        if verb == "removed":
            return _("{actor} removed the permit “{subject}” ({authority})").format(**values)
        values["status"] = _status_label(PERMIT_STATUSES, data["status"])
        if verb == "added":
            text = _("{actor} recorded the permit “{subject}” from {authority}: {status}")
        else:
            text = _("{actor} changed the permit “{subject}” from {authority}: {status}")
        return text.format(**values)

    return render


SENTENCES: dict[str, Sentence] = {
    # Opportunities (and the hub, for "created" / "updated").
    "created": _created,
    "updated": _updated,
    "checked": lambda a, d, s: _("{actor} ticked “{criterion}” in phase {phase}").format(
        actor=a, **_criterion(d)
    ),
    "unchecked": lambda a, d, s: _("{actor} unticked “{criterion}” in phase {phase}").format(
        actor=a, **_criterion(d)
    ),
    "phase": lambda a, d, s: _("{actor} moved the opportunity from {old} to {new}").format(
        actor=a, **_phase(d)
    ),
    "readiness": _readiness,
    "note": _note,
    "shelved": lambda a, d, s: _("{actor} shelved it to the bank ({bank}): {reason}").format(
        actor=a, bank=d.get("bank", ""), reason=_quote(d["reason"])
    ),
    "picked-up": lambda a, d, s: _("{actor} picked the idea up from the bank entry {bank}").format(
        actor=a, bank=d["bank"]
    ),
    "exchange-opened": lambda a, d, s: _(
        "{actor} recorded that production has started; the exchange is in the ledger"
    ).format(actor=a),
    "exchange-entry": lambda a, d, s: _(
        "{actor} recorded {quantity} {unit} exchanged in {year}"
    ).format(actor=a, quantity=d["quantity"], unit=d["unit"], year=d["year"]),  # fmt: skip
    "outcome": _outcome,
    "funding-added": _funding("added"),
    "funding-changed": _funding("changed"),
    "funding-removed": _funding("removed"),
    "permit-added": _permit("added"),
    "permit-changed": _permit("changed"),
    "permit-removed": _permit("removed"),
    # Hubs.
    "members-added": lambda a, d, s: _("{actor} added {organisations} to the hub").format(
        actor=a, organisations=", ".join(d["refs"])
    ),
    "member-removed": lambda a, d, s: _("{actor} removed {organisation} from the hub").format(
        actor=a, organisation=d["ref"]
    ),
    "member-invited": lambda a, d, s: _("{actor} invited {organisation} to join the hub").format(
        actor=a, organisation=d["ref"]
    ),
    "member-asked": lambda a, d, s: _("{actor} asked for {organisation} to join the hub").format(
        actor=a, organisation=d["ref"]
    ),
    "member-accepted": lambda a, d, s: _(
        "{actor} accepted that {organisation} joins the hub"
    ).format(actor=a, organisation=d["ref"]),
    "member-declined": lambda a, d, s: _(
        "{actor} declined that {organisation} joins the hub"
    ).format(actor=a, organisation=d["ref"]),
    "facilitator-added": lambda a, d, s: _("{actor} made {user} a facilitator of the hub").format(
        actor=a, user=_person(d["user"])
    ),
    "overseer-added": lambda a, d, s: _(
        "{actor} made {user} a system facilitator overseeing the hub"
    ).format(actor=a, user=_person(d["user"])),
    "assessed": _scores,
    "bank-imported": _bank_imported,
    "workshop-created": lambda a, d, s: _("{actor} planned the workshop “{title}”").format(
        actor=a, title=_quote(d["title"])
    ),
    "workshop-updated": lambda a, d, s: _("{actor} edited the workshop “{title}”").format(
        actor=a, title=_quote(d["title"])
    ),
    "workshop-capture": lambda a, d, s: _(
        "{actor} captured streams at a workshop: {created} new, {updated} updated, "
        "{unchanged} unchanged"
    ).format(actor=a, **_counts(d)),
    "imported": lambda a, d, s: _(
        "{actor} imported the listing template: {created} new, {updated} updated, "
        "{unchanged} unchanged"
    ).format(actor=a, **_counts(d)),
    "tasks-generated": _generated,
    # Annual update rounds (symbiose/regional/actions.py), written on the hub.
    "round-opened": lambda a, d, s: _(
        "{actor} opened the update round for {year}: {count} organisations asked to confirm "
        "their streams by {deadline}"
    ).format(actor=a, year=int(d["year"]), count=int(d["count"]), deadline=d["deadline"]),
    "round-reminded": lambda a, d, s: _(
        "{actor} sent a reminder in the update round for {year} to {count} organisations"
    ).format(actor=a, year=int(d["year"]), count=int(d["count"])),
    "round-closed": lambda a, d, s: _(
        "{actor} closed the update round for {year}; {answered} organisations had answered"
    ).format(actor=a, year=int(d["year"]), answered=int(d["answered"])),
    # Follow-up tasks.
    "task-added": lambda a, d, s: _("{actor} added the task “{task}”").format(
        actor=a, task=_quote(d.get("title") or s)
    ),
    "task-done": lambda a, d, s: _("{actor} marked the task “{task}” done").format(
        actor=a, task=_named(s)
    ),
    "task-reopened": lambda a, d, s: _("{actor} opened the task “{task}” again").format(
        actor=a, task=_named(s)
    ),
    "task-updated": _task_changes,
}


def _fallback(actor: str, object_type: str) -> str:
    texts = {
        "opportunity": _("{actor} changed the opportunity"),
        "hub": _("{actor} changed the hub"),
        "followuptask": _("{actor} changed a follow-up task"),
    }
    return texts.get(object_type, _("{actor} made a change")).format(actor=actor)


def actor_name(user: Any) -> str:
    if user is None:
        return _("The system")
    return user.get_full_name() or user.get_username()


def describe(event: AuditEvent, subject: str = "") -> str:
    """The event as one sentence; ``subject`` names its object where the data does not."""
    actor = actor_name(event.actor)
    render = SENTENCES.get(event.verb)
    if render is not None:
        try:
            return render(actor, event.data or {}, subject)
        except (LookupError, TypeError, ValueError, AttributeError, FieldDoesNotExist):
            pass
    return _fallback(actor, event.object_type)


def rows(events: Iterable[AuditEvent], subjects: Mapping[str, str] | None = None) -> list[dict]:
    """``{"at", "text"}`` per event, for templates; a fixed number of queries for any count."""
    subjects = subjects or {}
    events = list(events)
    token = _people.set(_people_in(events))
    try:
        return [
            {"at": e.at, "text": describe(e, subjects.get(f"{e.object_type}:{e.object_ref}", ""))}
            for e in events
        ]
    finally:
        _people.reset(token)


def opportunity_events(opp: Opportunity) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type="opportunity", object_ref=opp.ref).select_related(
        "actor"
    )


def hub_events(hub: Hub) -> tuple[QuerySet[AuditEvent], dict[str, str]]:
    """The hub's own events and its tasks' events, with the tasks' labels as subjects."""
    tasks = {str(t.pk): t for t in hub.tasks.select_related("organisation", "offer__organisation",
                                                            "need__organisation")}  # fmt: skip
    events = AuditEvent.objects.filter(
        object_type="hub", object_ref=str(hub.pk)
    ) | AuditEvent.objects.filter(object_type="followuptask", object_ref__in=list(tasks))
    subjects = {f"followuptask:{pk}": t.label() for pk, t in tasks.items()}
    return events.select_related("actor").order_by("-at", "-id"), subjects
