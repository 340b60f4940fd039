"""A worker's matching engine kept in a local file, so a (re)started worker is warm in seconds.

Building the engine from the registry means reading every stream and deriving its features
again (minutes at 100 000 streams on a loaded 2-core host). After a full recompute, or after
a worker built its engine from the stored fit, the worker writes the engine to
``settings.MATCH_ENGINE_SNAPSHOT`` (a file in the data folder; ``None`` turns snapshots off).
A worker on the same host that starts later loads it and replays the change log from the
snapshot's pass on (:mod:`symbiose.matching.worker`), which gives the same engine as building
it afresh: every change after that pass reloads the changed streams from the database.

A snapshot is used only when it was made with the current fit (``MatchState.fit_id``) and by
the same engine code and knowledge files (:func:`fingerprint`); otherwise the worker builds
its engine as before and writes a new one. The file is a pickle: like the SQLite database and
the secret key beside it, the data folder must be writable only by the service's own user.
Workers on other hosts keep their own file.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings

from symbiose import codeversion
from symbiose.matching.engine.engine import MatchEngine

log = logging.getLogger(__name__)
FORMAT = 1
_ROOT = Path(__file__).resolve().parents[1]  # the symbiose package
#: What the engine's state is derived from: its own code, the taxonomy's code and data, and
#: how rows become engine inputs.
_SOURCES = ("matching/engine", "taxonomy", "matching/adapter.py", "textmarks.py")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the code, data files and library versions an engine's state depends on.

    The code counts by :func:`symbiose.codeversion.tree_version` (what it computes, not its
    docstrings or comments), the one version every stored result is stamped with; the exact
    Python and numpy versions are added because the snapshot is a pickle of their objects.
    """
    code = codeversion.tree_version(_ROOT, _SOURCES)
    return hashlib.sha256(f"{FORMAT} {sys.version} {np.__version__} {code}".encode()).hexdigest()


def _path() -> Path | None:
    value = getattr(settings, "MATCH_ENGINE_SNAPSHOT", None)
    return Path(value) if value else None


def write(engine: MatchEngine, fit_id: str, pass_no: int, refs: dict[int, str]) -> bool:
    """Write the engine with the pass it reflects and its stream ids; False when turned off.

    Written to a temporary file and renamed, so a reader never sees half a snapshot. A
    failure to write is logged, not raised: the snapshot only saves time.
    """
    path = _path()
    if path is None:
        return False
    state = {"fingerprint": fingerprint(), "fit_id": fit_id, "pass_no": pass_no,
             "refs": refs, "engine": engine}  # fmt: skip
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        log.exception("could not write the matching engine snapshot %s", path)
        return False
    return True


def read(fit_id: str) -> tuple[MatchEngine, int, dict[int, str]] | None:
    """``(engine, pass_no, refs)`` from the snapshot, or None when there is no usable one."""
    path = _path()
    if path is None or not path.exists():
        return None
    enabled = gc.isenabled()
    gc.disable()  # unpickling makes millions of objects and no cycles
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged or foreign file: build the engine instead
        log.warning("ignoring an unreadable matching engine snapshot %s", path, exc_info=True)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(state, dict) or state.get("fingerprint") != fingerprint():
        return None  # other code or knowledge: its features may differ
    if state.get("fit_id") != fit_id:
        return None  # refitted since
    return state["engine"], state["pass_no"], state["refs"]
