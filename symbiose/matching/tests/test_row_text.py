"""A row's JSON and digest are the text the plain encoders give, whichever path builds it.

:mod:`symbiose.matching.rowtext` writes the components with a ``%`` format, keeps each reason's
JSON on the reason and puts the digest's ``repr`` of both texts together from parts. Every
row here is checked against the plain definition: ``json`` of the rounded components and of
the whole reasons list, and :func:`~symbiose.matching.rowtext.digest` of the row's parts.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from symbiose.matching import rows, rowtext
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.synthetic import synthetic_streams
from symbiose.matching.engine.types import Match, Reason

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def _plain(m: Match, row: tuple) -> None:
    """``row`` (in :data:`~rows.COLUMNS` order) says what the plain encoders say of ``m``."""
    comps = json.dumps({k: round(float(v), 6) for k, v in m.components.items()})
    reasons = json.dumps([{"template": r.template, "params": r.params,
                           "reveals": sorted(r.reveals), "kind": r.kind}
                          for r in m.reasons], default=rowtext._scalar)  # fmt: skip
    assert row[6] == comps
    assert row[7] == reasons
    assert row[11] == rowtext.digest(*row[2:6], row[8], comps, reasons)


def _engine_matches() -> list[Match]:
    engine = MatchEngine(synthetic_streams(600, seed=5))
    return engine.match_all(top_n=10, include_intra_company=True)


def test_rows_of_a_synthetic_registry_read_as_the_plain_encoders_write_them():
    matches = _engine_matches()
    ids = {ref: k for k, ref in enumerate(sorted({m.offer_ref for m in matches}
                                                 | {m.need_ref for m in matches}))}  # fmt: skip
    flags = [False] * len(matches)
    made = rows.batch(matches, ids, flags, flags, [0] * len(matches))
    quoted = escaped = 0
    for m, row in zip(matches, made, strict=True):
        _plain(m, row)
        assert rows.values(m, ids, (False, False)) == row  # the one-by-one path
        quoted += "'" in row[7]
        escaped += "\\" in row[7]
    assert quoted and escaped  # the texts that repr escapes were met


def _match(components: dict[str, float], reasons: tuple[Reason, ...]) -> Match:
    return Match("o", "n", 0.1234567, True, 12.5, components, reasons, False)


@pytest.mark.parametrize(
    "components",
    [
        {},
        {"what": 0.5, "class": 1.0 / 3.0, "distance": -0.0, "quantity": 1e-07},
        {"what": math.inf, "distance": -math.inf},
        {"what": math.nan},
        {"it's": 0.25, "back\\slash": 0.5, "100 %": 0.75, "blåbær": 1.0},
    ],
)
def test_odd_components_and_reasons_give_the_plain_text(components):
    reasons = (
        Reason("The offer's {x}", {"x": "blåbær \\ 'ok' \"q\" \x7f"}, frozenset({"b", "a"})),
        Reason("{n} %", {"n": np.int64(3), "f": np.float64(0.5), "b": np.bool_(True)}),
        Reason("plain"),
    )
    ids = {"o": 1, "n": 2}
    m = _match(components, reasons)
    for r in m.reasons:  # twice: once encoded, once from the kept text
        _plain(m, rows.values(m, ids, (True, False)))
        _plain(m, rows.batch([m], ids, [True], [False], [7])[0])
        assert r.__dict__.get(rowtext.TEXT) is not None
    _plain(_match(components, ()), rows.values(_match(components, ()), ids, (True, True)))
