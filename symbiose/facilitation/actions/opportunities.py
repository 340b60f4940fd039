"""Writes for opportunities: create, edit, tick exit criteria, advance, assess readiness, notes."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from symbiose.facilitation.derived import opportunity_title
from symbiose.facilitation.models import (
    Hub,
    Opportunity,
    OpportunityNote,
    PhaseCheck,
    ReadinessAssessment,
)
from symbiose.facilitation.models.opportunity import EXIT_CRITERIA
from symbiose.registry.actions import audit, signed_in
from symbiose.registry.models import Stream
from symbiose.taxonomy.categories import opportunity_kind

EDITABLE = ("title", "kind", "description", "owner", "next_step", "due_date")


class PhaseBlocked(ValueError):
    """The opportunity cannot move on yet; the message says what is missing."""


def new_ref() -> str:
    return "OPP-" + secrets.token_hex(4).upper()


@transaction.atomic
def do_create_opportunity(
    hub: Hub,
    values: Mapping[str, Any],
    *,
    streams: Iterable[Stream] = (),
    acting_user: Any,
) -> Opportunity:
    """A new opportunity in phase 1, joining the given streams and their organisations."""
    streams = list(streams)
    opp = Opportunity.objects.create(
        ref=new_ref(), hub=hub, **{k: values[k] for k in EDITABLE if k in values}
    )
    opp.streams.add(*streams)
    opp.organisations.add(*{s.organisation for s in streams}, *values.get("organisations", []))
    audit(
        acting_user,
        "created",
        opp,
        title=opp.title,
        hub=hub.slug,
        streams=[s.ref for s in streams],
    )
    return opp


def pair_title_and_kind(offer: Stream, need: Stream) -> tuple[str, str]:
    """The default title ("<offer> for <receiver>", names as an outsider sees them, see
    :func:`symbiose.facilitation.derived.opportunity_title`) and kind of an opportunity."""
    title = opportunity_title(offer, need)
    kind = opportunity_kind(offer.category)
    return title[:200], kind


@transaction.atomic
def do_create_opportunities_for_pairs(
    hub: Hub, pairs: Iterable[tuple[Stream, Stream]], *, acting_user: Any
) -> list[Opportunity]:
    """One opportunity per (offer, need) match, all or none (the board's bulk action)."""
    out = []
    for offer, need in pairs:
        title, kind = pair_title_and_kind(offer, need)
        out.append(
            do_create_opportunity(
                hub, {"title": title, "kind": kind}, streams=[offer, need], acting_user=acting_user
            )
        )
    return out


@transaction.atomic
def do_update_opportunity(
    opp: Opportunity, values: Mapping[str, Any], *, acting_user: Any
) -> Opportunity:
    changes = {}
    for name in EDITABLE:
        if name in values and getattr(opp, name) != values[name]:
            setattr(opp, name, values[name])
            value = values[name]
            changes[name] = value.get_username() if hasattr(value, "get_username") else value
    if "organisations" in values:
        opp.organisations.set(values["organisations"])
    if "streams" in values:
        opp.streams.set(values["streams"])
    if changes:
        opp.save()
    audit(acting_user, "updated", opp, **changes)
    return opp


@transaction.atomic
def do_set_check(opp: Opportunity, phase: int, key: str, done: bool, *, acting_user: Any) -> None:
    """Tick or untick one exit criterion."""
    if done:
        PhaseCheck.objects.get_or_create(
            opportunity=opp, phase=phase, key=key, defaults={"done_by": signed_in(acting_user)}
        )
    else:
        PhaseCheck.objects.filter(opportunity=opp, phase=phase, key=key).delete()
    audit(acting_user, "checked" if done else "unchecked", opp, phase=phase, key=key)


def missing_checks(opp: Opportunity) -> list[str]:
    done = set(opp.checks.filter(phase=opp.phase).values_list("key", flat=True))
    return [str(label) for key, label in EXIT_CRITERIA.get(opp.phase, []) if key not in done]


@transaction.atomic
def do_advance_phase(opp: Opportunity, *, acting_user: Any) -> Opportunity:
    """Move to the next phase once every exit criterion of this one is ticked.

    Leaving implementation (phase 3) means production started: the exchange is opened in the
    ledger and the opportunity counts as implemented.
    """
    if opp.status == "shelved":
        raise PhaseBlocked(_("A shelved opportunity cannot move on; pick it up from the bank."))
    if opp.phase >= 4:
        raise PhaseBlocked(_("This opportunity is already in the last phase."))
    missing = missing_checks(opp)
    if missing:
        raise PhaseBlocked(
            _("Tick every exit criterion before moving on. Missing: {missing}.").format(
                missing="; ".join(missing)
            )
        )
    old = opp.phase
    opp.phase = old + 1
    if old == 3:
        from symbiose.facilitation.signals import opportunity_implemented

        opp.status = "implemented"
        opportunity_implemented.send(Opportunity, opportunity=opp, acting_user=acting_user)
    opp.save()
    audit(acting_user, "phase", opp, old=old, new=opp.phase)
    return opp


@transaction.atomic
def do_assess_readiness(
    opp: Opportunity, levels: Mapping[str, int], note: str = "", *, acting_user: Any
) -> None:
    """Record a level (1–9) per dimension; the form has checked the range."""
    for dimension, level in levels.items():
        ReadinessAssessment.objects.create(
            opportunity=opp,
            dimension=dimension,
            level=level,
            note=note,
            assessed_by=signed_in(acting_user),
        )
    audit(acting_user, "readiness", opp, **levels)


@transaction.atomic
def do_add_note(
    opp: Opportunity, text: str, document: Any = None, *, acting_user: Any
) -> OpportunityNote:
    note = OpportunityNote.objects.create(
        opportunity=opp, text=text, document=document or "", author=signed_in(acting_user)
    )
    audit(acting_user, "note", opp, document=note.document.name if document else "")
    return note
