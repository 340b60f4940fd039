"""What a need's sector says about an offer's material: the sector relation and support.

A need's sector (sector words in its text, else its organisation's NACE code) has a profile
of inputs in the knowledge base (``taxonomy/data/sector_profiles.csv``): its main inputs and
its other inputs. :func:`sector_relation` is that link alone, :func:`sector_support` the
sector as a third piece of evidence beside a shared class or a named use. Both read the
knowledge base only, never the registry.
"""

from __future__ import annotations

import numpy as np

from .features import FeatureTable
from .specificity import NAMED_USE_RELATION
from .uses import off_use

SECTOR_RELATION = 0.6  # the need's sector takes the class as another input: 0.75 of this
SECTOR_MAIN_RELATION = 0.8  # ... as one of its main inputs: as strong as a named use
SECTOR_SUPPORT = 0.2  # the need's sector takes the class as a main input, beside a class or use


def sector_score(t: FeatureTable, o, n):
    """1 where the need's sector (its words, else its organisation) takes the offer's class."""
    return t.sector_table()[t.cprof[o], t.sprof[n]]


def sector_relation(takes, names_use=False):
    """The relation of a need's sector that takes the offer's class (``takes``: 1 as a main
    input, 0.75 as another, 0 not at all): :data:`SECTOR_MAIN_RELATION` for a main input of
    a need that names no use, ``0.6 × takes`` otherwise. A need that names a use
    (``names_use``) is led by it, as a need that names its material is: its sector's main
    inputs stay at 0.6 beside its named use.

    A sector's main inputs are its four or so chief materials, as specific as a use few
    classes serve. Measured on the seven sets, each one park without locations (every
    proposed cross-company pair by its strongest link, ``docs/benchmarks.md``, issue 12,
    thirteenth session): 1.7 % of the pairs linked only by the need's sector's main inputs are
    documented exchanges, as many as of those linked by a named use that sixteen or more
    classes serve (1.5–1.9 %, relation 0.8), against 0.4 % for a sector's other inputs and
    0.6 % for a NACE code alone. At 0.6 a "Feed merchant" that takes sugar-beet pulp as a
    main input ranked below every need naming compost or biogas, which take any organic
    residue; both now weigh alike and distance and wording decide.

    Examples
    --------
    >>> [round(float(x), 2) for x in sector_relation(np.array([1.0, 0.75, 0.0]))]
    [0.8, 0.45, 0.0]
    >>> float(sector_relation(np.array(1.0), names_use=True))
    0.6
    """
    takes = np.asarray(takes)
    main = (takes >= 1.0) & ~np.asarray(names_use)
    return np.where(main, SECTOR_MAIN_RELATION, SECTOR_RELATION * takes)


def sector_support(t: FeatureTable, o, n, klass, rel_own, base):
    """The evidence ``base`` with the need's sector as a third, weaker piece beside a shared
    class or a named use: ``1 − (1 − base)(1 − 0.2)`` where the need's sector profile takes
    the offer's class as one of its main inputs.

    A need that names a use many classes serve ("Raw material for brick production": clay,
    ash, and the sawdust or seed meal that bricks take as pore formers) relates to all of
    them alike; that the need's own sector takes the offer's class as a main input says which
    it most likely means. On the seven sets as one park each, such agreement triples the
    share of documented exchanges among named-use pairs (3.3 % against 1.0 % without) and
    doubles it among shared-class pairs (12.6 % against 6.6 %); a sector's other inputs (0.75)
    add nothing (0.9 %), so only main inputs count (``docs/benchmarks.md``, issue 12, tenth
    session). The weight is the prior's (0.2): a tie-break among pairs the need's words
    already link, never a link of its own (the sector alone stays the relation 0.6).
    """
    if not (t.sprof[n] > 0).any():
        return base
    main = sector_score(t, o, n) >= 1.0
    if (off := off_use(t, o, n)) is not None:  # a feed need's sector speaks for no non-feed
        main = main & ~off
    named = (np.asarray(rel_own) >= NAMED_USE_RELATION - 1e-9) & ((t.uc[o] & t.uo[n]) != 0)
    linked = (np.asarray(klass) > 0) | named
    return np.where(main & linked, 1.0 - (1.0 - base) * (1.0 - SECTOR_SUPPORT), base)
