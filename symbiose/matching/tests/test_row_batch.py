"""A full recompute's rows made from the scored arrays equal the rows of the engine's matches.

:func:`symbiose.matching.rows.from_arrays` builds every reason kind for many pairs at once
(:mod:`symbiose.matching.reasonbatch`) instead of one ``Match`` at a time through
``build_reasons``; every row, byte for byte, must be what ``rows.batch`` makes of
``match_batch``'s matches. Compared over every pair a ``match_all`` chooses (feasible and
not, within one organisation too) of a synthetic registry and of the seven evaluation sets,
each with and without locations (distances, nearness, reach and road cost, or the unknown
distance reasons), and over pairs whose inputs touch every branch.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from symbiose.matching import rows
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.synthetic import synthetic_streams
from symbiose.matching.engine.types import StreamInput
from symbiose.matching.reasonbatch import SideKeys

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")
MATCHING = Path(__file__).resolve().parent.parent
SETS = sorted(p.name for p in MATCHING.glob("evaluation*") if (p / "streams.csv").exists())


def _compare(streams: list[StreamInput], top_n: int = 10, batch: int = 997) -> str:
    """Build both ways and compare every row; returns every row's reasons text."""
    engine = MatchEngine(streams)
    selection = engine.select_all(top_n, include_intra_company=True, batch=batch)
    ids = {ref: k + 1 for k, ref in enumerate(sorted(engine.slots))}
    pk_of = np.zeros(len(engine.inputs), dtype=np.int64)
    for ref, slot in engine.slots.items():
        pk_of[slot] = ids[ref]
    sides = SideKeys(engine)
    seen = []
    for k, (o, n, sc) in enumerate(selection.parts):
        start = selection.starts[k]
        at = slice(start, start + len(o))
        basis = list(range(start, start + len(o)))
        made = rows.from_arrays(sides, o, n, sc, pk_of, selection.by_offer[at],
                                selection.by_need[at], basis)  # fmt: skip
        part = engine.match_batch(selection, k)
        want = rows.batch(part.matches, ids, part.by_offer, part.by_need, basis)
        assert len(made) == len(want)
        for m, got, expected in zip(part.matches, made, want, strict=True):
            assert got == expected, (m.offer_ref, m.need_ref)
        take = np.arange(0, len(o), 3)  # a part's subset, as a recompute builds it
        sub = rows.from_arrays(sides, o[take], n[take], sc.take(take), pk_of,
                               selection.by_offer[at][take], selection.by_need[at][take],
                               [basis[j] for j in take.tolist()])  # fmt: skip
        assert sub == [want[j] for j in take.tolist()]
        seen.extend(r[7] for r in made)
    return "\n".join(seen)


def test_a_synthetic_registry_gives_the_same_rows():
    text = _compare(synthetic_streams(900, seed=11))
    assert text.count("\n") > 5000
    for template in ("km apart", "Nearer partners", "is usually used within",
                     "Road transport", "Both are", "Similar descriptions",
                     "The offer covers about"):  # fmt: skip
        assert template in text


def test_a_synthetic_registry_without_locations_gives_the_same_rows():
    streams = [replace(s, lat=None, lon=None) for s in synthetic_streams(400, seed=3)]
    text = _compare(streams)
    assert text.count("\n") > 2000 and "Distance unknown" in text


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("located", [True, False])
def test_an_evaluation_set_gives_the_same_rows(name, located):
    streams, _truth = load_evaluation(MATCHING / name)
    if not located:
        streams = [replace(s, lat=None, lon=None) for s in streams]
    assert _compare(streams).count("\n") > 100


def test_every_reason_branch_gives_the_same_rows():
    """Inputs that reach the rarer branches: legal status, critical raw materials, hazardous
    waste, temperatures given as whole numbers, a quantity of zero and streams of one
    organisation."""
    base = synthetic_streams(300, seed=8)
    odd = []
    for k, s in enumerate(base):
        change = {}
        if k % 5 == 0:
            change["legal_status"] = ("waste", "by_product", "end_of_waste")[k % 3]
        if k % 7 == 0:
            change["crm"] = ("cobalt", "gallium")[: 1 + k % 2]
        if k % 11 == 0:
            change["hazardous"] = True
        if k % 13 == 0 and s.temperature_c is not None:
            change["temperature_c"] = int(s.temperature_c)
        if k % 17 == 0:
            change["quantity"] = 0.0
        if k % 19 == 0:
            change["org_ref"] = "one-org"
        odd.append(replace(s, **change))
    text = _compare(odd)
    for template in ("Legal status of the offer", "Contains critical raw materials",
                     "the receiver accepts hazardous", "Both streams belong to the same",
                     "A heat pump or chiller", "Offer at", "km apart; the limit"):  # fmt: skip
        assert template in text, template
