"""Signals facilitation sends for the apps above it (tests/test_architecture.py: layers)."""

from __future__ import annotations

from django.dispatch import Signal

#: Sent inside the transaction of the action that moves an opportunity out of implementation
#: (production started), with ``opportunity`` and ``acting_user``. The ledger opens the
#: exchange on it (``ledger/apps.py``), so facilitation needs no import of the ledger.
opportunity_implemented = Signal()
