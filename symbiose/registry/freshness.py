"""A stream's two freshness dates, so that the date other people see never tells on a hidden
edit.

``Stream.confirmed_at`` is the owner's date: it moves on every change and every confirmation,
and insiders (the owner's members, its hub facilitators, admins) see it.
``Stream.shared_confirmed_at`` is the date everyone else sees (``registry.access.redacted``,
so also search, its freshness filter and sort, the API, exports and maps): it moves only on a
confirmation or on a change to a field that every viewer of the stream may see. An edit to a
field the stream hides (its quantity, price, location, ...) leaves it where it was, or a
viewer could read "something hidden changed today" from it.

Writes call :func:`stamp` after applying their changes (``registry.actions.do_save_stream``
and the bulk import in ``registry.importers.actions``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, MutableMapping
from typing import Any

from symbiose.registry.sensitive import implied_hidden

#: Model fields that :func:`symbiose.registry.access.redacted` shows (to a viewer from whom
#: the stream hides nothing). A change to another field (``current_practice``, notes kept for
#: the owner) is not a visible change.
SHOWN_FIELDS = frozenset({
    "organisation", "direction", "category", "title", "description", "composition",
    "ewc_code", "hazardous", "accepts_hazardous", "legal_status", "quantity", "unit",
    "period", "annual_quantity", "annual_unit", "temperature_c", "crm", "price_nok_per_unit",
    "available_from", "available_to", "lat", "lon", "visibility", "sensitive_fields",
})  # fmt: skip
#: Model fields each sensitive field hides (``registry.access.SENSITIVE_ATTRIBUTES`` names
#: the redacted row's keys; the owner is the model's ``organisation``).
HIDES: dict[str, frozenset[str]] = {
    "identity": frozenset({"organisation"}),
    "quantity": frozenset({"quantity", "unit", "period", "annual_quantity", "annual_unit"}),
    "description": frozenset({"description"}),
    "location": frozenset({"lat", "lon"}),
    "ewc_code": frozenset({"ewc_code", "hazardous"}),
    "price": frozenset({"price_nok_per_unit"}),
    "composition": frozenset({"composition", "crm"}),
    "analysis": frozenset(),
}


def visible_change(
    changed: Iterable[str], sensitive_before: Iterable[str], sensitive_after: Iterable[str]
) -> bool:
    """Whether any changed field is one every viewer of the stream may see.

    A field hidden before *or* after the change counts as hidden. The list of hidden fields
    is itself shown (without ``analysis``), so a change to it is visible.

    >>> visible_change({"quantity"}, {"quantity"}, {"quantity"})
    False
    >>> visible_change({"quantity", "title"}, {"quantity"}, {"quantity"})
    True
    >>> visible_change({"sensitive_fields"}, {"analysis"}, set())
    False
    >>> visible_change({"sensitive_fields", "price_nok_per_unit"}, set(), {"price"})
    True

    A hidden identity hides the exact site too (:mod:`symbiose.registry.sensitive`):

    >>> visible_change({"lat", "lon"}, {"identity"}, {"identity"})
    False
    """
    before, after = set(sensitive_before or ()), set(sensitive_after or ())
    hidden = {f for name in implied_hidden(before | after) for f in HIDES.get(name, ())}
    for name in set(changed) & SHOWN_FIELDS:
        if name == "sensitive_fields":
            if before - {"analysis"} != after - {"analysis"}:
                return True
        elif name not in hidden:
            return True
    return False


def stamp(
    stream: Any,
    changes: MutableMapping[str, Any],
    *,
    sensitive_before: Iterable[str],
    confirmed: datetime.date | None,
    today: datetime.date,
) -> None:
    """Move the stream's freshness dates after ``changes`` were applied to it.

    ``confirmed`` is a confirmation date the writer was given (an import file's column), or
    ``None``. Both dates move to a newly given confirmation; otherwise a change moves the
    owner's date to ``today`` and the shared date only when the change is visible. The moved
    dates are added to ``changes`` (so they are saved and audited).
    """
    new = confirmed or (today if changes else None)
    moved = bool(new) and new != stream.confirmed_at
    visible = visible_change(changes, sensitive_before, stream.sensitive_fields)
    if moved:
        stream.confirmed_at = new
        changes.setdefault("confirmed_at", new)
    # A given date that only repeats the stored one may be the owner's own (an exported
    # file): it never reaches the shared date, which takes today for a visible change.
    shared = new if moved and confirmed else (today if visible else None)
    if shared and shared != stream.shared_confirmed_at:
        stream.shared_confirmed_at = shared
        changes.setdefault("shared_confirmed_at", shared)


def shown_date(viewer: Any, stream: Any) -> datetime.date:
    """The freshness date ``viewer`` (a ``registry.access.Viewer``) may see: the owner's date
    for insiders, the shared date for everyone else."""
    if viewer.is_insider(stream.organisation_id):
        return stream.confirmed_at
    return stream.shared_confirmed_at


def confirm(stream: Any, today: datetime.date) -> list[str]:
    """An explicit confirmation: both dates move to ``today``; returns the fields to save."""
    stream.confirmed_at = today
    stream.shared_confirmed_at = today
    return ["confirmed_at", "shared_confirmed_at"]
