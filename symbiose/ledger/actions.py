"""Writes to the ledger: open an exchange, append entries. One transaction and audit row each."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from symbiose.ledger.models import Entry, Exchange
from symbiose.registry.actions import audit, signed_in


@transaction.atomic
def do_open_exchange(opportunity: Any, *, acting_user: Any) -> Exchange:
    """The exchange for an opportunity that reached production (idempotent)."""
    exchange, created = Exchange.objects.get_or_create(
        opportunity=opportunity,
        defaults={
            "hub": opportunity.hub,
            "title": opportunity.title,
            "started_on": datetime.date.today(),
        },
    )
    if created:
        audit(acting_user, "exchange-opened", opportunity)
    return exchange


def open_exchange_on_implementation(sender: Any, *, opportunity: Any, acting_user: Any,
                                    **kwargs: Any) -> None:  # fmt: skip
    """Receiver of facilitation's ``opportunity_implemented``: production started."""
    do_open_exchange(opportunity, acting_user=acting_user)


@transaction.atomic
def do_add_entry(
    exchange: Exchange, *, year: int, quantity: float, unit: str, note: str = "", acting_user: Any
) -> Entry:
    entry = Entry.objects.create(
        exchange=exchange,
        year=year,
        quantity=quantity,
        unit=unit,
        note=note,
        recorded_by=signed_in(acting_user),
    )
    audit(
        acting_user, "exchange-entry", exchange.opportunity, year=year, quantity=quantity, unit=unit
    )
    return entry
