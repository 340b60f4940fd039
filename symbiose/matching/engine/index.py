"""Blocking: which pairs are worth scoring at all.

Streams are filed under the top classes of their material (``slag``, ``gypsum``, ``heat`` ...);
two streams are compared only if they share a top class, or one of them has no class (then it is
compared with every stream of its category). Heat, cold, water and gas streams with a location
are also filed by a grid cell as large as the longest pipe limit, and meet only streams in the
same or a neighbouring cell (or streams that are not bound to pipes). Keys that start with
``#`` (``#energy``: fuels and energy needs) are filed by the grid cell of any located stream,
so a fuel meets only energy needs within reach of the same or a neighbouring cell. This keeps
the number of scored pairs far below offers x needs.

Examples
--------
>>> ix = BlockIndex(cell_km=100.0)
>>> ix.add(0, "offer", "material", ("slag",), None)
>>> ix.add(1, "need", "material", ("slag",), None)
>>> ix.add(2, "need", "material", ("gypsum",), None)
>>> sorted(ix.candidates(0, "offer", "material", ("slag",), None))
[1]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .geo import grid_cell, neighbours

OTHER = {"offer": "need", "need": "offer"}
# match_all splits a block larger than this by region: offers meet needs in the same or a
# neighbouring REGION_KM cell (and all streams without a location). Nearer partners score
# higher, so this only drops far pairs from crowded blocks; candidates_for stays exhaustive.
SPLIT_ENTRIES = 4_000_000
REGION_KM = 250.0


def _cell_sets() -> defaultdict:
    """Slots per grid cell (a named function, not a lambda, so an index can be pickled)."""
    return defaultdict(set)


class BlockIndex:
    """Inverted index from blocking keys to stream slots."""

    def __init__(self, cell_km: float) -> None:
        self.cell_km = cell_km
        self.free: dict[tuple[str, str], set[int]] = defaultdict(set)  # (root, dir) not pipe-bound
        self.cells: dict[tuple[str, str], dict[tuple[int, int], set[int]]] = defaultdict(_cell_sets)
        self.unclassified: dict[tuple[str, str], set[int]] = defaultdict(set)  # (cat, dir)
        self.by_cat: dict[tuple[str, str], set[int]] = defaultdict(set)

    def add(self, slot, direction, category, roots, cell, place=None) -> None:
        """File a stream; ``cell`` is its grid cell if it is pipe-bound and located, else None;
        ``place`` its grid cell if located at all (used for the ``#`` keys)."""
        self.by_cat[category, direction].add(slot)
        if not roots:
            self.unclassified[category, direction].add(slot)
        for r in roots:
            c = place if r.startswith("#") else cell
            if c is None:
                self.free[r, direction].add(slot)
            else:
                self.cells[r, direction][c].add(slot)

    def discard(self, slot, direction, category, roots, cell, place=None) -> None:
        """Remove a stream filed with the same arguments."""
        self.by_cat[category, direction].discard(slot)
        self.unclassified[category, direction].discard(slot)
        for r in roots:
            c = place if r.startswith("#") else cell
            if c is None:
                self.free[r, direction].discard(slot)
            else:
                self.cells[r, direction][c].discard(slot)

    def candidates(self, slot, direction, category, roots, cell, place=None) -> set[int]:
        """Slots of the other direction that one stream must be scored against."""
        other = OTHER[direction]
        out: set[int] = set()
        if not roots:
            out |= self.by_cat[category, other]
        out |= self.unclassified[category, other]
        for r in roots:
            cell_r = place if r.startswith("#") else cell
            out |= self.free[r, other]
            cells = self.cells.get((r, other))
            if not cells:
                continue
            if cell_r is None:
                for members in cells.values():
                    out |= members
            else:
                for c in neighbours(cell_r):
                    out |= cells.get(c, set())
        out.discard(slot)
        return out

    def blocks(self) -> Iterator[tuple[list[int], list[int]]]:
        """Yield ``(offer_slots, need_slots)`` blocks that together cover every scored pair.

        A pair may appear in more than one block (when streams share several top classes).
        """
        roots = {r for r, _d in self.free} | {r for r, _d in self.cells}
        for r in sorted(roots):
            o_free = sorted(self.free.get((r, "offer"), ()))
            n_free = sorted(self.free.get((r, "need"), ()))
            o_cells = self.cells.get((r, "offer"), {})
            n_cells = self.cells.get((r, "need"), {})
            n_cell_all = sorted(s for m in n_cells.values() for s in m)
            o_cell_all = sorted(s for m in o_cells.values() for s in m)
            if o_free and (n_free or n_cell_all):
                yield o_free, n_free + n_cell_all
            if o_cell_all and n_free:
                yield o_cell_all, n_free
            for c, members in o_cells.items():
                near = sorted(s for nb in neighbours(c) for s in n_cells.get(nb, ()))
                if members and near:
                    yield sorted(members), near
        # a copy: reading a missing (category, "offer") key below would add it mid-loop
        for (cat, d), members in list(self.unclassified.items()):
            if not members:
                continue
            if d == "offer":
                yield sorted(members), sorted(self.by_cat[cat, "need"])
            else:
                unclassified = self.unclassified.get((cat, "offer"), set())
                classified = sorted(self.by_cat[cat, "offer"] - unclassified)
                yield classified, sorted(members)


def split_blocks(blocks, lat, lon) -> Iterator[tuple[list[int], list[int]]]:
    """``blocks`` with each one larger than :data:`SPLIT_ENTRIES` pairs split by region.

    ``lat``/``lon`` are the slots' coordinates (NaN when unknown).
    """
    for o_slots, n_slots in blocks:
        if len(o_slots) * len(n_slots) <= SPLIT_ENTRIES:
            yield o_slots, n_slots
            continue
        groups: dict[str, dict] = {"o": {}, "n": {}}
        for side, slots in (("o", o_slots), ("n", n_slots)):
            for slot, la, lo in zip(slots, lat[slots].tolist(), lon[slots].tolist(), strict=True):
                cell = None if la != la or lo != lo else grid_cell(la, lo, REGION_KM)
                groups[side].setdefault(cell, []).append(slot)
        no_loc_n = groups["n"].pop(None, [])
        no_loc_o = groups["o"].pop(None, [])
        if no_loc_o:
            yield no_loc_o, n_slots
        for cell, offers in groups["o"].items():
            near = [s for c in neighbours(cell) for s in groups["n"].get(c, ())]
            yield offers, near + no_loc_n
