"""What one web process holds after serving the main pages, at a registry's scale.

Usage: ``.venv/bin/python benchmarks/web_memory.py DATA_DIR [--rounds 5] [--top 12]
[--unbounded] [--keep-freed]``

``DATA_DIR`` as for ``benchmarks/page_profile.py`` (whose users, hub and page list this
script shares; use a copy). One process plays a gunicorn worker: it bounds its text caches
as ``symbiose/wsgi.py`` makes every web process do (``--unbounded``: as before
``web/caches.py``; ``--keep-freed``: without handing freed memory back after a request, as
before ``web/memory.py``) and serves every page ``benchmarks/web_load.py`` asks for, for its role,
through Django's test client, ``--rounds`` times over. It reports its resident memory
(``VmRSS``) after start-up and after each round, what each page added to it in the first
round, the per-process caches that hold entries (every ``functools.lru_cache`` reachable
from the project's modules, with its entries and limit), the Python allocations still held
after the last round by source file (``tracemalloc``, started before the first request) and
how many matching engines the process holds. Comparing the figures at 5 000, 20 000 and
100 000 streams shows whether a web process holds anything that grows with the registry
(issue 13: it must not, and no web process may build a matching engine).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import page_profile  # noqa: E402  (a sibling script: users, hub, pages)


def rss_mb() -> float:
    """This process's resident memory in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def project_caches() -> list[tuple[str, int, int | None]]:
    """(name, entries, limit) of every ``lru_cache`` reachable from the project's loaded
    modules (also one made of another module's function) holding at least one entry."""
    found, seen = [], set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("symbiose") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            info = getattr(value, "cache_info", None)
            if callable(info) and id(value) not in seen:
                seen.add(id(value))
                got = info()
                if got.currsize:
                    found.append((f"{name}.{attr}", got.currsize, got.maxsize))
    return sorted(found, key=lambda f: -f[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument(
        "--unbounded",
        action="store_true",
        help="leave the text caches unbounded (as before web/caches.py)",
    )
    parser.add_argument(
        "--keep-freed",
        action="store_true",
        help="do not hand freed memory back after a request (as before web/memory.py)",
    )
    args = parser.parse_args()
    page_profile.setup(args.data)
    from django.core.signals import request_finished

    from symbiose.web.caches import bound_in_this_process

    if not args.unbounded:  # as symbiose/wsgi.py does in every web process
        bound_in_this_process()
    if args.keep_freed:
        request_finished.disconnect(dispatch_uid="symbiose-web-memory-release")
    from django.test import Client
    from django.utils import translation

    from symbiose.registry.models import Stream

    company, facilitator, system, ref, hub, pair = page_profile.users()
    clients = {"company": Client(), "facilitator": Client(), "system": Client()}
    for who, user in (("company", company), ("facilitator", facilitator), ("system", system)):
        clients[who].force_login(user)
    translation.activate("nb")
    streams = Stream.objects.count()
    gc.collect()
    start = rss_mb()
    tracemalloc.start(1)
    after: list[float] = []
    growth: dict[str, float] = {}  # RSS added by each page in the first round
    t0 = time.perf_counter()
    for k in range(args.rounds):
        for who, path in page_profile.pages(ref, hub, pair):
            before = rss_mb()
            status = clients[who].get(path).status_code
            assert status in (200, 302), (path, status)
            if k == 0:
                growth[f"{who} {path}"] = rss_mb() - before
        gc.collect()
        after.append(rss_mb())
    took = time.perf_counter() - t0
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    engines = sum(1 for v in gc.get_objects() if type(v).__name__ == "MatchEngine")
    print(f"{streams} streams; load {os.getloadavg()[0]:.1f}; {args.rounds} rounds of "
          f"{len(page_profile.pages(ref, hub, pair))} pages in {took:.0f} s")  # fmt: skip
    print(f"RSS: {start:.0f} MB after start-up, {after[0]:.0f} MB after the first round, "
          f"{after[-1]:.0f} MB after the last (rounds: "
          f"{', '.join(f'{a:.0f}' for a in after)})")  # fmt: skip
    held = sum(s.size for s in snapshot.statistics("filename"))
    print(f"Python allocations made while serving and still held: {held / 2**20:.1f} MB")
    print("\n| file | MB held | blocks |\n|---|---|---|")
    for stat in snapshot.statistics("filename")[: args.top]:
        name = stat.traceback[0].filename.replace(str(page_profile.ROOT) + "/", "")
        name = name.split("site-packages/")[-1]
        print(f"| `{name}` | {stat.size / 2**20:.2f} | {stat.count} |")
    print("\n| page (first round) | RSS added, MB |\n|---|---|")
    for name, mb in sorted(growth.items(), key=lambda g: -g[1])[: args.top]:
        shown = name.replace(f"/{pair[0]}/{pair[1]}/", "/{offer}/{need}/").replace(ref, "{ref}")
        print(f"| `{shown}` | {mb:.1f} |")
    print("\n| cache | entries | limit |\n|---|---|---|")
    for name, size, limit in project_caches():
        print(f"| `{name}` | {size} | {limit} |")
    print(f"\nmatching engines in this process: {engines}")


if __name__ == "__main__":
    main()
