"""The stored search columns (``search.StreamIndex``): built from the same redacted rows and
helpers that the row-by-row test (:func:`symbiose.search.filters.fits`) reads, so the
database's answer on them is the row-by-row answer.

Kept current by the search app's receivers (``search.signals``), which call the writes in
``search.actions``: every save of a stream or an organisation (actions, forms, admin)
rewrites that stream's or those streams' rows in the same transaction; after an import (bulk
writes, no per-row signals) a task worker rewrites the rows that are out of date
(:func:`stale`, ``search.tasks.refresh_stale_index``), and so does ``migrate``. A row that
is missing or out of date is never read: :func:`current` is the condition a row must meet to
be used, and the search tests the other streams row by row.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from symbiose import codeversion
from symbiose.registry.access import OutsiderViewer, Viewer, redacted, shown_point
from symbiose.registry.area import shown_area
from symbiose.registry.models import Stream
from symbiose.registry.viewers import NoOrganisations
from symbiose.resources.access import analysis_visible
from symbiose.resources.models import CompositionRow
from symbiose.search.filters import municipality_place, stream_classes
from symbiose.taxonomy.elements import elements_in
from symbiose.taxonomy.lists import crm_by_id
from symbiose.taxonomy.search import fold


class _InsiderViewer(NoOrganisations, Viewer):
    """A reader who is an insider of every organisation (as an admin is) and has none of its
    own, so nothing disclosed in private: the ``*_all`` columns' audience."""

    @cached_property
    def is_admin(self) -> bool:
        return True


#: What the word and class columns are read with, under ``symbiose/``: the taxonomy (its
#: code and data: words, classes, code lists, folding) and this app's readers of it.
KNOWLEDGE_SOURCES = ("taxonomy", "search/filters.py", "search/index.py")


@lru_cache(maxsize=1)
def knowledge_version() -> str:
    """A short hash of :data:`KNOWLEDGE_SOURCES` (docstrings and comments left out, as for
    stored values), stamped on each index row: rows built with other knowledge are stale."""
    return codeversion.tree_version(Path(__file__).resolve().parents[1], KNOWLEDGE_SOURCES)


def current() -> Q:
    """Streams whose index row is up to date (a ``Stream`` queryset condition)."""
    return Q(
        search_index__stream_updated_at=F("updated_at"),
        search_index__organisation_updated_at=F("organisation__updated_at"),
        search_index__sensitive_fields=F("sensitive_fields"),
        search_index__knowledge=knowledge_version(),
    )


def spaced(items: Iterable[str]) -> str:
    """Items between single spaces, with one before and after: " a b "."""
    return " " + " ".join(items) + " " if items else " "


@lru_cache(maxsize=4)
def _words(texts: tuple[object, ...]) -> str:
    """The folded words of ``texts`` between spaces. Cached for the few last calls: the two
    audiences of a stream mostly see the same texts, and folding is a third of a row's cost."""
    return spaced(fold(" ".join(str(t or "") for t in texts)).split())


def _view(row: dict[str, Any], stream: Stream) -> dict[str, Any]:
    """The columns of one audience from the row it sees."""
    org = stream.organisation
    named = "identity" not in row["hidden_fields"]
    # A hidden identity hides the exact site too, but keeps the municipality unless the
    # owner hid the location (``registry.access``): the row says which.
    location_hidden = "location" in row["hidden_fields"]
    owner_words = row["organisation_name"] if named else ""
    anonymous = 0
    if not named:
        # ``registry.access.anonymous_name``: its fixed words are matched at query time,
        # in the reader's language; only the area (municipality, county or none:
        # ``registry.area``) is stored. Only outsiders are refused the identity, and
        # nothing is disclosed to them, so the owner's marks are the row's.
        area = "" if "location" in (stream.sensitive_fields or []) else (
            shown_area(org.municipality, org.area_level))  # fmt: skip
        anonymous = 1 if area else 2
        owner_words = area
    texts = (row["title"], row["description"], row["composition"], owner_words)
    # a hidden site is the centre of the area shown (``registry.access.shown_point``)
    coarse = location_hidden
    point = shown_point(stream) if coarse else stream.point
    place = municipality_place(row["municipality"])
    return {
        "words": _words(texts),
        "anonymous": anonymous,
        "classes": spaced(sorted(stream_classes(row, org.nace if named else None))),
        "ewc": row["ewc_code"] or "",
        "quantity": row["annual_quantity"],
        "unit": row["annual_unit"] or "",
        "lat": point[0] if point else None,
        "lon": point[1] if point else None,
        "coarse": coarse,
        "place": place["name"] if place else "",
        "county": place["county_number"] if place else "",
    }


def _composition(viewer: Viewer, stream: Stream, rows: list[CompositionRow],
                 tags: list[str]) -> dict[str, str]:  # fmt: skip
    """The raw materials and elements the viewer may see ``stream`` hold, as
    :func:`symbiose.search.filters.fits` reads them: the visible tags, and the elements of
    the composition rows, none while the analysis is hidden from the viewer."""
    found: frozenset[str] = frozenset()
    if rows and analysis_visible(viewer, stream):
        found = frozenset().union(*(elements_in(r.substance) for r in rows))
    held = set(tags or [])
    if found:
        held |= {c.id for c in crm_by_id().values() if found & set(c.elements)}
    return {"crm": spaced(sorted(held)), "elements": spaced(sorted(e.lower() for e in found))}


def index_values(stream: Stream, rows: list[CompositionRow] | None = None) -> dict[str, Any]:
    """The ``StreamIndex`` fields of ``stream`` (its organisation loaded with it). ``rows``:
    its composition rows when the caller read them (many streams at once); else read here."""
    insider, outsider = _InsiderViewer(), OutsiderViewer()
    all_row, shared_row = redacted(insider, stream), redacted(outsider, stream)
    everything = _view(all_row, stream)
    shared = _view(shared_row, stream)
    if rows is None:
        rows = list(stream.composition_rows.all())
    everything.update(_composition(insider, stream, rows, all_row["crm"]))
    shared.update(_composition(outsider, stream, rows, shared_row["crm"]))
    out: dict[str, Any] = {
        "stream_updated_at": stream.updated_at,
        "organisation_updated_at": stream.organisation.updated_at,
        "sensitive_fields": stream.sensitive_fields,
        "knowledge": knowledge_version(),
        "title_key": stream.title.casefold(),
        "anonymous_shared": shared["anonymous"],
        "coarse_shared": shared["coarse"],
        "composition_rows": len(rows),
        "composition_last": max((r.pk for r in rows), default=0),
    }
    for name in ("words", "classes", "ewc", "crm", "elements", "quantity", "unit", "lat",
                 "lon", "place", "county"):  # fmt: skip
        out[f"{name}_all"] = everything[name]
        out[f"{name}_shared"] = shared[name]
    return out


def composition_current() -> Q:
    """Streams whose index row was built from their present composition rows (a ``Stream``
    queryset condition): same count and same highest id. Composition rows are written
    without touching the stream, so the raw-material and element filters, which read them,
    need this beside :func:`current`."""
    rows = CompositionRow.objects.filter(stream=OuterRef("pk")).order_by().values("stream")
    count = Subquery(rows.annotate(n=Count("pk")).values("n")[:1])
    last = Subquery(rows.annotate(m=Max("pk")).values("m")[:1])
    return Q(search_index__composition_rows=Coalesce(count, 0),
             search_index__composition_last=Coalesce(last, 0))  # fmt: skip


def stale() -> QuerySet[Stream]:
    """Streams whose index row is missing or out of date (its composition columns too)."""
    fresh = Stream.objects.filter(current() & composition_current()).values("pk")
    return Stream.objects.exclude(pk__in=fresh)
