"""The strongest link of a proposed pair, for the failure tools (``park_failures.py``,
``pooled_failures.py``).

Both tools sort proposed pairs by the strongest piece of evidence they have, most specific
first: a shared class (the same class, or a class and its ancestor), a use the need names
(split by whether the need also names a material), an energy bridge, a weaker class, the
need's sector profile or NACE code, the flow prior, or only the wording. :func:`link_kind`
makes that decision once; each tool prints it through its own label table, since one tool
splits what the other counts together.

Examples
--------
>>> c = {"class": 0.0, "relation": 0.85, "bridge": 0.0, "prior": 0.5}
>>> kind = link_kind(c, same_class=False, need_names_material=False)
>>> PARK_LABELS[kind], POOLED_LABELS[kind]
('named use', 'named use')
>>> PARK_LABELS["prior"], POOLED_LABELS["prior"], POOLED_LABELS["wording"]
('prior', 'prior or wording', 'prior or wording')
"""

from __future__ import annotations

EPS = 1e-9
STRONG = 0.8  # a class or a named use at least this counts before any other link
SECTOR = 0.45  # a sector profile's or NACE code's relation (other inputs 0.45, NACE 0.5)

#: The park tool's labels: it tells the same class from an ancestor, and a need that also
#: names a material from one that names only a use.
PARK_LABELS = {
    "class same": "class: same",
    "class ancestor": "class: ancestor",
    "named use": "named use",
    "named use, material named": "named use (need names a material)",
    "bridge": "energy bridge",
    "class weak": "class: sibling",
    "sector": "sector profile or NACE",
    "prior": "prior",
    "wording": "wording or code",
}
#: The pooled tool's labels: strong classes together, named uses together, the prior with
#: the wording.
POOLED_LABELS = {
    "class same": "class >= 0.8",
    "class ancestor": "class >= 0.8",
    "named use": "named use",
    "named use, material named": "named use",
    "bridge": "energy bridge alone",
    "class weak": "class < 0.8",
    "sector": "sector or NACE",
    "prior": "prior or wording",
    "wording": "prior or wording",
}


def link_kind(c: dict[str, float], same_class: bool, need_names_material: bool) -> str:
    """The kind of the strongest link of a pair with components ``c`` (a key of the label
    tables). ``same_class``: both sides have one class in common (else a strong class link
    is a class and its ancestor); ``need_names_material``: the need's own words or code name
    a class."""
    if c["class"] >= STRONG - EPS:
        return "class same" if same_class else "class ancestor"
    if c["relation"] >= STRONG - EPS:
        return "named use, material named" if need_names_material else "named use"
    if c["bridge"] > 0:
        return "bridge"
    if c["class"] > 0:
        return "class weak"
    if c["relation"] >= SECTOR - EPS and 0.5 * c["prior"] < c["relation"] - EPS:
        return "sector"
    return "prior" if c["prior"] > 0 else "wording"


def pair_link_kind(engine, m) -> str:
    """:func:`link_kind` of a proposed :class:`~symbiose.matching.engine.types.Match`, with
    the class sets read from the engine's features of both streams."""
    fo, fn = engine.features(m.offer_ref), engine.features(m.need_ref)
    same = bool({x for x, _w, _s in fo.classes} & {x for x, _w, _s in fn.classes})
    named = any(src in ("title", "description", "ewc_code") for _c, _w, src in fn.classes)
    return link_kind(m.components, same, named)
