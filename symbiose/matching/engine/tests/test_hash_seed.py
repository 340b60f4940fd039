"""Two processes with different ``PYTHONHASHSEED`` build the same engine, bit for bit.

Python randomises the iteration order of sets of strings per process. Where such an order
decides the order of a floating sum (a text vector's tokens, and so its norm and its dot
products), two workers score a pair differently in the last bits and may order a tie
differently (one pair in 49 513 at 7 000 synthetic streams did, through the order of a
need's use tokens). The engine iterates no set into a sum; this test builds it on a synthetic
registry (needs naming several uses among them) in two processes whose seeds order those
sets differently, and compares the fitted vocabulary, every component and every score
exactly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
SCRIPT = """
import dataclasses, json, sys
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.features import stream_features
from symbiose.matching.engine.synthetic import synthetic_streams

streams = synthetic_streams(1500, seed=0)
# first, a need naming two uses never seen before: their order in the vocabulary (and so in
# every text vector's dot products) is the order the need's set of uses is read in
need = next(s for s in streams if s.direction == "need")
streams.insert(0, dataclasses.replace(need, ref="first", title="Trenger batterier",
                                      description="wet hydrometallurgi"))
engine = MatchEngine(streams)
several = sum(len(stream_features(s).uses_text) > 1 for s in streams)
lead = sorted(stream_features(streams[0]).uses_text)
pairs = {
    f"{m.offer_ref}>{m.need_ref}": [
        float(m.score).hex(), {k: float(v).hex() for k, v in sorted(m.components.items())}
    ]
    for m in engine.match_all(top_n=10, include_intra_company=True)
}
json.dump({"vocab": list(engine.vectoriser.vocab), "several": several, "lead": lead,
           "pairs": pairs}, sys.stdout)
"""


def _run(seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    return json.loads(done.stdout)


def test_engines_built_under_different_hash_seeds_score_every_pair_alike():
    one, other = _run("0"), _run("2")
    assert one["several"] >= 10  # sets of several uses, whose order the seed changes
    assert len(one["pairs"]) > 5000
    lead = one["lead"]
    assert len(lead) >= 2  # the first need names several uses
    first = [t for t in one["vocab"] if t.startswith("#u:")][: len(lead)]
    assert first == [f"#u:{u}" for u in lead]  # first seen together, read in sorted order
    assert one["vocab"] == other["vocab"]
    assert one["pairs"].keys() == other["pairs"].keys()
    differing = [p for p in one["pairs"] if one["pairs"][p] != other["pairs"][p]]
    assert differing == []
