"""What a viewer may see of compositions, deposits and competences.

Composition rows are read only here. A stream's rows are visible to a viewer when the viewer
may see the stream and its sensitive field ``analysis`` is not hidden from them (insiders and
organisations it was disclosed to see it; new streams hide it). Contained tonnes need the
quantity too, so a viewer who may see the analysis but not the quantity gets no tonnes (the
quantity would follow from tonnes and content).

A stream *holds* a critical raw material for a viewer only through what the viewer may see:
its CRM tags (hidden with ``composition``) or its visible rows. CRM pages, search filters
and totals built on :func:`holds` therefore never reveal a hidden analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from symbiose.registry.access import hidden_fields, viewer_for, visible_streams
from symbiose.registry.models import Stream
from symbiose.registry.units import is_one_off
from symbiose.resources.models import CompositionRow, Deposit
from symbiose.taxonomy.elements import element_fraction, elements_in
from symbiose.taxonomy.lists import crm_by_id

#: Providers of the groups of organisations a user works in, ``user -> [(name, organisation
#: ids)]``: a hub's facilitators and overseers work in its members. Higher apps register one
#: in ``AppConfig.ready`` (facilitation: hubs), so resources never imports them.
WORKSPACES: list[Callable[[Any], Iterable[tuple[str, frozenset[int]]]]] = []


def add_workspaces(
    provider: Callable[[Any], Iterable[tuple[str, frozenset[int]]]],
) -> Callable[[Any], Iterable[tuple[str, frozenset[int]]]]:
    """Register ``provider`` (user -> named groups of organisation ids); returns it."""
    if provider not in WORKSPACES:
        WORKSPACES.append(provider)
    return provider


def workspaces(user: Any) -> list[tuple[str, frozenset[int]]]:
    """The named groups of organisations ``user`` works in, from every registered provider."""
    return [group for provider in WORKSPACES for group in provider(user)]


def analysis_visible(user: object | None, stream: Stream) -> bool:
    """Whether ``user`` may see ``stream``'s composition rows (the stream must be visible)."""
    return "analysis" not in hidden_fields(user, stream)


def visible_rows(user: object | None, stream: Stream) -> list[CompositionRow]:
    """The composition rows of a visible stream that ``user`` may see (maybe none)."""
    if not analysis_visible(user, stream):
        return []
    cached = getattr(stream, "_prefetched_objects_cache", {}).get("composition_rows")
    return list(cached) if cached is not None else list(stream.composition_rows.all())


def _visible_ids(viewer: object, streams: list[Stream]) -> set[int]:
    """The ids of ``streams`` the viewer may see at all (a caller may pass any streams)."""
    ids = [s.id for s in streams]
    return set(visible_streams(viewer).filter(id__in=ids).values_list("id", flat=True))


def rows_by_stream(user: object | None, streams: Iterable[Stream]) -> dict[int, list]:
    """Visible composition rows for many streams in one query: stream id -> rows. Streams the
    viewer may not see, or whose analysis is hidden from them, get none."""
    viewer = viewer_for(user)
    streams = list(streams)
    seen = _visible_ids(viewer, streams)
    allowed = [s.id for s in streams if s.id in seen and analysis_visible(viewer, s)]
    out: dict[int, list[CompositionRow]] = {i: [] for i in allowed}
    for row in CompositionRow.objects.filter(stream_id__in=allowed):
        out[row.stream_id].append(row)
    return out


def deposit_of(user: object | None, stream: Stream) -> dict[str, object] | None:
    """The deposit details of a visible stream for ``user`` (``None`` if not a deposit).

    ``owner`` is left out when the stream's identity is hidden from the user.
    """
    try:
        d = stream.deposit
    except Deposit.DoesNotExist:
        return None
    hidden = hidden_fields(user, stream)
    return {
        "kind": d.kind,
        "kind_display": d.get_kind_display(),
        "setting": d.setting,
        "setting_display": d.get_setting_display(),
        "accessibility": d.accessibility,
        "accessibility_display": d.get_accessibility_display(),
        "permit_status": d.permit_status,
        "permit_status_display": d.get_permit_status_display(),
        "owner": None if "identity" in hidden else d.owner,
        "source": d.source,
        "tonnes_estimated": d.tonnes_estimated,
    }


def crm_elements(crm_id: str) -> frozenset[str]:
    """The element symbols of a critical raw material (empty for coking coal, feldspar)."""
    m = crm_by_id().get(crm_id)
    return frozenset(m.elements) if m else frozenset()


def crm_of_element() -> dict[str, str]:
    """Element symbol -> the critical raw material listing it (the first in the list when
    two do, e.g. phosphorus: phosphate rock)."""
    out: dict[str, str] = {}
    for m in crm_by_id().values():
        if m.critical:
            for e in m.elements:
                out.setdefault(e, m.id)
    return out


def holds(user: object | None, stream: Stream, crm_id: str, rows: list | None = None) -> bool:
    """Whether, as far as ``user`` may see, ``stream`` holds the critical raw material."""
    hidden = hidden_fields(user, stream)
    if "composition" not in hidden and crm_id in (stream.crm or []):
        return True
    if "analysis" in hidden:
        return False
    symbols = crm_elements(crm_id)
    if not symbols:
        return False
    rows = visible_rows(user, stream) if rows is None else rows
    return any(symbols & elements_in(r.substance) for r in rows)


def streams_holding(user: object | None, crm_id: str) -> list[Stream]:
    """Visible active streams (deposits included) that hold ``crm_id`` for ``user``."""
    viewer = viewer_for(user)
    streams = list(visible_streams(viewer).select_related("deposit"))
    rows = rows_by_stream(viewer, streams)
    return [s for s in streams if holds(viewer, s, crm_id, rows.get(s.id, []))]


@dataclass
class Contained:
    """Contained tonnes of one element of a critical raw material, summed from what a viewer
    may see. Counted per element (silicon, not "silicon metal"): the analysis says how much
    of the element there is, not in what form."""

    symbol: str
    crm_id: str
    tonnes: float = 0.0
    #: Streams whose rows gave a figure, and their organisations.
    stream_ids: set[int] = field(default_factory=set)
    organisation_ids: set[int] = field(default_factory=set)
    estimated: bool = False
    #: The tonnes per organisation (they add up to ``tonnes``), for tables that protect
    #: small groups: one call for many organisations instead of one each.
    by_organisation: dict[int, float] = field(default_factory=dict)

    @property
    def streams(self) -> int:
        return len(self.stream_ids)


def contained_apart(
    user: object | None, streams: Iterable[Stream]
) -> tuple[dict[str, Contained], dict[str, Contained]]:
    """:func:`contained_tonnes` of the yearly flows and, apart, of the stocks: deposits and
    other one-off lots (``period="once"``), whose tonnes are there once, not every year,
    so the two are never added up."""
    streams = list(streams)
    flows = [s for s in streams if not is_one_off(s.period)]
    stocks = [s for s in streams if is_one_off(s.period)]
    return contained_tonnes(user, flows), contained_tonnes(user, stocks)


def contained_tonnes(user: object | None, streams: Iterable[Stream]) -> dict[str, Contained]:
    """Tonnes of each CRM element (symbol -> :class:`Contained`) contained in ``streams``
    (a year's flow, or a deposit's stock).

    Only streams whose analysis *and* quantity the viewer may see, with their annual
    quantity in tonnes, count: tonnes × mass fraction of the element (through the compound's
    formula when the row is a compound). For one stream and element the largest reading is
    taken (an element given both as itself and as its oxide is not counted twice). Totals
    are therefore sums of figures the viewer could compute from the stream pages.
    """
    viewer = viewer_for(user)
    streams = [s for s in streams if s.annual_unit == "t/yr" and s.annual_quantity]
    seen = _visible_ids(viewer, streams)
    streams = [s for s in streams if s.id in seen]
    streams = [s for s in streams if "quantity" not in hidden_fields(viewer, s)]
    rows = rows_by_stream(viewer, streams)
    out: dict[str, Contained] = {}
    by_element = crm_of_element()
    for s in streams:
        best: dict[str, tuple[float, bool]] = {}
        for r in rows.get(s.id, []):
            for symbol in elements_in(r.substance):
                if symbol not in by_element:
                    continue
                frac = element_fraction(r.substance, symbol)
                if not frac:
                    continue
                t = s.annual_quantity * r.mass_fraction * frac
                if t > best.get(symbol, (0.0, False))[0]:
                    best[symbol] = (t, r.is_estimate)
        for symbol, (t, estimate) in best.items():
            c = out.setdefault(symbol, Contained(symbol, by_element[symbol]))
            c.tonnes += t
            c.stream_ids.add(s.id)
            c.organisation_ids.add(s.organisation_id)
            c.by_organisation[s.organisation_id] = c.by_organisation.get(s.organisation_id, 0) + t
            c.estimated = c.estimated or estimate
    return out


def marked_with_content(streams: Iterable[Stream]) -> set[str]:
    """The sensitive fields ``streams`` mark that hide something: ``analysis`` counts only
    for a stream that has composition rows (every new stream marks it). For the owner's
    own pages, e.g. which fields a contact request may offer to reveal."""
    streams = list(streams)
    with_rows = set(
        CompositionRow.objects.filter(stream__in=streams).values_list("stream_id", flat=True)
    )
    out: set[str] = set()
    for s in streams:
        marked = set(s.sensitive_fields or [])
        if s.id not in with_rows:
            marked.discard("analysis")
        out |= marked
    return out


def stream_classes(user: object | None, stream: Stream) -> set[str]:
    """Material classes of ``stream`` read only from what ``user`` may see of it (title,
    and description and EWC code when they are not hidden)."""
    from symbiose.taxonomy.classify import classify

    found = classify(
        stream.title,
        stream.description or "",
        stream.ewc_code or None,
        stream.category,
        direction=stream.direction,
        hidden=frozenset(hidden_fields(user, stream)),
    )
    return {c.class_id for c in found.classes}


def visible_crm(user: object | None, stream: Stream) -> list[str]:
    """CRM ids ``stream`` holds as far as ``user`` may see (tags or visible rows)."""
    rows = visible_rows(user, stream)
    return [m.id for m in crm_by_id().values() if holds(user, stream, m.id, rows)]


def partners_for(
    *, crm_ids: set[str] = frozenset(), class_ids: set[str] = frozenset(), tech_ids=frozenset()
) -> list:
    """Competences (published, so shown to anyone with their organisation) matching a
    technology, a CRM or a material class (a competence for a parent class matches too);
    research institutes and universities first, then by how many links match."""
    from symbiose.resources.models import Competence
    from symbiose.taxonomy.materials import ancestors

    wanted = set(class_ids)
    for c in class_ids:
        wanted.update(ancestors(c))
    scored = []
    for comp in Competence.objects.select_related("organisation"):
        hits = (comp.technology in tech_ids) + bool(set(comp.crm) & set(crm_ids))
        hits += bool(set(comp.material_classes) & wanted)
        if hits:
            academic = comp.organisation.kind in ("research_institute", "university")
            scored.append((-academic, -hits, comp.organisation.name, comp.title, comp))
    return [s[-1] for s in sorted(scored, key=lambda s: s[:4])]


def crm_fractions(rows: Iterable[CompositionRow]) -> dict[str, float]:
    """Mass fraction of each CRM in one stream's rows (the caller has checked the viewer may
    see them): per element the largest reading (element or through a compound), summed over
    the CRM's elements. Impact counts recovered CRM from it (``impact.adapter``)."""
    best: dict[str, float] = {}
    for r in rows:
        for symbol in elements_in(r.substance):
            frac = element_fraction(r.substance, symbol)
            if frac:
                best[symbol] = max(best.get(symbol, 0.0), r.mass_fraction * frac)
    out: dict[str, float] = {}
    for symbol, fraction in best.items():
        crm = crm_of_element().get(symbol)
        if crm:
            out[crm] = min(1.0, out.get(crm, 0.0) + fraction)
    return out
