"""How many stored candidate pairs the impact calculators cannot value (target: none).

Usage: .venv/bin/python benchmarks/impact_coverage.py [--streams 700]

Builds two throwaway SQLite registries: the demo region (``symbiose demo``) and a synthetic
registry of ``--streams`` streams written as a listing template and loaded with
``symbiose import``. For each it recomputes the matches and values every stored candidate
pair through ``symbiose.impact.adapter.assess_pair`` (the platform's own view), then prints
a Markdown table: pairs, valued with a quantity, valued per unit only, failed (with the
first error messages), not worth it, valued as a fuel burnt for heat (the energy path,
``calc/energy_recovery.py``), the pipe-bound pairs valued with a quantity (heat,
cold, water, gas), how many of them are not worth it because of the pipe's capital cost,
the distance of the farthest pair still worth it per pipe-bound category, and the time
taken. Standard library plus the project.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"

VALUE = """
import collections, time, django
django.setup()
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.models import Candidate
from symbiose.impact.adapter import assess_pair, factor_set
from symbiose.taxonomy.categories import PIPE_BOUND
do_recompute_all()
factors = factor_set()
start = time.perf_counter()
counts = collections.Counter(); errors = collections.Counter()
for c in Candidate.objects.select_related("offer__organisation", "need__organisation"):
    counts["pairs"] += 1
    try:
        pair = assess_pair(c.offer, c.need, factors=factors)
    except Exception as exc:  # any failure counts: the target is none
        counts["failed"] += 1; errors[f"{type(exc).__name__}: {exc}"] += 1; continue
    counts["per_unit" if pair.per_unit else "valued"] += 1
    counts["not_worth"] += int(not pair.result.worth_it)
    counts["energy"] += int(pair.result.energy_recovery)
    p = pair.result.inputs
    if c.offer.category in PIPE_BOUND and not pair.per_unit:
        counts["piped"] += 1
        if pair.result.verdict and pair.result.verdict.code == "not_worth_pipe":
            counts["pipe_verdict"] += 1
        if pair.result.worth_it:  # gas travels by truck unless piped: it pays its haul
            key = "far_" + c.offer.category
            counts[key] = max(counts[key], round(p.distance_km))
print(dict(counts), round(time.perf_counter() - start, 1), errors.most_common(3), sep="|")
"""


def synthetic_listing(folder: Path, n: int) -> None:
    """Write ``n`` synthetic streams as organisations.csv + streams.csv (listing template)."""
    sys.path.insert(0, str(ROOT))
    from symbiose.matching.engine.synthetic import write_listing

    write_listing(folder, n)


def measure(label: str, load: list[list[str]]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SYMBIOSE_DATA_DIR": tmp, "SYMBIOSE_MATCH_ON_SAVE": "0",
               "DJANGO_SETTINGS_MODULE": "symbiose.settings"}  # fmt: skip
        subprocess.run([str(BIN / "symbiose"), "migrate", "--no-input", "-v", "0"], env=env,
                       check=True)  # fmt: skip
        for args in load:
            subprocess.run([str(BIN / "symbiose"), *args], env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        out = subprocess.run([str(BIN / "python"), "-c", VALUE], env=env, check=True,
                             capture_output=True, text=True).stdout.strip()  # fmt: skip
    counts, seconds, errors = out.split("|")
    c = eval(counts)  # noqa: S307 - our own subprocess's dict literal
    cells = [c.get(k, 0) for k in ("pairs", "valued", "per_unit", "failed", "not_worth",
                                   "energy", "piped", "pipe_verdict")]  # fmt: skip
    cells.append(", ".join(f"{k[4:]} {v}" for k, v in sorted(c.items()) if k.startswith("far_")))
    return "| " + " | ".join(map(str, [label, *cells, f"{seconds} s", errors])) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=700)
    args = parser.parse_args()
    print(
        "| registry | pairs | valued | per unit only | failed | not worth it | burnt for heat "
        "| pipe-bound "
        "with a quantity | not worth it for the pipe | farthest pair worth it by category "
        "(km) | time | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(measure("demo", [["demo"]]))
    with tempfile.TemporaryDirectory() as folder:
        synthetic_listing(Path(folder), args.streams)
        print(measure(f"synthetic, {args.streams} streams (import)", [["import", folder]]))


if __name__ == "__main__":
    main()
