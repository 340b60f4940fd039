"""The text of a stored candidate row: its components' and reasons' JSON and its digest.

:mod:`symbiose.matching.rows` builds rows; this module writes their text, the same for a full
recompute's forked builders and a refresh, and byte for byte what the plain encoders give
(``json`` of the rounded components and of the whole reasons list, :func:`digest` of the
row's parts; ``matching/tests/test_row_text.py``). The fast path keeps each reason's text on
the reason, writes components with one ``%`` format per set of names and puts the digest's
``repr`` of both texts together from parts, so no row's long text is scanned twice.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np

from symbiose.matching.engine.types import Reason


def _scalar(value: object) -> object:
    """JSON for a reason parameter of another type: numpy numbers as numbers, else text."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value)
    return str(value)


dumps = json.JSONEncoder(default=_scalar).encode


def digest(*parts: object) -> int:
    """A signed 64-bit hash of the parts' text (stable across processes and hosts).

    Examples
    --------
    >>> digest(0.5, True, '{"what": 0.5}') == digest(0.5, True, '{"what": 0.5}')
    True
    >>> digest(0.5, True) == digest(0.5, False)
    False
    """
    text = "\x1f".join(map(repr, parts)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big", signed=True)


def round6(x: np.ndarray) -> list[float]:
    """``[round(v, 6) for v in x]``, exactly, for a float64 array, about ten times faster.

    Python rounds the exact binary value of ``v`` half to even at the sixth decimal and
    returns the float nearest to that decimal: ``D / 10**6`` with the integer ``D``. NumPy's
    ``rint(v * 1e6) / 1e6`` divides the same way (IEEE division is correctly rounded), and
    its ``D`` is the same unless the product, computed with an error of at most half a
    unit in its last place, lies that close to a half; those few values (about 1 in 100 000
    in a full recompute), and any of magnitude 10**9 or more or not finite, are rounded by
    Python itself. ``matching/tests/test_round6.py`` checks it against ``round`` on near-ties.
    """
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        y = x * 1e6
        near = np.abs(y - np.floor(y) - 0.5) <= np.abs(y) * 2.0**-50 + 2.0**-60
        near |= ~(np.abs(x) < 1e9)
        out = (np.rint(y) / 1e6).tolist()
    for i in np.flatnonzero(near).tolist():
        out[i] = round(float(x[i]), 6)
    return out


#: Where a reason keeps its encoded text: a key of the ``Reason``'s own ``__dict__``. A
#: reason is immutable and the engine shares one object among many pairs and batches (its
#: ``lru_cache``\ d builders), so each object is encoded once in a process.
TEXT = "_row_text"
#: Per tuple of component names: the components' JSON as a ``%`` format (``None``: a name
#: the fast text cannot carry, encoded by :data:`dumps`).
FORMATS: dict[tuple[str, ...], str | None] = {}


def reason_text(r: Reason) -> tuple[str, str]:
    """A reason's JSON, and the same text as it reads inside ``repr`` of a row's reasons.

    Both are kept on the reason (:data:`TEXT`). The JSON always holds a double quote, so
    ``repr`` of it, and of any list of such texts, is quoted with single quotes; ``repr``
    escapes character by character, so the inside of ``repr`` of the joined list is the
    join of the insides (:func:`row_digest` relies on this).
    """
    text = dumps({"template": r.template, "params": r.params, "reveals": sorted(r.reveals),
                  "kind": r.kind})  # fmt: skip
    inside = repr(text)[1:-1]
    hit = r.__dict__[TEXT] = (text, inside)
    return hit


def comps_format(names: tuple[str, ...]) -> str | None:
    """The ``%`` format that writes components named ``names`` as :data:`dumps` would.

    JSON writes a finite float as ``float.__repr__``, which ``%r`` gives too. ``None`` when a
    name's JSON holds a quote, a backslash or ``%`` (the digest's fast text would differ).
    """
    if names not in FORMATS:
        keys = [json.dumps(k) for k in names]
        ok = not any(c in k for k in keys for c in "'\\%") and all(k.isascii() for k in keys)
        FORMATS[names] = ("{" + ", ".join(f"{k}: %r" for k in keys) + "}") if ok else None
    return FORMATS[names]


def components_text(names: tuple[str, ...], vals: tuple, finite: bool) -> tuple[str, str]:
    """The components' JSON and its ``repr`` (for the digest); ``finite``: every value is a
    finite ``float`` (else JSON's ``NaN``/``Infinity`` need its own encoder)."""
    fmt = comps_format(names) if finite else None
    if fmt is None:
        text = dumps(dict(zip(names, vals, strict=True)))
        return text, repr(text)
    text = fmt % vals
    return text, "'" + text + "'"


def row_digest(score: float, feasible: bool, distance: float | None, intra: bool, rank: float,
               comps_repr: str, insides: list[str]) -> int:  # fmt: skip
    """:func:`digest` of ``(score, feasible, distance, intra, rank, components, reasons)``,
    given ``repr`` of the components' JSON and :func:`reason_text`'s insides of the reasons."""
    text = (f"{score!r}\x1f{feasible!r}\x1f{distance!r}\x1f{intra!r}\x1f{rank!r}\x1f{comps_repr}"
            f"\x1f'[{', '.join(insides)}]'")  # fmt: skip
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big",
                          signed=True)  # fmt: skip


def components_texts(names: list[str], mat: np.ndarray) -> tuple[list[str], list[str]]:
    """:func:`components_text` of many pairs at once: ``mat`` holds one row of component
    values per pair (columns in ``names`` order, NaN where a pair lacks one), rounded here
    (:func:`round6`). Returns each pair's JSON and its ``repr``."""
    size = len(mat)
    if not names:
        text = components_text((), (), True)[0]
        return [text] * size, [repr(text)] * size
    out: list[str] = [""] * size
    quoted: list[str] = [""] * size
    present = ~np.isnan(mat)
    pattern = present.astype(np.int64) @ (1 << np.arange(len(names), dtype=np.int64))
    for p in np.unique(pattern).tolist():
        rows = np.flatnonzero(pattern == p)
        cols = [k for k in range(len(names)) if p >> k & 1]
        these = tuple(names[k] for k in cols)
        sub = mat[np.ix_(rows, cols)]
        vals = list(zip(*[iter(round6(sub.ravel()))] * len(cols), strict=True)) if cols else []
        fmt = comps_format(these)
        if fmt is not None and np.isfinite(sub).all():
            for r, v in zip(rows.tolist(), vals or [()] * len(rows), strict=True):
                out[r] = t = fmt % v
                quoted[r] = f"'{t}'"
            continue
        finite = np.isfinite(sub).all(axis=1).tolist()
        for r, v, ok in zip(rows.tolist(), vals or [()] * len(rows), finite, strict=True):
            out[r], quoted[r] = components_text(these, v, ok)
    return out, quoted
