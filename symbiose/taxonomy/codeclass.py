"""How strongly an EWC code names each of its classes, with the sector as tie-break.

Pure module (no Django), used by :func:`symbiose.taxonomy.classify.classify`. Most of the 842
List of Waste entries stand for one material class; a few stand for several because their
title covers several materials ("animal-tissue waste" of 02 02 is meat or fish, "sludges" of
02 02 04 are a meat plant's or a fish plant's). Giving each of them the full weight of a code
made two classes equally certain; here the producer's (or receiver's) sector decides.
"""

from __future__ import annotations

from symbiose.taxonomy.knowledge import sector_profile
from symbiose.taxonomy.materials import ancestors


def code_weights(coded: list[str], codes: tuple, direction: str) -> dict[str, float]:
    """Weights of the classes an EWC code stands for. A code of one class says 0.9. An entry
    that stands for several ("animal-tissue waste" of 02 02: meat or fish) lets the sector
    decide: the class its profile gives off (an offer) or takes (a need) first keeps 0.9, other
    classes the profile lists 0.7, the rest fall to 0.5; when the sector says nothing, each is
    0.7, since the code alone does not tell which it is.

    >>> code_weights(["animal_byproduct", "fish_residue"], ("10.20",), "offer")
    {'animal_byproduct': 0.5, 'fish_residue': 0.9}
    """
    leaves = [c for c in coded if not any(c != o and c in ancestors(o) for o in coded)]
    if len(leaves) < 2:
        return dict.fromkeys(coded, 0.9)
    for code in codes:
        profile = sector_profile(code) if code else None
        if profile is None:
            continue
        said = list(profile.outputs if direction == "offer" else profile.inputs)
        rank = {c: min((said.index(a) for a in ancestors(c) if a in said), default=None)
                for c in leaves}  # fmt: skip
        agree = sorted((r, c) for c, r in rank.items() if r is not None)
        if agree:
            first = agree[0][1]
            weights = {c: 0.9 if c not in leaves or c == first else 0.5 for c in coded}
            weights.update({c: 0.7 for _r, c in agree[1:]})
            return weights
        break
    return {c: 0.7 if c in leaves else 0.9 for c in coded}
