"""How many central factor values cite a publication, per table and overall (issue 16).

Usage: ``.venv/bin/python benchmarks/cited_share.py [--list]``

A central value is a factor id without ``.low``/``.high``, counted once by its row in force.
It "cites a publication" when its source names a known publisher, then the title or table,
with the edition's year (:mod:`symbiose.impact.calc.citations`). ``--list`` also prints
every central estimate with its reasoning, the work list for the next review.
"""

from __future__ import annotations

import sys

from symbiose.impact.calc.citations import Share, basis_of, is_central, table_factors, table_shares


def main(argv: list[str]) -> None:
    shares = table_shares()
    print(
        f"{'table':<18}{'cited':>7}{'estim.':>8}{'defin.':>8}{'unclear':>9}{'total':>7}{'share':>8}"
    )
    for name, s in shares.items():
        print(f"{name:<18}{s.cited:>7}{s.estimates:>8}{s.definitions:>8}{s.unclear:>9}"
              f"{s.total:>7}{s.share:>8.0%}")  # fmt: skip
    all_ = sum(shares.values(), Share(0, 0, 0, 0))
    print(f"{'overall':<18}{all_.cited:>7}{all_.estimates:>8}{all_.definitions:>8}"
          f"{all_.unclear:>9}{all_.total:>7}{all_.share:>8.1%}")  # fmt: skip
    if "--list" in argv:
        for name, rows in table_factors().items():
            for f in rows:
                b = basis_of(f.source, f.year, f.note)
                if is_central(f.id) and b.kind != "publication":
                    print(f"{name}\t{f.id}\t{b.kind}\t{f.source}")


if __name__ == "__main__":
    main(sys.argv[1:])
