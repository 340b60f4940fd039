"""What a hidden field hides besides itself: one rule for every reader of hidden fields.

A hidden identity also hides the exact site. A company that is alone at its place would be
named by a map marker or by "0.4 km away" as surely as by its name, so a viewer who may not
know who owns a stream learns its place only as coarsely as a hidden location: the centre of
its grid cell, distances in 10 km steps, no map point
(:func:`symbiose.registry.access.coarse_point`). The owner's area is named only as coarsely
as the organisations around it allow (:mod:`symbiose.registry.area`: the municipality
among at least three, else the county, else none), and not at all when the owner hid the
location as well.

Pure (no Django import), so :mod:`symbiose.registry.freshness`, the access rules and the
value views of :mod:`symbiose.impact.valuing` share it.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Sensitive field -> the fields it hides as well when it is hidden from a viewer.
IMPLIED: dict[str, frozenset[str]] = {"identity": frozenset({"location"})}


def implied_hidden(hidden: Iterable[str]) -> frozenset[str]:
    """``hidden`` with every field it implies (:data:`IMPLIED`).

    >>> sorted(implied_hidden({"identity"}))
    ['identity', 'location']
    >>> sorted(implied_hidden({"quantity"}))
    ['quantity']
    """
    out = frozenset(hidden)
    for name, also in IMPLIED.items():
        if name in out:
            out |= also
    return out
