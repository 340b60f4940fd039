"""Per-process caches of a web process kept to a size that does not follow the registry.

Text functions that task workers run over every stream (folding words, classifying a
listing, a pair's material class) keep up to hundreds of thousands of results per process:
there, a full recompute or index rewrite meets each text again. A web process meets the
texts of the pages it serves, and one that has served long enough would hold the texts of the
whole registry up to those limits (tens of MB a process at 100 000 streams, multiplied by
every gunicorn worker). :func:`trim`, run after every request of a web process
(``symbiose/wsgi.py`` connects it), empties a cache that has grown past its web limit in
:data:`WEB_LIMITS`: a page's own texts fit well within it, so a page's repeats still hit, and
a process holds at most these many entries whatever the size of the registry
(``benchmarks/web_memory.py`` measures it). Emptying is a constant-time call; the next
requests refill what they use.
"""

from __future__ import annotations

from typing import Any

from symbiose.impact.adapter import _material_class
from symbiose.search.access import _folded
from symbiose.taxonomy.classify import _classes_for_ewc, classify
from symbiose.taxonomy.letters import normalise

#: (cached function, most entries a web process keeps): above it the cache is emptied after
#: the request. A page of 200 candidates reads about 400 streams' texts (a few words each).
WEB_LIMITS: tuple[tuple[Any, int], ...] = (
    (normalise, 20_000),
    (classify, 5_000),
    (_classes_for_ewc, 5_000),
    (_folded, 20_000),
    (_material_class, 5_000),
)


def trim(**_kwargs: Any) -> int:
    """Empty each cache of :data:`WEB_LIMITS` holding more than its limit (a
    ``request_finished`` receiver); returns how many were emptied."""
    emptied = 0
    for cached, limit in WEB_LIMITS:
        if cached.cache_info().currsize > limit:
            cached.cache_clear()
            emptied += 1
    return emptied


def bound_in_this_process() -> None:
    """Trim the caches after every request of this process, then hand freed memory back to
    the system when it grew (:func:`symbiose.web.memory.release`). A web process's entry
    point calls it once; task workers and commands keep their larger caches."""
    from django.core.signals import request_finished

    from symbiose.web.memory import release

    request_finished.connect(trim, dispatch_uid="symbiose-web-cache-bound")
    request_finished.connect(release, dispatch_uid="symbiose-web-memory-release")
