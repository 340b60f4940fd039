"""A web process hands the memory a large request freed back to the system.

What a web process keeps between requests does not grow with the registry (about 20 MB of
Python objects at 5 000, 20 000 and 100 000 streams; ``web/caches.py`` bounds its caches),
but its resident memory did: 207, 208 and 273 MB (``benchmarks/web_memory.py``). The largest
request served (search reading every index row, the overview of a large hub) freed its rows,
and the C allocator kept the freed pages for reuse. :func:`release`, run after every request
of a web process, asks glibc to return free pages (``malloc_trim``) when the process's
resident memory has grown :data:`RELEASE_ABOVE_MB` past where it stood after the last
release: so a process stays near what it holds plus one request's working set, without a
call after every small request (a trim walks the heap: about a millisecond). Where the C
library has no ``malloc_trim`` (not glibc) it does nothing; gunicorn's ``--max-requests``
is not needed for this.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from typing import Any

#: Resident growth since the last release (MB) that makes the next request end with one.
RELEASE_ABOVE_MB = 16


def _trimmer() -> Any:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None


_malloc_trim = _trimmer()
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_state = {"floor": 0.0}


_statm = {"fd": -1, "pid": 0}


def _statm_fd() -> int:
    """A descriptor of ``/proc/self/statm`` opened once per process (re-opened after a fork,
    since ``self`` is the process that opened it), so a request reads it without opening a
    file."""
    if _statm["pid"] != os.getpid():
        _statm["fd"], _statm["pid"] = os.open("/proc/self/statm", os.O_RDONLY), os.getpid()
    return _statm["fd"]


def resident_mb() -> float:
    """This process's resident memory in MB (Linux; 0 elsewhere)."""
    try:
        return int(os.pread(_statm_fd(), 128, 0).split()[1]) * _PAGE / 2**20
    except (OSError, IndexError, ValueError, AttributeError):
        return 0.0


def release(**_kwargs: Any) -> bool:
    """Return free heap pages to the system if this process grew past the mark (a
    ``request_finished`` receiver); returns whether it asked."""
    if _malloc_trim is None:
        return False
    now = resident_mb()
    if not _state["floor"]:
        _state["floor"] = now
        return False
    if now - _state["floor"] < RELEASE_ABOVE_MB:
        return False
    _malloc_trim(0)
    _state["floor"] = resident_mb()
    return True
