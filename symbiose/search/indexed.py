"""The search decided by the database on the stored search columns (``search.StreamIndex``).

:func:`index_hits` filters, orders and cuts in one pass over the visible streams, reading
for each stream the columns of the audience the viewer belongs to (insiders: ``*_all``;
everyone else: ``*_shared``), on the streams the index may decide; it says whether other
streams are left for the row-by-row test (:mod:`symbiose.search.access`). Each condition is
:func:`symbiose.search.filters.fits`'s test on the redacted row, written in SQL.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    F,
    PositiveSmallIntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext as _

from symbiose.registry import access
from symbiose.registry.access import coarsened_distance_km
from symbiose.registry.models import Stream
from symbiose.search import wordtext
from symbiose.search.filters import SearchFilters
from symbiose.search.index import knowledge_version
from symbiose.search.models import StaleMark, StreamIndex
from symbiose.taxonomy.search import fold

#: Columns a search never reads (not in the redacted row, the filters or the hits' uses):
#: left unloaded, since building model instances is much of a broad search's time.
UNREAD = ("created_at", "updated_at", "archived_at", "data_source", "organisation__created_at",
          "organisation__updated_at", "organisation__verified_at", "organisation__description",
          "organisation__data_source")  # fmt: skip
#: Margin (km) of the radius prefilter: a hidden site's distance (from its shown area's
#: centre, the stored point) is rounded to 10 km (up to 5 km more).
RADIUS_MARGIN_KM = 20.0


def _insider_ids(viewer: access.Viewer) -> frozenset[int]:
    return viewer.own_org_ids | viewer.facilitated_org_ids


def _insiders(viewer: access.Viewer) -> Q:
    """Streams whose organisation the viewer is an insider of (sees every field)."""
    if viewer.is_admin:
        return Q(pk__isnull=False)
    return Q(organisation_id__in=_insider_ids(viewer))


def _shown_date(viewer: access.Viewer) -> Case | F:
    """The freshness date the viewer is shown (``registry.freshness.shown_date``), in SQL."""
    return _seen(viewer, F("confirmed_at"), F("shared_confirmed_at"))


def _seen(viewer: access.Viewer, insider: F, other: F) -> Case | F:
    """``insider`` on the streams the viewer is an insider of, ``other`` elsewhere."""
    if viewer.is_admin:
        return insider
    if not _insider_ids(viewer):
        return other
    return Case(When(_insiders(viewer), then=insider), default=other)


def _column(viewer: access.Viewer, name: str) -> Case | F:
    """The stored search column ``name`` as the viewer sees it (``*_all`` or ``*_shared``)."""
    return _seen(viewer, F(f"search_index__{name}_all"), F(f"search_index__{name}_shared"))


def _binary(expression: Any) -> Any:
    """``expression`` compared by code point, as Python compares strings: SQLite's default;
    PostgreSQL's collation would ignore case, accents or punctuation."""
    return Collate(expression, "C") if connection.vendor == "postgresql" else expression


def _anonymous_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fixed words of an anonymous owner's name in the current language: "an
    organisation in <municipality>" (without the municipality) and "an organisation"."""
    named_in = _("an organisation in {municipality}").replace("{municipality}", " ")
    return tuple(fold(named_in).split()), tuple(fold(_("an organisation")).split())


def _word_condition(viewer: access.Viewer, word: str) -> Q:
    """Streams with a visible word starting with ``word`` (an anonymous owner's name counts
    with the reader's language, as :func:`symbiose.registry.access.anonymous_name` writes it)."""
    found = Q(s_words__contains=" " + word)
    named_in, plain = _anonymous_words()
    if any(t.startswith(word) for t in named_in):
        found |= Q(s_anonymous=1)
    if any(t.startswith(word) for t in plain):
        found |= Q(s_anonymous=2)
    return found


def _word_streams(viewer: access.Viewer, word: str) -> Q:
    """Streams the word index (``search.wordtext``) gives a word starting with ``word`` in
    the audience the viewer belongs to for that stream: the streams with it in their
    insiders' words for an insider, in everyone's words for everyone else."""
    others = Q(pk__in=wordtext.streams_with("words_shared", word))
    insiders = Q(pk__in=wordtext.streams_with("words_all", word))
    if viewer.is_admin:
        return insiders
    if not _insider_ids(viewer):
        return others
    return others | (_insiders(viewer) & insiders)


def suspects(viewer: access.Viewer, f: SearchFilters) -> Q | None:
    """A condition every visible stream the index may not decide for ``f`` meets: marked by
    the database (``search.marks``), built with other knowledge, or disclosed to the viewer;
    read through indexes, not by comparing every row's stamps. ``None`` for the raw-material
    and element filters, which also need a row's composition columns current, and changes to
    composition rows are not marked."""
    if f.crm or f.element:
        return None
    version = knowledge_version()
    old = StreamIndex.objects.filter(Q(knowledge__lt=version) | Q(knowledge__gt=version))
    return (Q(pk__in=StaleMark.objects.values("stream_id")) | Q(pk__in=old.values("stream_id"))
            | Q(pk__in=list(viewer.disclosed)))  # fmt: skip


def word_narrowing(viewer: access.Viewer, words: tuple[str, ...]) -> Q | None:
    """A condition every stream whose stored words pass :func:`_word_condition` for all of
    ``words`` meets, read from the word index, so a word search reads only those streams'
    rows; ``None`` when no word can narrow (none given, or each may match an anonymous
    owner's fixed words, which are not stored per stream). Only a narrowing: the stored
    columns still decide, and only rows that are current are read through it."""
    named_in, plain = _anonymous_words()
    fixed = named_in + plain
    usable = [w for w in words if viewer.is_admin or not any(t.startswith(w) for t in fixed)]
    if not usable:
        return None
    found = Q()
    for word in usable:
        found &= _word_streams(viewer, word)
    return found


def _indexed(
    viewer: access.Viewer, qs: QuerySet[Stream], f: SearchFilters
) -> tuple[QuerySet[Stream], Q]:
    """The filters decided in the database on the stored columns, exactly as :func:`fits`
    decides them on the redacted row (the radius by a box only: its exact test follows):
    ``qs`` with the columns the viewer sees, and the condition on them."""
    passes = Q()
    if f.ewc:
        qs = qs.alias(s_ewc=_column(viewer, "ewc"))
        passes &= Q(s_ewc__startswith=f.ewc)
    if f.material:
        qs = qs.alias(s_classes=_column(viewer, "classes"))
        passes &= Q(s_classes__contains=f" {f.material} ")
    if f.crm:  # tags and the elements of visible composition rows (``index._composition``)
        qs = qs.alias(s_crm=_column(viewer, "crm"))
        passes &= Q(s_crm__contains=f" {f.crm} ")
    if f.element:
        qs = qs.alias(s_elements=_column(viewer, "elements"))
        passes &= Q(s_elements__contains=f" {f.element.lower()} ")
    if f.municipality:
        qs = qs.alias(s_place=_column(viewer, "place"))
        passes &= Q(s_place=f.municipality)
    if f.county:
        qs = qs.alias(s_county=_column(viewer, "county"))
        passes &= Q(s_county=f.county)
    if f.qmin is not None or f.qmax is not None:
        qs = qs.alias(s_unit=_column(viewer, "unit"), s_quantity=_column(viewer, "quantity"))
        passes &= Q(s_unit=f.unit)
        if f.qmin is not None:
            passes &= Q(s_quantity__gte=f.qmin)
        if f.qmax is not None:
            passes &= Q(s_quantity__lte=f.qmax)
    if f.fresh is not None:
        since = timezone.localdate() - datetime.timedelta(days=f.fresh)
        qs = qs.alias(shown=_shown_date(viewer))
        passes &= Q(shown__gte=since)
    if f.words:
        named = Value(0, output_field=PositiveSmallIntegerField())
        anonymous = _seen(viewer, named, F("search_index__anonymous_shared"))
        qs = qs.alias(s_words=_column(viewer, "words"), s_anonymous=anonymous)
        for word in f.words:
            passes &= _word_condition(viewer, word)
    if f.centre is not None:
        reach = f.km + RADIUS_MARGIN_KM
        dlat = reach / 111.0
        dlon = reach / (111.0 * max(0.05, math.cos(math.radians(min(abs(f.lat) + dlat, 89.9)))))
        qs = qs.alias(s_lat=_column(viewer, "lat"), s_lon=_column(viewer, "lon"))
        passes &= Q(s_lat__range=(f.lat - dlat, f.lat + dlat),
                    s_lon__range=(f.lon - dlon, f.lon + dlon))  # fmt: skip
    return qs, passes


def _order(viewer: access.Viewer, qs: QuerySet[Stream], sort: str) -> QuerySet[Stream]:
    """The order of :func:`sort_hits` in SQL (``distance`` is sorted in Python), after the
    rows the index may not decide (``s_trusted`` false), which come first."""
    ref = _binary(F("ref"))
    if sort == "fresh":
        return qs.alias(shown=_shown_date(viewer)).order_by("s_trusted", F("shown").desc(), ref)
    if sort == "quantity":
        qs = qs.alias(s_quantity=_column(viewer, "quantity"), s_unit=_column(viewer, "unit"))
        missing = Case(When(s_quantity__isnull=True, then=Value(1)), default=Value(0))
        return qs.alias(s_missing=missing).order_by(
            "s_trusted", "s_missing", _binary(F("s_unit")), F("s_quantity").desc(), ref
        )
    return qs.order_by("s_trusted", _binary(F("search_index__title_key")), ref)


def index_hits(
    viewer: access.Viewer, base: QuerySet[Stream], f: SearchFilters, trusted: Q, limit: int
) -> tuple[list[tuple[Stream, float | None]], bool]:
    """Hits among the streams the index may decide (``trusted``), the database filtering and
    ordering in one pass that also tells whether any other stream is left (then ``False``:
    the caller tests those row by row). A distance is computed from the stored place the
    viewer may know; only the (at most ``limit``) streams kept are loaded, with it."""
    qs, passes = _indexed(viewer, base, f)
    flag = Case(When(trusted, then=Value(True)), default=Value(False))
    narrow = word_narrowing(viewer, f.words) if f.words else None
    known = None
    if narrow is not None:
        # The word index names the streams with the words; a stream whose row is not
        # current may have others (its words are not yet, or no longer, the stored ones),
        # so whether any is left is asked apart, among the suspects when they are known.
        left = base if (suspect := suspects(viewer, f)) is None else base.filter(suspect)
        known = not left.annotate(s_trusted=flag).filter(s_trusted=False).exists()
        qs = qs.filter(narrow).annotate(s_trusted=flag).filter(Q(s_trusted=True) & passes)
    else:
        qs = qs.annotate(s_trusted=flag).filter((Q(s_trusted=True) & passes) | Q(s_trusted=False))
    if f.lat is None or f.lon is None:
        found = list(_order(viewer, qs, f.sort).defer(*UNREAD)[:limit])
        if known is not None:
            return [(s, None) for s in found], known
        complete = not found or found[0].s_trusted  # the untrusted come first
        if not complete:
            found = list(_order(viewer, qs.filter(s_trusted=True), f.sort)
                         .defer(*UNREAD)[:limit])  # fmt: skip
        return [(s, None) for s in found], complete
    coarse = _seen(viewer, Value(False), F("search_index__coarse_shared"))
    keys = qs.annotate(k_lat=_column(viewer, "lat"), k_lon=_column(viewer, "lon"),
                       k_coarse=coarse, k_quantity=_column(viewer, "quantity"),
                       k_unit=_column(viewer, "unit"), k_shown=_shown_date(viewer))  # fmt: skip
    keyed = []
    complete = True if known is None else known
    rows = keys.values_list("pk", "ref", "search_index__title_key", "k_shown", "k_quantity",
                            "k_unit", "k_lat", "k_lon", "k_coarse", "s_trusted")  # fmt: skip
    for pk, ref, title, shown, quantity, unit, lat, lon, coarse, is_trusted in rows:
        if not is_trusted:
            complete = False
            continue
        distance = None
        if lat is not None and lon is not None:
            distance = coarsened_distance_km((f.lat, f.lon), (lat, lon), hide_a=False,
                                             hide_b=bool(coarse))  # fmt: skip
        if f.centre is not None and (distance is None or distance > f.km):
            continue
        if f.sort == "distance":
            key = (distance is None, distance or 0, ref)
        elif f.sort == "fresh":
            key = (-shown.toordinal(), ref)
        elif f.sort == "quantity":
            key = (quantity is None, unit or "", -(quantity or 0), ref)
        else:
            key = (title, ref)
        keyed.append((key, pk, distance))
    keyed.sort()
    distances = {pk: distance for _key, pk, distance in keyed[:limit]}
    found = base.filter(pk__in=list(distances)).defer(*UNREAD)
    return [(s, distances[s.pk]) for s in found], complete
