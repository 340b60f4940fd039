"""Demo ledger entries for ``symbiose demo``: last year's quantity on each new exchange (the
demo opens exchanges only between its fictional organisations: see ``facilitation/demo.py``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from symbiose.ledger.actions import do_add_entry
from symbiose.ledger.models import Exchange


def load(exchanges: Iterable[Exchange], user: Any = None) -> int:
    """Record last year's quantity (the need's yearly quantity, else 1 t) on each exchange that
    has no entry yet; returns how many entries were added."""
    added = 0
    for exchange in exchanges:
        if exchange.entries.exists():
            continue
        need = exchange.opportunity.streams.filter(direction="need").first()
        do_add_entry(exchange, year=datetime.date.today().year - 1,
                     quantity=(need.annual_quantity if need else None) or 1.0,
                     unit=(need.annual_unit if need else "") or "t", acting_user=user)  # fmt: skip
        added += 1
    return added
