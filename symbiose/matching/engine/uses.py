"""What a stream may be used for and what it asks for, as 64-bit use masks.

Split from :mod:`.features`. An offer's uses are those of its classes less any the law
forbids for one of them (:mod:`symbiose.taxonomy.legal`: food waste may not be fed to farmed
animals; bread may, unless its words say it comes from a canteen or holds meat); a need's
wanted uses are those its words name, else those its sector runs. :func:`legal_ok` holds the
two against each other for the scorer.

Examples
--------
>>> "feed" in class_uses_of(("food_waste",)), "feed" in class_uses_of(("bakery_waste",))
(False, True)
>>> sorted(forbidden_of(("bakery_waste",), frozenset({"animal"})))
['feed', 'insect_farming', 'soil_improvement']
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from symbiose.taxonomy.legal import class_uses, forbidden_uses
from symbiose.taxonomy.materials import load_uses


@lru_cache(maxsize=1)
def use_bits() -> dict[str, int]:
    """Use id -> bit in the 64-bit use masks."""
    ids = sorted(load_uses())
    if len(ids) > 63:  # pragma: no cover - guarded by a test
        raise ValueError("more than 63 uses: widen the use masks")
    return {u: 1 << i for i, u in enumerate(ids)}


def use_mask(ids) -> int:
    """The use mask of some use ids (unknown ids are ignored)."""
    bits = use_bits()
    m = 0
    for u in ids:
        m |= bits.get(u, 0)
    return m


def nace_uses(nace: str | None) -> frozenset[str]:
    """Uses whose NACE codes cover ``nace`` (what an organisation of that code runs)."""
    uses = load_uses().values() if nace else ()
    return frozenset(u.id for u in uses if any(nace.startswith(p) for p in u.nace if p))


@lru_cache(maxsize=65_536)
def forbidden_of(class_ids: tuple[str, ...], marks: frozenset[str] = frozenset()) -> frozenset[str]:
    """Uses the law forbids for any of ``class_ids`` (a listing that may be catering waste
    is not feed, whatever else its words also name)."""
    return frozenset(u for c in class_ids for u in forbidden_uses(c, marks))


@lru_cache(maxsize=65_536)
def class_uses_of(
    class_ids: tuple[str, ...], marks: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Uses of some classes and of their ancestors, less those forbidden for any of them."""
    found = frozenset(u for c in class_ids for u in class_uses(c, marks))
    return found - forbidden_of(class_ids, marks)


def legal_ok(t, o, n):
    """False where the need asks only for uses the law forbids for the offer's material:
    some wanted use is forbidden and none it may serve is wanted. None when no offer of the
    pass has a forbidden use (true for every pair)."""
    lf = t.lf[o]
    if not np.any(lf > 0):
        return None
    want = t.lw[n]
    return ((lf & want) == 0) | ((t.uc[o] & want) != 0)


#: Uses whose takers eat what they take: farmed animals (insects too) may be fed only feed
#: materials (Regulation (EC) No 767/2009 Art. 4; the catalogue of Regulation (EU) No
#: 68/2013), so a need that names only these asks for a feed, not for anything its sector
#: also takes (a pig farm takes wood chips as bedding, not as "Fôr til griser").
FEED_USES = ("feed", "insect_farming")


def off_use(t, o, n):
    """True where the need's words name only feed uses and the offer's material may serve
    none of them: its sector's other inputs and the flow prior no longer speak for the pair.
    None when no need of the pass names only feed uses.

    Farmed insects and worms are farmed animals (Regulation (EC) No 1069/2009 Art. 3(6)):
    what may be fed to livestock may be fed to them, so a material that may serve either
    feed use is a feed for a need that names the other ("Lombricoltura" takes brewers' grain;
    catering waste, which may serve neither, stays off)."""
    named = t.uo[n]
    feed = use_mask(FEED_USES)
    only_feed = (named != 0) & ((named & ~feed) == 0)
    if not np.any(only_feed):
        return None
    return only_feed & ((t.uc[o] & feed) == 0)
