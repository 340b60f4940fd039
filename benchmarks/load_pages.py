"""Page response times against the real server (gunicorn) with the demo region loaded.

Usage: .venv/bin/python benchmarks/load_pages.py [--requests 200] [--concurrency 4]

Builds a fresh data folder (migrate, demo, matches, collectstatic), starts gunicorn on
127.0.0.1 with 3 workers, signs in as the demo company user (of the fictional Sørfjord
kommune; its stream with the most candidates is the one measured), fetches each page a
bounded number of times from a few threads and prints p50/p95/max per page as a Markdown
table. Stops the server it started. Standard library only.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The demo company login; it administers the fictional ``resources.demo.COMPANY_LOGIN_ORG``.
LOGIN = "bedrift@demo.symbiose.no"
BIN = ROOT / ".venv" / "bin"
ANONYMOUS = ["/", "/cases/", "/map/", "/map/layer.json", "/accounts/login/",
             "/suggest/ewc/?title=slagg+fra+smelteverk", "/api/registry/streams"]  # fmt: skip
SIGNED_IN = ["/streams/", "/streams/{ref}/matches/", "/streams/{ref}/matches/?feasible=1",
             "/contact/", "/map/layer.json", "/api/matching/streams/{ref}/matches"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict[str, str]) -> str:
    run = lambda *a: subprocess.run([str(BIN / "symbiose"), *a], env=env, check=True,  # noqa: E731
                                    stdout=subprocess.DEVNULL)  # fmt: skip
    run("migrate", "--no-input", "-v", "0")
    run("collectstatic", "--no-input", "-v", "0")
    run("demo")
    code = (
        "import django; django.setup()\n"
        "from symbiose.matching.actions import do_recompute_all; do_recompute_all()\n"
        "from symbiose.matching.models import Candidate\n"
        "from symbiose.registry.models import Stream\n"
        "from django.db.models import Count\n"
        "from symbiose.resources.demo import COMPANY_LOGIN_ORG\n"
        f"s = Stream.objects.filter(organisation__membership__user__username={LOGIN!r},"
        " organisation__ref=COMPANY_LOGIN_ORG)"
        ".annotate(n=Count('as_offer')+Count('as_need')).order_by('-n').first()\n"
        "print(s.ref)\n"
    )
    out = subprocess.run([str(BIN / "python"), "-c", code], env=env, check=True,
                         capture_output=True, text=True)  # fmt: skip
    return out.stdout.strip().splitlines()[-1]


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def sign_in(op: urllib.request.OpenerDirector, base: str) -> None:
    page = op.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    login = {"username": LOGIN, "password": "symbiose-demo"}
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **login})
    op.open(f"{base}/accounts/login/", data.encode()).read()


def timed(op: urllib.request.OpenerDirector, url: str) -> float:
    start = time.perf_counter()
    with op.open(url) as r:
        r.read()
        assert r.status == 200, (url, r.status)
    return (time.perf_counter() - start) * 1000


def measure(op, base: str, path: str, n: int, workers: int) -> tuple[float, float, float]:
    url = base + path
    for _ in range(3):
        timed(op, url)  # warm-up
    with ThreadPoolExecutor(workers) as pool:
        times = sorted(pool.map(lambda _i: timed(op, url), range(n)))
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, times[-1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    n, workers = max(1, min(args.requests, 2000)), max(1, min(args.concurrency, 16))
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "SYMBIOSE_DATA_DIR": data, "DJANGO_SETTINGS_MODULE":
               "symbiose.settings", "SYMBIOSE_LANGUAGE": "nb",
               "SYMBIOSE_SECRET_KEY": secrets.token_urlsafe(50)}  # fmt: skip
        ref = prepare(env)
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "symbiose.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "3", "--log-level", "warning"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.2)
            print(f"{n} requests per page, {workers} concurrent, gunicorn 3 workers, SQLite\n")
            print("| page | who | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
            anon = opener()
            for path in ANONYMOUS:
                p50, p95, top = measure(anon, base, path, n, workers)
                print(f"| `{path}` | anonymous | {p50:.1f} | {p95:.1f} | {top:.1f} |")
            member = opener()
            sign_in(member, base)
            for path in SIGNED_IN:
                path = path.format(ref=ref)
                p50, p95, top = measure(member, base, path, n, workers)
                print(f"| `{path}` | company member | {p50:.1f} | {p95:.1f} | {top:.1f} |")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
