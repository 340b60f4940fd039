"""Writes for the Bank of Opportunities: shelve, import a bank file, pick an entry up."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from symbiose.facilitation import bankformat
from symbiose.facilitation.actions.opportunities import PhaseBlocked, do_create_opportunity
from symbiose.facilitation.models import BankEntry, Hub, Opportunity
from symbiose.registry import access as registry_access
from symbiose.registry.actions import audit


def stream_snapshot(stream: Any) -> dict[str, Any]:
    """What the bank may say about a stream: what an anonymous visitor sees, no company."""
    anonymous = AnonymousUser()
    if not registry_access.can_see_stream(anonymous, stream):
        return {"direction": stream.direction, "category": stream.category}
    r = registry_access.redacted(anonymous, stream)
    out = {k: r.get(k) for k in bankformat.STREAM_KEYS}
    return {k: v for k, v in out.items() if v not in (None, "", [])}


@transaction.atomic
def do_shelve(opp: Opportunity, reason: str, *, acting_user: Any) -> BankEntry:
    """Shelve the opportunity with a reason and put an anonymised copy in the bank."""
    opp.refresh_from_db(fields=["status"])
    if opp.status != "active":
        raise PhaseBlocked(_("Only an active opportunity can be shelved."))
    opp.status = "shelved"
    opp.shelved_reason = reason
    opp.save()
    entry = BankEntry.objects.create(
        ref="BANK-" + secrets.token_hex(4).upper(),
        hub=opp.hub,
        opportunity=opp,
        title=opp.title,
        kind=opp.kind,
        description=opp.description,
        reason=reason,
        phase_reached=opp.phase,
        readiness=opp.readiness(),
        streams=[stream_snapshot(s) for s in opp.streams.select_related("organisation")],
        region=opp.hub.name,
        shelved_at=datetime.date.today(),
    )
    audit(acting_user, "shelved", opp, reason=reason, bank=entry.ref)
    return entry


@transaction.atomic
def check_import_bank(hub: Hub, data: bytes, *, source: str, acting_user: Any) -> list[BankEntry]:
    """Add the entries of a bank file to ``hub``'s bank; nothing is stored if any is wrong."""
    entries = []
    for item in bankformat.parse(data):
        ref = "BANK-" + secrets.token_hex(4).upper()
        origin = " / ".join(p for p in (source, item.pop("region"), item.pop("ref")) if p)
        entries.append(
            BankEntry.objects.create(
                ref=ref,
                hub=hub,
                origin=origin[:300],
                region=hub.name,
                shelved_at=item.pop("shelved_at") or datetime.date.today(),
                **item,
            )
        )
    audit(acting_user, "bank-imported", hub, entries=[e.ref for e in entries], source=source)
    return entries


@transaction.atomic
def do_pick_up(entry: BankEntry, hub: Hub, *, acting_user: Any) -> Opportunity:
    """Start a new opportunity in ``hub`` from a bank entry."""
    description = entry.description
    if entry.reason:
        description += "\n\n" + _("Shelved before because: {reason}").format(reason=entry.reason)
    opp = do_create_opportunity(
        hub,
        {"title": entry.title, "kind": entry.kind, "description": description.strip()},
        acting_user=acting_user,
    )
    audit(acting_user, "picked-up", opp, bank=entry.ref)
    return opp
