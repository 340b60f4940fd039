"""Stored candidate rows built from the engine's matches, with a digest of what they say.

A full recompute, a refresh and the tests all turn a :class:`~.engine.types.Match` into a
``Candidate`` row through :func:`values` (a tuple in :data:`COLUMNS` order) or :func:`row`
(the same as a mapping), so every path stores exactly the same text and numbers.

The ``digest`` column is a 64-bit hash of everything a row says except its top-N flags
(``by_offer``, ``by_need``), which a refresh moves on their own. A full recompute compares
each new row's digest and flags with the stored row of the same (offer, need) pair and
writes only the rows that differ (:func:`symbiose.matching.actions.do_store_recompute`); a
row stored without a digest (``0``) never compares equal, so it is rewritten.

The ``basis`` column is a 64-bit hash of everything the row is *built from*
(:mod:`~symbiose.matching.engine.basis`: both streams' engine inputs, the pair's scoring
arrays, and :func:`code_salt`). A full recompute keeps a stored row whose basis, flags, score
and rank key equal the new pair's without building its match, reasons and row at all
(:meth:`StoredRows.reuse`); only the other pairs are built and compared by digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from symbiose import codeversion
from symbiose.bulkinsert import Json
from symbiose.matching.engine.ties import tiebreak
from symbiose.matching.engine.types import Match

#: The columns :func:`values` fills, in its order (``computed_at`` is stamped when written).
COLUMNS = ("offer_id", "need_id", "score", "feasible", "distance_km", "intra_company",
           "components", "reasons", "rank", "by_offer", "by_need", "digest",
           "basis")  # fmt: skip


@lru_cache(maxsize=1)
def code_salt() -> int:
    """The code version folded into every basis: the engine's fingerprint and this module.

    Rows built by other engine code, knowledge files or row encoding never match a new
    basis, so a deploy that changes any of them rebuilds every row.
    """
    from symbiose.matching import snapshot

    text = snapshot.fingerprint().encode() + codeversion.code_fingerprint(
        Path(__file__).read_bytes()
    )
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def rank_key(m: Match) -> float:
    """The engine's rank key: the score, plus 1 when the pair is feasible."""
    return m.score + (1.0 if m.feasible else 0.0)


def _scalar(value: object) -> object:
    """JSON for a reason parameter of another type: numpy numbers as numbers, else text."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value)
    return str(value)


_dumps = json.JSONEncoder(default=_scalar).encode


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


def _encode(m: Match, ids: dict[str, int], by_offer: bool, by_need: bool, seen: dict,
            components: dict[str, float], basis: int) -> tuple:  # fmt: skip
    """A row as a tuple in :data:`COLUMNS` order, its JSON as plain text; ``components``
    are the match's components already rounded (:func:`round6`)."""
    parts = []
    for r in m.reasons:
        hit = seen.get(id(r))
        if hit is None:
            text = _dumps({"template": r.template, "params": r.params,
                           "reveals": sorted(r.reveals), "kind": r.kind})  # fmt: skip
            hit = seen[id(r)] = (r, text)
        parts.append(hit[1])
    comps = _dumps(components)
    reasons = "[" + ", ".join(parts) + "]"
    score = round(float(m.score), 6)
    feasible = bool(m.feasible)
    distance = None if m.distance_km is None else float(m.distance_km)
    intra = bool(m.intra_company)
    rank = float(rank_key(m))
    return (ids[m.offer_ref], ids[m.need_ref], score, feasible, distance, intra,
            comps, reasons, rank, bool(by_offer), bool(by_need),
            digest(score, feasible, distance, intra, rank, comps, reasons),
            int(basis))  # fmt: skip


def values(m: Match, ids: dict[str, int], flags, seen: dict | None = None,
           basis: int = 0) -> tuple:  # fmt: skip
    """A ``Candidate`` row as a tuple in :data:`COLUMNS` order, its JSON already encoded
    (as :class:`~symbiose.bulkinsert.Json`).

    The engine shares one ``Reason`` object among the pairs it applies to (about six pairs
    each), so each is encoded once: ``seen`` maps ``id(reason)`` to the reason (kept, so the
    id stays its own) and its JSON; the caller clears it between batches. The text is the
    same as encoding the whole list at once (``", "`` between items). ``basis`` is the
    pair's :meth:`~symbiose.matching.engine.engine.MatchEngine.basis` (0: unknown).
    :func:`batch` gives the same rows for many matches at once.
    """
    components = {k: round(float(v), 6) for k, v in m.components.items()}
    out = _encode(m, ids, flags[0], flags[1], {} if seen is None else seen, components, basis)
    return out[:6] + (Json(out[6]), Json(out[7])) + out[8:]


def batch(matches: list[Match], ids: dict[str, int], by_offer: list[bool],
          by_need: list[bool], basis: list[int]) -> list[tuple]:  # fmt: skip
    """:func:`values` of each match (aligned with its flags and basis), for a full
    recompute's forked builders: the components are rounded in one array
    (:func:`round6`) and the JSON stays plain ``str`` (``insert_values`` writes it as it
    is; a ``str`` subclass costs four times as much to send back to the parent).
    """
    flat = round6(np.fromiter(chain.from_iterable(m.components.values() for m in matches),
                              dtype=np.float64))  # fmt: skip
    it = iter(flat)  # each row takes as many values as it has components
    seen: dict = {}  # reasons encoded in this batch
    return [_encode(m, ids, o, n, seen, dict(zip(m.components, it, strict=False)), b)
            for m, o, n, b in zip(matches, by_offer, by_need, basis, strict=True)]  # fmt: skip


def row(m: Match, ids: dict[str, int], flags, seen: dict | None = None,
        basis: int = 0) -> dict[str, object]:  # fmt: skip
    """:func:`values` as a mapping, as ``symbiose.bulkinsert.insert_many`` takes it."""
    return dict(zip(COLUMNS, values(m, ids, flags, seen, basis), strict=True))


def flags_of(matches: list[Match], top_n: int) -> dict[tuple[str, str], list[bool]]:
    """Which side put each pair of a ``match_all`` result there (its top N)."""
    flags = {(m.offer_ref, m.need_ref): [False, False] for m in matches}
    for side in (0, 1):
        groups: dict[str, list[Match]] = {}
        for m in matches:
            groups.setdefault(m.offer_ref if side == 0 else m.need_ref, []).append(m)
        for group in groups.values():
            other = (lambda m: m.need_ref) if side == 0 else (lambda m: m.offer_ref)
            group.sort(key=lambda m: (-rank_key(m), tiebreak(other(m))))
            for m in group[:top_n]:
                flags[m.offer_ref, m.need_ref][side] = True
    return flags


@dataclass
class Stored:
    """The stored rows of some pairs, aligned with them (:meth:`StoredRows.lookup`):
    whether each pair is stored, and its row's id, digest, flags, basis, score and rank key."""

    found: np.ndarray
    ids: np.ndarray
    digests: np.ndarray
    flags: np.ndarray
    basis: np.ndarray
    numbers: np.ndarray


def diff(part: list[tuple], stored: Stored) -> tuple[list[tuple], list[int], list[tuple[int, int]]]:
    """The rows of ``part`` to insert, the ids of stored rows they replace, and
    ``(basis, id)`` of stored rows that say the same with another basis.

    ``stored`` is :meth:`StoredRows.lookup` of ``part``'s pairs. A row whose pair is stored
    with the same digest, flags, score and rank key says the same as the stored row, which
    is kept: as it is when its basis is the same too, else with the new basis written in
    place (:func:`~symbiose.matching.actions.do_store_recompute`; after a change of engine
    code most rows are rebuilt but read the same, and an update of one column costs far less
    than a delete and an insert, and keeps the row's id, so its stored values stay).
    """
    if not part or not stored.found.any():
        return part, [], []
    dg = np.fromiter((r[11] for r in part), dtype=np.int64, count=len(part))
    fl = np.fromiter((2 * r[9] + r[10] for r in part), dtype=np.int64, count=len(part))
    bs = np.fromiter((r[12] for r in part), dtype=np.int64, count=len(part))
    nums = np.array([(r[2], r[8]) for r in part], dtype=np.float64)
    same = stored.found & (stored.digests == dg) & (stored.flags == fl)
    same &= (stored.numbers == nums).all(axis=1)
    moved = same & (stored.basis != bs)
    stale = stored.ids[stored.found & ~same].tolist()
    rebased = list(zip(bs[moved].tolist(), stored.ids[moved].tolist(), strict=True))
    fresh = [part[i] for i in np.flatnonzero(~same).tolist()]
    return fresh, stale, rebased


def keys(rows: Iterable[tuple]) -> np.ndarray:
    """Each row's (offer id, need id) as one 64-bit number (ids below 2**31)."""
    return np.fromiter(((r[0] << 32) | r[1] for r in rows), dtype=np.int64)


class StoredRows:
    """The stored candidates as arrays sorted by pair: key, id, digest, flags, basis, score
    and rank.

    A full recompute first keeps the rows whose basis is unchanged (:meth:`reuse`), compares
    the rows it built for the other pairs batch by batch (:meth:`compare`) and afterwards
    deletes the pairs it never produced (:meth:`unseen`). About 60 bytes a row, read with one
    query without building model instances. Scores and rank keys are compared as stored,
    exactly, besides the digest.
    """

    def __init__(self, table: np.ndarray, numbers: np.ndarray) -> None:
        table, numbers = table.reshape(-1, 7), numbers.reshape(-1, 2)
        key = (table[:, 0] << 32) | table[:, 1]
        order = np.argsort(key, kind="stable")
        self.keys = key[order]
        self.ids, self.digests = table[order, 2], table[order, 3]
        self.flags = table[order, 4] * 2 + table[order, 5]
        self.basis = table[order, 6]
        self.numbers = numbers[order]
        self.seen = np.zeros(len(order), dtype=bool)
        self.reused = 0  # pairs kept without building (reuse)
        self.rebased = 0  # pairs built, kept with a new basis (compare)
        self.written = 0  # rows given to insert (compare)

    @classmethod
    def read(cls, using: str = "default") -> StoredRows:
        """Every stored candidate of the database ``using``."""
        from django.db import connections

        from symbiose.matching.models import Candidate

        connection = connections[using]
        table = connection.ops.quote_name(Candidate._meta.db_table)
        ints, floats = [np.zeros((0, 7), dtype=np.int64)], [np.zeros((0, 2))]
        sql = (f"SELECT offer_id, need_id, id, digest, by_offer, by_need, basis, score, rank "
               f"FROM {table}")  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(sql)
            while chunk := cursor.fetchmany(50_000):
                ints.append(np.array([r[:7] for r in chunk], dtype=np.int64))
                floats.append(np.array([r[7:] for r in chunk], dtype=np.float64))
        return cls(np.concatenate(ints), np.concatenate(floats))

    def _find(self, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pos = np.minimum(np.searchsorted(self.keys, k), len(self.keys) - 1)
        return pos, self.keys[pos] == k

    def reuse(self, k: np.ndarray, basis: np.ndarray, flags: np.ndarray,
              numbers: np.ndarray) -> np.ndarray:  # fmt: skip
        """Positions of the pairs that must be built; the others keep their stored row.

        ``k`` are the pairs' :func:`keys`, ``basis`` their bases, ``flags`` ``2 * by_offer +
        by_need`` and ``numbers`` their rounded score and rank key. A pair is kept when its
        stored row has the same basis, flags, score and rank key and a digest (0 marks a row
        to rewrite); kept pairs count as seen.
        """
        if len(self.keys) == 0 or len(k) == 0:
            return np.arange(len(k))
        pos, found = self._find(k)
        keep = found & (self.basis[pos] == basis) & (self.flags[pos] == flags)
        keep &= (self.numbers[pos] == numbers).all(axis=1) & (self.digests[pos] != 0)
        self.seen[pos[keep]] = True
        self.reused += int(keep.sum())
        return np.flatnonzero(~keep)

    def lookup(self, k: np.ndarray) -> Stored:
        """What is stored for the pairs with these :func:`keys` (for :func:`diff`); marks
        them seen.

        The parent of a full recompute looks the pairs of a batch up before a forked process
        builds their rows, so the process compares them itself and sends back only what to
        write (most rows rebuilt after a change of engine code read the same).
        """
        if len(self.keys) == 0 or len(k) == 0:
            none = np.zeros(len(k), dtype=np.int64)
            return Stored(none.astype(bool), none, none, none, none, np.zeros((len(k), 2)))
        pos, found = self._find(k)
        self.seen[pos[found]] = True
        return Stored(found, self.ids[pos], self.digests[pos], self.flags[pos],
                      self.basis[pos], self.numbers[pos])  # fmt: skip

    def tally(self, fresh: int, rebased: int) -> None:
        """Count the rows a :func:`diff` gave to insert and those kept with a new basis."""
        self.written += fresh
        self.rebased += rebased

    def compare(self, part: list[tuple]) -> tuple[list[tuple], list[int], list[tuple[int, int]]]:
        """:func:`diff` of ``part`` against the stored rows, counted; every pair of ``part``
        counts as seen."""
        fresh, stale, rebased = diff(part, self.lookup(keys(part)))
        self.tally(len(fresh), len(rebased))
        return fresh, stale, rebased

    def unseen(self) -> list[int]:
        """Ids of stored rows whose pair no batch contained (no longer candidates)."""
        return self.ids[~self.seen].tolist()
