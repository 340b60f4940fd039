"""Scale benchmark for the matching engine on synthetic registries.

Usage: ``.venv/bin/python benchmarks/match_scale.py [N ...]`` (default 1000 10000).
For each size N it builds the engine, runs ``match_all(top_n=5)``, then adds one new stream and
times ``candidates_for`` on it (median of 20). Peak RSS is the process maximum so far, so run
the sizes in increasing order. Targets (2 cores): 100k full match < 60 s and < 4 GB RSS; one new
stream vs 100k < 50 ms; growth well below quadratic. The engine uses ``EngineConfig.workers``
(default 2) forked processes for feature extraction and block scoring on large registries;
"worker RSS" is the largest worker's peak (its pages are shared with the parent until written).
CPU seconds (user + system, the process and its finished workers) are the figure to compare on
a loaded machine, where wall-clock time mostly measures the other jobs.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time

from symbiose.matching.engine import MatchEngine, StreamInput
from symbiose.matching.engine.synthetic import synthetic_streams


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (Linux reports KiB) of this process or its largest child."""
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds (user + system) of this process and of its finished workers so far."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(n: int) -> dict:
    """Measure one size."""
    streams = synthetic_streams(n, seed=42)
    t0, c0 = time.perf_counter(), cpu_s()
    engine = MatchEngine(streams)
    t_build, c_build = time.perf_counter() - t0, cpu_s() - c0
    t0, c0 = time.perf_counter(), cpu_s()
    matches = engine.match_all(top_n=5)
    t_match, c_match = time.perf_counter() - t0, cpu_s() - c0
    times = []
    for k in range(20):
        new = StreamInput(
            ref=f"new{k}", org_ref="newco", direction="need" if k % 2 else "offer",
            category="material", title="Søker stålslagg til veibygging" if k % 2 else
            "Flygeaske fra forbrenning", lat=59.2, lon=10.9, quantity=5000, unit="t/yr",
        )  # fmt: skip
        t0 = time.perf_counter()
        engine.add_or_update(new)
        cands = engine.candidates_for(new.ref, top_n=10)
        times.append(time.perf_counter() - t0)
    return {
        "n": n,
        "build_s": t_build,
        "match_all_s": t_match,
        "build_cpu_s": c_build,
        "match_all_cpu_s": c_match,
        "matches": len(matches),
        "one_new_ms": statistics.median(times) * 1000,
        "one_new_cands": len(cands),
        "peak_rss_mb": peak_rss_mb(),
        "child_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1000, 10000]
    print(f"{'streams':>8} {'build s':>8} {'match_all s':>11} {'matches':>8} "
          f"{'new vs all ms':>13} {'peak RSS MB':>11} {'worker RSS MB':>13} "
          f"{'CPU build s':>11} {'CPU match_all s':>15}")  # fmt: skip
    for n in sizes:
        r = run(n)
        print(f"{r['n']:8d} {r['build_s']:8.2f} {r['match_all_s']:11.2f} {r['matches']:8d} "
              f"{r['one_new_ms']:13.1f} {r['peak_rss_mb']:11.0f} {r['child_rss_mb']:13.0f} "
              f"{r['build_cpu_s']:11.1f} {r['match_all_cpu_s']:15.1f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
