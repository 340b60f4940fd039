"""Small-group suppression for regional tables: no cell may reveal one company's value.

Pure: no Django import. A table is a mapping from a row key to the contributions of each
organisation (``{org_id: value}``). :func:`protect` decides which cells are shown:

* **Too few** — a cell is suppressed when fewer than :data:`MIN_ORGANISATIONS` organisations
  contribute to it (a value of 0 still counts as contributing: it was stated).
* **Dominated** — a sum of amounts (tonnes, NOK, CO2e, jobs) is also suppressed when one
  organisation contributes more than :data:`DOMINANCE` of it: the total would be close to
  that organisation's own figure. Counts (``amounts=False``) skip this rule.
* **Secondary** — when a table shows its total, the suppressed cells together must pass the
  same rules, or the total minus the shown cells would give them away; the smallest shown
  cells are suppressed as well until they do. If even that is impossible, the total is
  suppressed too.

Examples
--------
>>> cells, total = protect({"slag": {1: 5.0, 2: 7.0, 3: 9.0}, "dust": {1: 2.0}})
>>> cells["dust"].shown, cells["slag"].shown, total.shown
(False, False, True)
>>> cells["slag"].reason, total.value
('secondary', 23.0)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

#: A figure is shown only when at least this many organisations contribute to it.
MIN_ORGANISATIONS = 3
#: ... and, for amounts, no single organisation contributes more than this share of it.
DOMINANCE = 0.85

Contributions = Mapping[Hashable, float]


@dataclass(frozen=True)
class Cell:
    """A figure as it may be shown: ``value`` is ``None`` when suppressed.

    ``reason`` is ``""`` (shown), ``"few"`` (fewer than the minimum organisations),
    ``"dominant"`` (one organisation dominates) or ``"secondary"`` (hidden so that a
    suppressed neighbour cannot be worked out from the total). A shown cell without any
    contribution has ``value`` ``None``: nothing was stated.
    """

    value: float | None
    organisations: int
    reason: str = ""

    @property
    def shown(self) -> bool:
        return self.reason == ""


@dataclass
class Row:
    """A labelled table row of protected cells, by column name (for pages and reports)."""

    label: str
    cells: dict[str, Cell]
    key: str = ""


def primary_reason(contributions: Contributions, *, amounts: bool = True) -> str:
    """Why a cell with these contributions must be suppressed on its own ("" if it may show).

    Examples
    --------
    >>> primary_reason({1: 1.0, 2: 1.0})
    'few'
    >>> primary_reason({1: 90.0, 2: 5.0, 3: 5.0})
    'dominant'
    >>> primary_reason({1: 90.0, 2: 5.0, 3: 5.0}, amounts=False)
    ''
    """
    if not contributions:
        return ""  # nothing stated by anyone: nothing to protect (shown as "–")
    if len(contributions) < MIN_ORGANISATIONS:
        return "few"
    if amounts:
        total = sum(abs(v) for v in contributions.values())
        if total > 0 and max(abs(v) for v in contributions.values()) > DOMINANCE * total:
            return "dominant"
    return ""


def cell(contributions: Contributions, *, amounts: bool = True) -> Cell:
    """One figure on its own (no table around it), suppressed by the primary rules."""
    reason = primary_reason(contributions, amounts=amounts)
    value = None if reason or not contributions else float(sum(contributions.values()))
    return Cell(value, len(contributions), reason)


def _merge(parts: Iterable[Contributions]) -> dict[Hashable, float]:
    out: dict[Hashable, float] = {}
    for part in parts:
        for org, value in part.items():
            out[org] = out.get(org, 0.0) + value
    return out


def protect(
    table: Mapping[Hashable, Contributions], *, amounts: bool = True, with_total: bool = True
) -> tuple[dict[Hashable, Cell], Cell]:
    """Cells of ``table`` and its total, with primary and secondary suppression applied.

    Returns ``(cells, total)``; ``total`` is the whole table's figure (suppressed by the
    primary rules over all contributions). Without ``with_total`` no secondary suppression
    is needed and the returned total is always suppressed (``reason="secondary"``).
    """
    reasons = {key: primary_reason(c, amounts=amounts) for key, c in table.items()}
    total_cell = cell(_merge(table.values()), amounts=amounts)
    if with_total and total_cell.shown:
        while True:
            hidden = [k for k, r in reasons.items() if r]
            if not hidden or not primary_reason(_merge(table[k] for k in hidden), amounts=amounts):
                break
            shown = [k for k, r in reasons.items() if not r]
            if not shown:
                break
            smallest = min(shown, key=lambda k: (abs(sum(table[k].values())), str(k)))
            reasons[smallest] = "secondary"
        hidden = [k for k, r in reasons.items() if r]
        if hidden and primary_reason(_merge(table[k] for k in hidden), amounts=amounts):
            total_cell = Cell(None, total_cell.organisations, "secondary")
    elif not with_total:
        total_cell = Cell(None, total_cell.organisations, "secondary")
    cells = {
        key: Cell(None if reasons[key] else float(sum(c.values())), len(c), reasons[key])
        for key, c in table.items()
    }
    return cells, total_cell
