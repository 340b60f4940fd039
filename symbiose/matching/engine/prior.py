"""Learn the statistical flow prior: which material classes documented exchanges send to
which sectors.

The prior is shipped data (``symbiose/taxonomy/data/flow_prior.csv``), read by
:func:`symbiose.taxonomy.knowledge.prior_inputs`; this module only (re)writes it. It learns
from the truth pairs of the **first and second evaluation sets only**
(:data:`TRAINING_SETS`); the third set stays held out, so its figures stay honest. Each row
is one (offer class, receiving NACE division) with the number of documented exchanges, the
pairs it came from (``set:offer>need``) and their cited sources.

The offer's class is its first class from :func:`~symbiose.taxonomy.classify.classify`; the
receiving sector is the first sector its need names in words ("feed mill"), else its
organisation's NACE code, cut to the division (two digits), so the prior generalises from
one feed mill to the division of food and feed makers.

Usage: ``.venv/bin/python -m symbiose.matching.engine.prior`` rewrites the CSV.

Examples
--------
>>> rows = learn_flow_prior()
>>> all(p.split(":")[0] in TRAINING_SETS for r in rows for p in r["pairs"].split(";"))
True
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.lists import DATA_DIR

from .evalset import load_evaluation

MATCHING_DIR = Path(__file__).resolve().parent.parent
TRAINING_SETS = ("evaluation", "evaluation2")  # never evaluation3: it stays held out
PRIOR_CSV = DATA_DIR / "flow_prior.csv"
FIELDS = ("class", "division", "exchanges", "pairs", "sources")


def _sources(directory: Path) -> dict[tuple[str, str], str]:
    with (directory / "truth.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["offer_ref"], r["need_ref"]): r.get("source", "") for r in csv.DictReader(fh)}


def learn_flow_prior(sets: tuple[str, ...] = TRAINING_SETS) -> list[dict[str, str]]:
    """Rows of the prior, learned from the truth pairs of the named evaluation sets."""
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    cited: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
    for name in sets:
        directory = MATCHING_DIR / name
        streams, truth = load_evaluation(directory)
        sources = _sources(directory)
        by_ref = {s.ref: s for s in streams}
        for offer_ref, need_ref in sorted(truth):
            o, n = by_ref[offer_ref], by_ref[need_ref]
            ko = classify(o.title, o.description or "", o.ewc_code, o.category, o.nace, "offer")
            kn = classify(n.title, n.description or "", None, n.category, n.nace, "need")
            code = (kn.sectors or (n.nace or "",))[0]
            if not ko.classes or len(code) < 2:
                continue
            key = (ko.classes[0].class_id, code[:2])
            pairs[key].append(f"{name}:{offer_ref}>{need_ref}")
            if sources.get((offer_ref, need_ref)):
                cited[key][sources[(offer_ref, need_ref)]] = None
    return [
        {
            "class": c,
            "division": d,
            "exchanges": str(len(refs)),
            "pairs": ";".join(refs),
            "sources": " | ".join(cited[(c, d)]),
        }  # fmt: skip
        for (c, d), refs in sorted(pairs.items())
    ]


def write_flow_prior(rows: list[dict[str, str]], path: Path = PRIOR_CSV) -> None:
    """Write the prior's rows as CSV."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":  # pragma: no cover - a data build step
    rows = learn_flow_prior()
    write_flow_prior(rows)
    print(f"{len(rows)} rows written to {PRIOR_CSV}", file=sys.stderr)
