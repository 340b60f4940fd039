"""How many stored candidate pairs the impact calculators cannot value (target: none).

Usage: .venv/bin/python benchmarks/impact_coverage.py [--streams 700]

Builds two throwaway SQLite registries: the demo region (``symbiose demo``) and a synthetic
registry of ``--streams`` streams written as a listing template and loaded with
``symbiose import``. For each it recomputes the matches and values every stored candidate
pair through ``symbiose.impact.adapter.assess_pair`` (the platform's own view), then prints
a Markdown table: pairs, valued with a quantity, valued per unit only, failed (with the
first error messages), not worth it, and the time taken. Standard library plus the project.
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
    cells = [c.get(k, 0) for k in ("pairs", "valued", "per_unit", "failed", "not_worth")]
    return "| " + " | ".join(map(str, [label, *cells, f"{seconds} s", errors])) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=700)
    args = parser.parse_args()
    print("| registry | pairs | valued | per unit only | failed | not worth it | time | errors |")
    print("|---|---|---|---|---|---|---|---|")
    print(measure("demo", [["demo"]]))
    with tempfile.TemporaryDirectory() as folder:
        synthetic_listing(Path(folder), args.streams)
        print(measure(f"synthetic, {args.streams} streams (import)", [["import", folder]]))


if __name__ == "__main__":
    main()
