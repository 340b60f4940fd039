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
from symbiose.facilitation.derived import anonymise, registered_names_in
from symbiose.facilitation.models import BankEntry, Hub, Opportunity
from symbiose.registry import access as registry_access
from symbiose.registry.actions import audit
from symbiose.registry.models import Organisation


class BankRefused(ValueError):
    """A bank entry that would name a registered organisation; the message says where."""


def stream_snapshot(stream: Any, names: list[str] | None = None) -> dict[str, Any]:
    """What the bank may say about a stream: what an anonymous visitor sees, no company (a
    title that names a registered organisation is left out)."""
    anonymous = AnonymousUser()
    if not registry_access.can_see_stream(anonymous, stream):
        return {"direction": stream.direction, "category": stream.category}
    r = registry_access.redacted(anonymous, stream)
    out = {k: r.get(k) for k in bankformat.STREAM_KEYS}
    if "title" in out and registered_names_in(str(out["title"] or ""), names):
        out["title"] = None
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def bank_proposal(opp: Opportunity) -> dict[str, str]:
    """The anonymised title and description proposed when shelving, for the facilitator to
    check and confirm: every registered organisation's name is replaced by "an organisation"."""
    orgs = list(Organisation.objects.only("name"))
    return {
        "bank_title": anonymise(opp.title, orgs),
        "bank_description": anonymise(opp.description, orgs),
    }


def check_no_company_names(texts: dict[str, str], *, where: str = "") -> None:
    """Refuse (:class:`BankRefused`) if any text names a registered organisation.

    ``texts`` maps a field's label to its text; the message names the field and what was
    found (the facilitator wrote it, so repeating it tells them nothing new).
    """
    names = list(Organisation.objects.values_list("name", flat=True))
    for label, text in texts.items():
        found = registered_names_in(text, names)
        if found:
            quoted = ", ".join(_("“{name}”").format(name=n) for n in found)  # «…» in nb
            raise BankRefused(
                _("%(where)s%(field)s names %(names)s; the bank promises no company names: "
                  "write “an organisation” or the kind of company instead.")
                % {"where": where, "field": label, "names": quoted}
            )  # fmt: skip


@transaction.atomic
def do_shelve(
    opp: Opportunity,
    reason: str,
    *,
    title: str | None = None,
    description: str | None = None,
    acting_user: Any,
) -> BankEntry:
    """Shelve the opportunity with a reason and put an anonymised copy in the bank.

    ``title`` and ``description`` are the bank entry's, confirmed by the facilitator (default:
    :func:`bank_proposal`). Raises :class:`BankRefused`, changing nothing, if the entry would
    name a registered organisation.
    """
    opp.refresh_from_db(fields=["status"])
    if opp.status != "active":
        raise PhaseBlocked(_("Only an active opportunity can be shelved."))
    proposal = bank_proposal(opp)
    title = proposal["bank_title"] if title is None else title
    description = proposal["bank_description"] if description is None else description
    check_no_company_names(
        {_("The title"): title, _("The description"): description, _("The reason"): reason}
    )
    names = list(Organisation.objects.values_list("name", flat=True))
    opp.status = "shelved"
    opp.shelved_reason = reason
    opp.save()
    entry = BankEntry.objects.create(
        ref="BANK-" + secrets.token_hex(4).upper(),
        hub=opp.hub,
        opportunity=opp,
        title=title,
        kind=opp.kind,
        description=description,
        reason=reason,
        phase_reached=opp.phase,
        readiness=opp.readiness(),
        streams=[stream_snapshot(s, names) for s in opp.streams.select_related("organisation")],
        region=opp.hub.name,
        shelved_at=datetime.date.today(),
    )
    audit(acting_user, "shelved", opp, reason=reason, bank=entry.ref)
    return entry


@transaction.atomic
def check_import_bank(hub: Hub, data: bytes, *, source: str, acting_user: Any) -> list[BankEntry]:
    """Add the entries of a bank file to ``hub``'s bank; nothing is stored if any is wrong."""
    entries = []
    items = bankformat.parse(data)
    problems = []
    for n, item in enumerate(items, start=1):
        texts = {_("the title"): item.get("title") or "",
                 _("the description"): item.get("description") or "",
                 _("the reason"): item.get("reason") or ""}  # fmt: skip
        for i, stream in enumerate(item.get("streams") or [], start=1):
            texts[_("the title of stream %(i)d") % {"i": i}] = str(stream.get("title") or "")
        try:
            check_no_company_names(texts, where=_("Entry %(n)d: ") % {"n": n})
        except BankRefused as err:
            problems.append(str(err))
    if problems:
        raise bankformat.BankFormatError(problems)
    for item in items:
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
