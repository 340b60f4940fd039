"""Stored candidate rows built from the engine's matches, with a digest of what they say.

A full recompute, a refresh and the tests all turn a :class:`~.engine.types.Match` into a
``Candidate`` row through :func:`values` (a tuple in :data:`COLUMNS` order) or :func:`row`
(the same as a mapping), so every path stores exactly the same text and numbers; the
text (JSON and digest) is written by :mod:`~symbiose.matching.rowtext`.

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
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from symbiose import codeversion
from symbiose.bulkinsert import Json
from symbiose.matching import reasonbatch, rowtext
from symbiose.matching.engine.engine import _gc_paused
from symbiose.matching.engine.scoring import Scored
from symbiose.matching.engine.ties import tiebreak
from symbiose.matching.engine.types import Match
from symbiose.matching.rowtext import (
    TEXT,
    components_text,
    components_texts,
    reason_text,
    round6,
    row_digest,
)

#: The columns :func:`values` fills, in its order (``computed_at`` is stamped when written).
COLUMNS = ("offer_id", "need_id", "score", "feasible", "distance_km", "intra_company",
           "components", "reasons", "rank", "by_offer", "by_need", "digest",
           "basis")  # fmt: skip


@lru_cache(maxsize=1)
def code_salt() -> int:
    """The code version folded into every basis: the engine's fingerprint, this module,
    :mod:`~symbiose.matching.rowtext` and :mod:`~symbiose.matching.reasonbatch`.

    Rows built by other engine code, knowledge files or row encoding never match a new
    basis, so a deploy that changes any of them rebuilds every row.
    """
    from symbiose.matching import snapshot

    files = (__file__, rowtext.__file__, reasonbatch.__file__)
    text = snapshot.fingerprint().encode() + b"".join(
        codeversion.code_fingerprint(Path(f).read_bytes()) for f in files
    )
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def rank_key(m: Match) -> float:
    """The engine's rank key: the score, plus 1 when the pair is feasible (both at the
    shown sites when a stream hides its site: ``Match.rank``)."""
    return m.rank if m.rank is not None else m.score + (1.0 if m.feasible else 0.0)


def _encode(m: Match, ids: dict[str, int], by_offer: bool, by_need: bool,
            comps: tuple[str, str], basis: int) -> tuple:  # fmt: skip
    """A row as a tuple in :data:`COLUMNS` order, its JSON as plain text; ``comps`` is
    :func:`~.rowtext.components_text` of the match's components already rounded
    (:func:`~.rowtext.round6`). The digest is :func:`~.rowtext.row_digest`."""
    texts, insides = [], []
    for r in m.reasons:
        hit = r.__dict__.get(TEXT) or reason_text(r)
        texts.append(hit[0])
        insides.append(hit[1])
    reasons = "[" + ", ".join(texts) + "]"
    score = round(float(m.score), 6)
    feasible = bool(m.feasible)
    distance = None if m.distance_km is None else float(m.distance_km)
    intra = bool(m.intra_company)
    rank = float(rank_key(m))
    dg = row_digest(score, feasible, distance, intra, rank, comps[1], insides)
    return (ids[m.offer_ref], ids[m.need_ref], score, feasible, distance, intra,
            comps[0], reasons, rank, bool(by_offer), bool(by_need), dg,
            int(basis))  # fmt: skip


def values(m: Match, ids: dict[str, int], flags, basis: int = 0) -> tuple:
    """A ``Candidate`` row as a tuple in :data:`COLUMNS` order, its JSON already encoded
    (as :class:`~symbiose.bulkinsert.Json`).

    The engine shares one ``Reason`` object among the pairs it applies to, so each is
    encoded once and its text kept on it (:func:`~.rowtext.reason_text`). The text is the
    same as encoding the whole list at once (``", "`` between items). ``basis`` is the pair's
    :meth:`~symbiose.matching.engine.engine.MatchEngine.basis` (0: unknown). :func:`batch`
    gives the same rows for many matches at once.
    """
    vals = tuple(round(float(v), 6) for v in m.components.values())
    comps = components_text(tuple(m.components), vals, all(map(math.isfinite, vals)))
    out = _encode(m, ids, flags[0], flags[1], comps, basis)
    return out[:6] + (Json(out[6]), Json(out[7])) + out[8:]


def batch(matches: list[Match], ids: dict[str, int], by_offer: list[bool],
          by_need: list[bool], basis: list[int]) -> list[tuple]:  # fmt: skip
    """:func:`values` of each match (aligned with its flags and basis), for a full
    recompute's forked builders: the components are rounded in one array
    (:func:`round6`) and the JSON stays plain ``str`` (``insert_values`` writes it as it
    is; a ``str`` subclass costs four times as much to send back to the parent).

    The cyclic garbage collector is paused: the rows are many new objects and no cycles,
    and each collection would walk every object of the (forked) engine.
    """
    raw = np.fromiter(chain.from_iterable(m.components.values() for m in matches),
                      dtype=np.float64)  # fmt: skip
    flat = round6(raw)
    finite = bool(np.isfinite(raw).all())
    out = []
    start = 0
    with _gc_paused():
        for m, o, n, b in zip(matches, by_offer, by_need, basis, strict=True):
            names = tuple(m.components)
            end = start + len(names)
            vals = tuple(flat[start:end])
            ok = finite or all(map(math.isfinite, vals))
            out.append(_encode(m, ids, o, n, components_text(names, vals, ok), b))
            start = end
    return out


def from_arrays(keys: reasonbatch.SideKeys, o: np.ndarray, n: np.ndarray, sc: Scored,
                pk_of: np.ndarray, by_offer: np.ndarray, by_need: np.ndarray,
                basis: list[int]) -> list[tuple]:  # fmt: skip
    """:func:`batch` of the engine's matches of scored pairs, made from their arrays without
    building a match (a full recompute's forked builders): ``o``, ``n`` are the offer and need
    slots, ``pk_of`` each slot's stream id. The reasons come from
    :func:`~.reasonbatch.reasons_text`; the garbage collector is paused as in :func:`batch`.
    """
    if len(o) == 0:
        return []
    with _gc_paused():
        names = list(sc.components)
        mat = np.stack([sc.components[k] for k in names], axis=1) if names else sc.score[:, None]
        comps, comps_repr = components_texts(names, mat)
        reasons, insides = reasonbatch.reasons_text(keys, o, n, sc).joined()
        score = round6(sc.score)
        feasible = sc.feasible.astype(bool).tolist()
        distance = sc.distance_km.astype(object)
        distance[np.isnan(sc.distance_km)] = None
        distance = distance.tolist()
        intra = (keys.col["org"][o] == keys.col["org"][n]).tolist()
        rank = sc.rank.tolist()  # at the shown sites (``Scored.rank``)
        blake = hashlib.blake2b
        # rowtext.row_digest of each row, written out.
        digest = [int.from_bytes(blake(
            f"{s!r}\x1f{f!r}\x1f{d!r}\x1f{i!r}\x1f{r!r}\x1f{c}\x1f'[{x}]'".encode(),
            digest_size=8).digest(), "big", signed=True)
            for s, f, d, i, r, c, x in zip(score, feasible, distance, intra, rank, comps_repr,
                                           insides, strict=True)]  # fmt: skip
        return list(zip(pk_of[o].tolist(), pk_of[n].tolist(), score, feasible, distance, intra,
                        comps, reasons, rank, by_offer.astype(bool).tolist(),
                        by_need.astype(bool).tolist(), digest, [int(b) for b in basis],
                        strict=True))  # fmt: skip


def row(m: Match, ids: dict[str, int], flags, basis: int = 0) -> dict[str, object]:
    """:func:`values` as a mapping, as ``symbiose.bulkinsert.insert_many`` takes it."""
    return dict(zip(COLUMNS, values(m, ids, flags, basis), strict=True))


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
