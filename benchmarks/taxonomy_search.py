"""Measure how long one code-list search takes once the index is warm.

Usage: ``.venv/bin/python benchmarks/taxonomy_search.py``

The search box answers as the user types, so a query should take well under 20 ms. Each
query is also searched with a letter added first, so the figure is not a cache hit.
This replaces a timed unit test, which failed on a loaded machine without any change.
"""

from __future__ import annotations

import os
import time

from symbiose.taxonomy.search import search

QUERIES = ["slagg", "fly ash", "flygeaske", "spillvarme", "gips", "aluminium", "10 01 05"]


def main() -> None:
    """Print the slowest and median per-query time over the queries above."""
    search("warm up")
    times = []
    for q in QUERIES:
        start = time.perf_counter()
        search(q + "x")  # a word not cached yet
        search(q)
        times.append((time.perf_counter() - start) / 2)
    times.sort()
    load = os.getloadavg()[0]
    print(f"median {times[len(times) // 2] * 1000:.1f} ms, worst {times[-1] * 1000:.1f} ms, "
          f"load average {load:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
