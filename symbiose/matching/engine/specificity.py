"""How specific a named use is to the offer's material: few takers, strong evidence.

A need that names only a use ("Zumahlstoff für Zement", "Raw material for the tannery")
relates to every offer whose class that use takes. Some uses take one or two classes
(tanning, rendering), others forty (cement, energy recovery). A named use that few classes
serve says more about which offer the need wants than one that many serve, in the same way a
rare word says more than a common one. The specificity is read from the knowledge base (how
many material classes the use takes, :func:`use_takers`), never from the registry, so a
pair's score does not depend on the other listings.

Measured on the six evaluation sets, each one park without locations (every proposed
cross-company pair whose strongest link is a named use, the need naming no material;
``benchmarks/pooled_failures.py``): 10 % of the pairs whose most specific shared use takes at
most three classes are documented exchanges, 3.4 % for four to eight, 1.6 % for nine to
twenty and 1.3 % above; pairs that share a class at 0.8 or more are 6–7 %
(``docs/benchmarks.md``, issue 12, seventh session).

Examples
--------
>>> round(float(use_specificity(1)), 2), round(float(use_specificity(4)), 2)
(1.0, 0.5)
>>> float(use_specificity(16)), float(use_specificity(40))
(0.0, 0.0)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from symbiose.taxonomy.legal import class_uses
from symbiose.taxonomy.materials import load_materials

from .features import use_bits

#: A use taken by this many classes or more is generic: its named-use relation stays at base.
GENERIC_TAKERS = 16
NAMED_USE_RELATION = 0.8  # a need names a use of the offer's material
SPECIFIC_USE_RELATION = 1.0  # ... a use that only the offer's class (or one other) serves
#: Weight of how few uses the offer's class has (a tie-break among offers serving one use).
FOCUS_WEIGHT = 0.05


def use_specificity(takers):
    """``1 − ln k / ln 16`` for a use taken by ``k`` classes, clipped to [0, 1].

    One taker class gives 1, two 0.75, four 0.5, eight 0.25, sixteen or more 0.
    """
    k = np.maximum(np.asarray(takers, dtype=np.float64), 1.0)
    return np.clip(1.0 - np.log(k) / np.log(GENERIC_TAKERS), 0.0, 1.0)


@lru_cache(maxsize=1)
def use_takers() -> dict[str, int]:
    """Use id -> how many material classes it takes: those that list it and their descendants
    (a use of ``organic`` takes every organic class).

    Examples
    --------
    >>> takers = use_takers()
    >>> takers["tanning"] < takers["biogas"]
    True
    """
    takers: dict[str, int] = {}
    for m in load_materials():
        for u in class_uses(m.id):  # what the law lets it serve (:mod:`~symbiose.taxonomy.legal`)
            takers[u] = takers.get(u, 0) + 1
    return takers


@lru_cache(maxsize=1)
def use_relation_by_bit() -> tuple[tuple[int, float], ...]:
    """``(bit, relation)`` of every use specific enough to lift its relation above
    :data:`NAMED_USE_RELATION`, most specific first."""
    takers = use_takers()
    span = SPECIFIC_USE_RELATION - NAMED_USE_RELATION
    out = []
    for use, bit in use_bits().items():
        rel = NAMED_USE_RELATION + span * float(use_specificity(takers.get(use, GENERIC_TAKERS)))
        if rel > NAMED_USE_RELATION:
            out.append((bit, rel))
    return tuple(sorted(out, key=lambda br: -br[1]))


def named_use_relation(offer_uses, need_uses):
    """Relation of pairs whose need names a use of the offer's material, by the most
    specific use they share (:data:`NAMED_USE_RELATION` where none is specific, up to
    :data:`SPECIFIC_USE_RELATION`), plus a little for an offer class with few uses; 0 for
    pairs that share no use.

    The second part breaks the ties of a need that names a use many offers serve
    ("Polttoaine voimalaitokselle": every fuel, 34 offers at one relation in the pooled
    sets), which wording alone decided before: an offer whose class has few uses is likelier
    meant for this one than an offer whose class could go to twenty processes.

    ``offer_uses`` and ``need_uses`` are the use bit masks (any shapes that broadcast). The
    table is computed once per pair of distinct masks and gathered, as the class score is.

    Examples
    --------
    >>> bits = use_bits()
    >>> rel = named_use_relation(np.array([bits["tanning"] | bits["feed"]]),
    ...                          np.array([bits["tanning"], bits["feed"], bits["cement"]]))
    >>> [round(float(r), 2) for r in rel]
    [1.0, 0.86, 0.0]
    """
    offer_uses, need_uses = np.asarray(offer_uses), np.asarray(need_uses)
    shape = np.broadcast_shapes(offer_uses.shape, need_uses.shape)
    un, inn = np.unique(need_uses.ravel(), return_inverse=True)
    if not un.any():  # no need names a use
        return np.zeros(shape)
    uo, io = np.unique(offer_uses.ravel(), return_inverse=True)
    if len(uo) * len(un) > max(np.prod(shape, dtype=np.int64), 1):  # aligned pairs: direct
        return _relation(offer_uses & need_uses, offer_uses)
    table = _relation(uo[:, None] & un[None, :], uo[:, None])
    return table[io.reshape(offer_uses.shape), inn.reshape(need_uses.shape)]


def _relation(shared, offer_uses):
    """The relation of each shared use mask (0 where nothing is shared), with the focus of
    the offer class: ``FOCUS_WEIGHT × use_specificity(uses of the class)``."""
    table = np.full(shared.shape, NAMED_USE_RELATION)
    todo = shared != 0
    for bit, rel in use_relation_by_bit():
        if not todo.any():
            break
        hit = todo & ((shared & bit) != 0)
        table[hit] = rel
        todo &= ~hit
    n_uses = np.bitwise_count(offer_uses.astype(np.uint64)).astype(np.float64)
    table = np.minimum(table + FOCUS_WEIGHT * use_specificity(n_uses), SPECIFIC_USE_RELATION)
    return np.where(shared != 0, table, 0.0)
