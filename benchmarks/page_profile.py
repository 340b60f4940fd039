"""Cost of one request to each main page at scale: SQL queries, CPU and wall time.

Usage: ``.venv/bin/python benchmarks/page_profile.py DATA_DIR [--repeat 5] [--profile PAGE]``

``DATA_DIR`` is a data folder with an imported registry and stored candidates (for example the
one ``benchmarks/queue_scale.py N --phases none`` leaves behind). The script adds, once, a
company user (admin of ``org0``), a hub of the first 10 % of organisations with a hub
facilitator, builds the hub pair rows as a task worker would (unless ``--stale-pairs``), then
fetches each page through Django's test client in this process (no server, no network): one
warm-up and ``--repeat`` timed requests. CPU is this process's time, so it is
the page's own cost whatever the load of the machine; the queries are counted with
``CaptureQueriesContext``. ``--profile PAGE`` prints cProfile's top functions for one page.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HUB = "bench-hub"


def setup(data: Path) -> None:
    os.environ.update(SYMBIOSE_DATA_DIR=str(data), SYMBIOSE_SECRET_KEY="b" * 50,
                      DJANGO_SETTINGS_MODULE="symbiose.settings",
                      SYMBIOSE_ALLOWED_HOSTS="testserver")  # fmt: skip
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def users() -> tuple[object, object, object, str, str, tuple[str, str]]:
    """(company user, hub facilitator, system facilitator, a stream of org0 with candidates,
    hub slug, the refs of that stream's best pair as (offer, need))."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from symbiose.facilitation.actions.hubs import (
        do_add_facilitator,
        do_add_hub_members,
        do_create_hub,
    )
    from symbiose.facilitation.models import Hub
    from symbiose.registry.actions import do_add_member, do_create_user
    from symbiose.registry.models import Organisation, Stream

    User = get_user_model()
    company = User.objects.filter(username="bench@example.no").first()
    if company is None:
        company = do_create_user("bench@example.no", None, acting_user=None)
        do_add_member(Organisation.objects.get(ref="org0"), company, acting_user=None,
                      role="admin")  # fmt: skip
    facilitator = User.objects.filter(username="fasilitator@example.no").first()
    if facilitator is None:
        facilitator = do_create_user("fasilitator@example.no", None, acting_user=None)
        hub = do_create_hub({"slug": HUB, "name": "Bench hub"}, acting_user=facilitator)
        orgs = list(Organisation.objects.order_by("pk"))
        do_add_hub_members(hub, orgs[: max(1, len(orgs) // 10)], acting_user=facilitator)
    system = User.objects.filter(username="system@example.no").first()
    if system is None:  # a system facilitator overseeing the hub: the regional overview
        system = do_create_user("system@example.no", None, acting_user=None)
        do_add_facilitator(Hub.objects.get(slug=HUB), system, acting_user=None, system=True)
    stream = (
        Stream.objects.filter(organisation__ref="org0")
        .annotate(n=Count("as_offer") + Count("as_need"))
        .order_by("-n")
        .first()
    )
    from symbiose.matching.models import Candidate

    side = "offer" if stream.direction == "offer" else "need"
    best = Candidate.objects.filter(**{side: stream}, intra_company=False).order_by("-score")
    pair = best.select_related("offer", "need").first()
    refs = (pair.offer.ref, pair.need.ref) if pair else (stream.ref, stream.ref)
    return company, facilitator, system, stream.ref, HUB, refs


#: How often ``web_load.py`` asks for each page, as a share of all requests: 16 of its 20
#: users are companies cycling through 10 pages, 2 hub facilitators and 2 system facilitators
#: cycle through 4 each (``/hub/`` is on both lists); the weighted mean CPU below is the
#: figure to compare with web_load's "CPU a request".
WEIGHTS = {"company": 0.8 / 10, "facilitator": 0.1 / 4, "system": 0.1 / 4}


def pages(ref: str, hub: str, pair: tuple[str, str]) -> list[tuple[str, str]]:
    """(who, path) of the main pages: every page ``benchmarks/web_load.py`` asks for."""
    offer, need = pair
    return [
        ("company", "/"),
        ("company", "/streams/"),
        ("company", f"/resources/streams/{ref}/"),
        ("company", f"/streams/{ref}/matches/"),
        ("company", f"/impact/{offer}/{need}/"),
        ("company", "/search/?q=slagg"),
        ("company", "/map/"),
        ("company", "/map/layer.json"),
        ("company", f"/api/matching/streams/{ref}/matches"),
        ("company", "/api/registry/streams?limit=50"),
        ("facilitator", "/hub/"),
        ("facilitator", f"/hub/{hub}/"),
        ("facilitator", f"/hub/{hub}/matches/"),
        ("facilitator", f"/hub/{hub}/opportunities/"),
        ("system", "/hub/"),
        ("system", "/region/"),
        ("system", f"/hub/{hub}/"),
        ("system", f"/hub/{hub}/matches/"),
    ]


def measure(client, path: str, repeat: int) -> tuple[int, int, float, float, int]:
    """(status, queries, median CPU ms, median wall ms, bytes) over ``repeat`` requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up: code lists, templates, caches
    cpu, wall, queries, status, size = [], [], 0, 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            c0, w0 = time.process_time(), time.perf_counter()
            response = client.get(path)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
        queries, status, size = (
            len(ctx.captured_queries),
            response.status_code,
            len(response.content),
        )
    return status, queries, statistics.median(cpu), statistics.median(wall), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", default="", help="a page path to profile with cProfile")
    parser.add_argument("--only", default="", help="only pages whose path matches this regex")
    parser.add_argument("--who", default="", choices=["", "company", "facilitator", "system"],
                        help="who asks for the --profile page (default: by its path)")  # fmt: skip
    parser.add_argument(
        "--stale-pairs",
        action="store_true",
        help="drop the hub pair rows' stamps: pages read the candidate table",
    )
    args = parser.parse_args()
    setup(args.data)
    from django.test import Client
    from django.utils import translation

    from symbiose.registry.models import Stream

    company, facilitator, system, ref, hub, pair = users()
    if args.stale_pairs:  # pages read the candidate table, as before the hub pair rows
        from symbiose.facilitation.models import HubPairState

        HubPairState.objects.all().delete()
    else:  # what a task worker does after candidates are stored or members change
        from symbiose.facilitation.actions.hubpairs import do_build_all_hub_pairs

        c0, w0 = time.process_time(), time.perf_counter()
        written = do_build_all_hub_pairs()
        if written:
            print(f"hub pair rows built: {written} in {time.perf_counter() - w0:.1f} s "
                  f"({time.process_time() - c0:.1f} s CPU)")  # fmt: skip
    clients = {"company": Client(), "facilitator": Client(), "system": Client()}
    clients["company"].force_login(company)
    clients["facilitator"].force_login(facilitator)
    clients["system"].force_login(system)
    translation.activate("nb")
    print(f"{Stream.objects.count()} streams; load {os.getloadavg()[0]:.1f}")
    if args.profile:
        who = args.who or {"/hub/": "facilitator", "/region/": "system"}.get(
            args.profile[: args.profile.find("/", 1) + 1], "company"
        )
        client = clients[who]
        client.get(args.profile)
        prof = cProfile.Profile(time.process_time)  # CPU: the same on a loaded machine
        prof.enable()
        client.get(args.profile)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    print("| page | who | status | queries | CPU ms | wall ms | KB |")
    print("|---|---|---|---|---|---|---|")
    weighted = 0.0
    for who, path in pages(ref, hub, pair):
        if args.only and not re.search(args.only, path):
            continue
        status, queries, cpu, wall, size = measure(clients[who], path, args.repeat)
        weighted += WEIGHTS[who] * cpu
        shown = path.replace(f"/{pair[0]}/{pair[1]}/", "/{offer}/{need}/").replace(ref, "{ref}")
        print(f"| `{shown}` | {who} | {status} | {queries} | {cpu:.1f} | {wall:.0f} | "
              f"{size / 1024:.0f} |")  # fmt: skip
    if not args.only:
        print(f"\nmean CPU a request, weighted as web_load.py asks: {weighted:.1f} ms")


if __name__ == "__main__":
    main()
