"""Reasons that come from the knowledge base: sector inputs, the flow prior, producers' side
streams, energy recovery, a material's usual reach and the season of heat and cold.

Split from :mod:`.reasons` (which assembles a pair's reasons); each function is cached on its
few distinct inputs, so most reasons are built once and shared (a Reason is immutable).

Examples
--------
>>> season_reason(40).params
{'pct': 40}
"""

from __future__ import annotations

from functools import lru_cache

from symbiose.taxonomy.knowledge import (
    class_knowledge,
    prior_evidence,
    sector_profile,
    sector_text,
)
from symbiose.taxonomy.legal import limit
from symbiose.taxonomy.materials import ancestors, in_running_text, load_uses, materials_by_id
from symbiose.textmarks import N_

from .types import Reason

LOC = frozenset({"offer.location", "need.location"})


def class_source(f_classes: tuple[tuple[str, float, str], ...], class_id: str,
                 side: str) -> frozenset[str]:  # fmt: skip
    """The field a class was read from, when a viewer might not see it (description, code)."""
    for c, _w, src in f_classes:
        if c == class_id:
            if src == "description":
                return frozenset({f"{side}.description"})
            if src == "ewc_code":
                return frozenset({f"{side}.ewc_code"})
    return frozenset()


def _labels(class_id: str) -> dict[str, str]:
    m = materials_by_id()[class_id]
    return {"material": in_running_text(m.label_en), "material_nb": in_running_text(m.label_nb)}


def _sector_params(code: str) -> dict[str, str]:
    en, nb = sector_text(code)
    return {"sector": en, "sector_nb": nb}


@lru_cache(maxsize=65_536)
def sector_reason(classes_o: tuple, sectors: tuple[str, ...], sector_text: frozenset[str],
                  need_desc: str) -> Reason | None:  # fmt: skip
    """ "Typical input of the need's sector": the sector and the offer's class it takes.

    A sector named in the need's words is that sector. Otherwise the knowledge comes from the
    need's organisation (its NACE code), and the reason says so and names the profile that
    applied: the organisation's own class or group when it has one, else its division. An
    offer read only as a broader class of an input ("biomass" for a pallet maker's wood) names
    the input it may be (:data:`~.inputsets.NARROWER_INPUT`).
    """
    for c, _w, _s in classes_o:
        for code in sectors:
            profile = sector_profile(code)
            if profile is None:
                continue
            taken = c if any(a in profile.inputs for a in ancestors(c)) else next(
                (i for i in profile.inputs if c in ancestors(i)[1:]), None)  # fmt: skip
            if taken is None:
                continue
            rev = class_source(classes_o, c, "offer")
            if code in sector_text:  # named in the need's own words
                rev |= frozenset({"need.description"}) if need_desc else frozenset()
                params = {**_sector_params(code), **_labels(taken)}
                return Reason(N_("Typical input of the need's sector ({sector}): {material}"),
                              params, rev, "positive")  # fmt: skip
            # The organisation's sector narrows down who it is.
            return Reason(N_("The need's organisation works in {sector}, a sector that "
                             "typically takes {material}"),
                          {**_sector_params(profile.code), **_labels(taken)},
                          rev | {"need.identity"}, "positive")  # fmt: skip
    return None


@lru_cache(maxsize=65_536)
def prior_reason(classes_o: tuple, sectors: tuple[str, ...], sector_text: frozenset[str],
                 need_desc: str) -> Reason | None:  # fmt: skip
    """The flow prior: documented exchanges sent the offer's class to the need's sector."""
    for c, _w, _s in classes_o:
        found = prior_evidence(c, sectors)
        if found is None:
            continue
        cls, code, k = found
        if code in sector_text:  # named in the need's own words
            rev = frozenset({"need.description"}) if need_desc else frozenset()
        else:  # the organisation's sector narrows down who it is
            rev = frozenset({"need.identity"})
        rev |= class_source(classes_o, c, "offer")
        return Reason(N_("Documented exchanges sent {material} to this sector ({sector}) "
                         "{exchanges} times"),
                      {**_sector_params(code[:2]), **_labels(cls), "exchanges": k}, rev,
                      "positive")  # fmt: skip
    return None


@lru_cache(maxsize=65_536)
def producer_reason(classes_o: tuple, sectors: tuple[str, ...]) -> Reason | None:
    """The offer names no material: its classes come from its producer's sector profile."""
    for c, _w, src in classes_o:
        if src == "sector" and sectors:
            return Reason(N_("Typical side stream of the offer's sector ({sector}): {material}"),
                          {**_sector_params(sectors[0]), **_labels(c)},
                          frozenset({"offer.identity"}), "info")  # fmt: skip
    return None


@lru_cache(maxsize=65_536)
def bridge_reason(classes_o: tuple) -> Reason | None:
    """A fuel serving an energy need, with its calorific value."""
    for c, _w, _s in classes_o:
        k = class_knowledge(c)
        if not k.fuel:
            continue
        rev = class_source(classes_o, c, "offer")
        if k.lhv_mj_kg:
            return Reason(N_("{material} can be burnt for the need's heat or energy (energy "
                             "recovery, R1): about {lhv} MJ/kg"),
                          {**_labels(c), "lhv": k.lhv_mj_kg}, rev, "positive")  # fmt: skip
        return Reason(N_("{material} can be burnt for the need's heat or energy (energy "
                         "recovery, R1)"), _labels(c), rev, "positive")  # fmt: skip
    return None


def _law(classes_o: tuple, marks: frozenset[str], wanted: frozenset[str], rule: str):
    """The first of the offer's classes and of the need's wanted uses with a ``rule`` limit."""
    for c, _w, _s in classes_o:
        for use in sorted(wanted):
            found = limit(c, use, marks)
            if found is not None and found.rule == rule:
                return c, use, found
    return None


@lru_cache(maxsize=65_536)
def legal_reason(classes_o: tuple, marks: frozenset[str], wanted: frozenset[str],
                 rule: str, reveals: frozenset[str]) -> Reason | None:  # fmt: skip
    """Why the law forbids (``rule`` "forbidden") or limits ("conditional") the use the need
    asks for: "Food waste may not be used for animal feed: …", with its source's rule in
    our words. ``reveals`` is where the need's wanted use was read (its description or its
    organisation's sector), to which the class's own source is added."""
    found = _law(classes_o, marks, wanted, rule)
    if found is None:
        return None
    c, use, row = found
    u = load_uses()[use]
    params = {**_labels(c), "use": u.terms_en[0], "use_nb": u.terms_nb[0], "why": row.why_en,
              "why_nb": row.why_nb}  # fmt: skip
    rev = reveals | class_source(classes_o, c, "offer")
    if row.when != "always":  # the offer's words said kitchen, meat or fish
        rev |= {"offer.description"}
    if rule == "forbidden":
        return Reason(N_("{material} may not be used for {use}: {why}"), params,
                      frozenset(rev), "info")  # fmt: skip
    return Reason(N_("{material} for {use} only on conditions: {why}"), params, frozenset(rev),
                  "info")  # fmt: skip


_SOURCE_FIELD = {"description": "description", "ewc_code": "ewc_code"}


@lru_cache(maxsize=65_536)
def reach_reason(class_id: str, source: str, side: str, near: bool) -> Reason | None:
    """How far the material usually travels (value per tonne against transport cost)."""
    if materials_by_id()[class_id].category != "material":
        return None
    rev = LOC  # its kind tells whether the two are near or far
    if source in _SOURCE_FIELD:
        rev = rev | {f"{side}.{_SOURCE_FIELD[source]}"}
    params = {**_labels(class_id), "reach_km": class_knowledge(class_id).reach_km}
    return Reason(N_("{material} is usually used within about {reach_km} km of where it "
                     "arises"), params, frozenset(rev),
                  "positive" if near else "negative")  # fmt: skip


# Season: the typical load shapes say which side and its sector; both texts name them.
SEASON_REVEALS = frozenset({"offer.identity", "need.identity", "offer.description",
                            "need.description"})  # fmt: skip
SEASON_APART = 0.7  # the two load shapes overlap under 70 %
R_SAME_SEASON = Reason(N_("Offer and need peak in the same season"), {}, SEASON_REVEALS,
                       "positive")  # fmt: skip


@lru_cache(maxsize=128)
def season_reason(pct: int) -> Reason:
    """Offer and need peak in different seasons; ``pct`` is the overlap of their shapes."""
    # xgettext:no-python-format
    return Reason(N_("Offer and need peak in different seasons: their yearly load shapes "
                     "overlap about {pct} %"), {"pct": pct}, SEASON_REVEALS,
                  "negative")  # fmt: skip
