"""What a user may see in the registry: the only way views, API, exports and matching fetch it.

Rules (docs/architecture.md explains them for people):

* Platform admins, members of the owning organisation and facilitators of a hub the
  organisation belongs to (hub facilitators and the system facilitators overseeing it) see
  every stream of that organisation with every field. These are the stream's *insiders*.
* Others see a stream by its visibility: ``public`` to anyone, ``members`` to signed-in users
  of a verified organisation (and facilitators), ``facilitator`` to insiders only. An
  organisation that has received a disclosure of the stream also sees it.
* A field the owner marked sensitive is hidden from everyone but insiders and organisations
  it was disclosed to (only the disclosed fields).
* ``identity`` hides who owns a stream: the organisation's ref, name and number are left out and
  the owner is named "an organisation in <municipality>" when the municipality holds enough
  organisations, else in its county, else "an organisation" (:mod:`.area`); "an
  organisation" when the location is hidden too, and then the municipality is left out. An
  organisation is listed for a viewer only through a stream whose identity they may see (or
  as an insider). A hidden identity hides the exact site too
  (:mod:`symbiose.registry.sensitive`): a company alone at its place would be named by its
  map marker or its distance.
* A stream the viewer may not see looks exactly like a missing one. Outsiders see the shared
  freshness date, which a hidden edit does not move (:mod:`symbiose.registry.freshness`).
* A hidden location enters a distance only as the centre of the area the viewer is shown
  (municipality, county or none: :func:`shown_point`), and that distance is rounded to 10 km
  (:func:`visible_distance_km`), so no distance filter, score, ranking nor moving one's own
  site tells where in its area the hidden site is."""

from __future__ import annotations

import math

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from symbiose.registry import freshness
from symbiose.registry.area import MUNICIPALITY, shown_area, shown_site
from symbiose.registry.models import Organisation, Stream
from symbiose.registry.sensitive import implied_hidden
from symbiose.registry.viewers import (  # noqa: F401  (re-exported: the viewers' old home)
    FACILITATED_ORGANISATIONS,
    AnonymousViewer,
    OutsiderViewer,
    Viewer,
    add_facilitated_organisations,
    viewer_for,
)

#: Model attributes covered by each sensitive field.
SENSITIVE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "identity": ("organisation_ref", "organisation_name"),
    "quantity": ("quantity", "unit", "period", "annual_quantity", "annual_unit"),
    "description": ("description",),
    "location": ("lat", "lon"),
    # The hazardous flag is derived from the EWC code (entries marked *): hiding the code
    # hides the flag, or the flag would tell which half of the list the code is in.
    "ewc_code": ("ewc_code", "hazardous"),
    "price": ("price_nok_per_unit",),
    "composition": ("composition", "crm"),
    # Composition rows (``resources.CompositionRow``) are not in :func:`redacted`; they are
    # read only through ``symbiose.resources.access``, which applies this field.
    "analysis": (),
}


#: A stream in a few fields, never naming its owner: a public map point lists these (with
#: its ref, ``exporters.GEOJSON_STREAM_KEYS``) and an anonymous contact request shows these
#: plus the legal status (``web.permissions.ANONYMOUS_FIELDS``).
STREAM_SUMMARY_FIELDS: tuple[str, ...] = (
    "direction", "category", "title", "ewc_code", "hazardous", "annual_quantity", "annual_unit",
    "temperature_c",
)  # fmt: skip


class NotFound(LookupError):
    """Raised for objects that do not exist or that the viewer may not see."""


def outsider_view(stream: Stream) -> dict[str, object]:
    """``stream`` redacted for an :class:`OutsiderViewer` (for derived, shared text)."""
    return redacted(OutsiderViewer(), stream)


def visible_streams(user: object | None, *, include_archived: bool = False) -> QuerySet[Stream]:
    """Streams the user may see (not yet redacted: use :func:`hidden_fields` per stream)."""
    qs = Stream.objects.select_related("organisation")
    return qs.filter(visible_stream_q(user, include_archived=include_archived))


def visible_stream_q(user: object | None, prefix: str = "", *, include_archived: bool = False) -> Q:
    """The rule of :func:`visible_streams` as a condition on the stream at ``prefix``
    (``"offer__"`` on a candidate), so a query that joins the stream anyway tests it on the
    joined row instead of an ``IN (visible ids)`` subquery (which SQLite may probe once per
    visible id)."""
    viewer = viewer_for(user)
    active = Q() if include_archived else Q(**{f"{prefix}archived_at__isnull": True})
    if viewer.is_admin:
        return active
    allowed = Q(**{f"{prefix}visibility": "public"})
    if viewer.is_member:
        allowed |= Q(**{f"{prefix}visibility": "members"})
    insider_orgs = viewer.own_org_ids | viewer.facilitated_org_ids
    if insider_orgs:
        allowed |= Q(**{f"{prefix}organisation_id__in": insider_orgs})
    if viewer.disclosed:
        allowed |= Q(**{f"{prefix}id__in": list(viewer.disclosed)})
    return active & allowed


def unseen_stream_parts(user: object | None) -> list[QuerySet[Stream]]:
    """The streams the user may not see (archived ones too), as at most two unordered
    querysets whose union they are, each read through a partial index of the streams some
    viewer is refused (``Stream.Meta.indexes``): the archived ones, and those whose
    visibility the viewer's kind does not reach (``public`` reaches everyone). A public,
    active stream is seen by everyone, so the rule of :func:`visible_stream_q` applied to
    those few gives every unseen stream without reading the registry. Two queries, not one
    with ``OR``: neither SQLite nor PostgreSQL reads two partial indexes for an ``OR``. A part
    with no row at all is left out, found by an index probe without the viewer's rule (whose
    list of insider organisations, a tenth of them for a large hub's facilitator, costs more
    to send than the rows it would test)."""
    viewer = viewer_for(user)
    streams = Stream.objects.order_by()
    parts = []
    archived = streams.filter(archived_at__isnull=False)
    if archived.exists():
        parts.append(archived)
    if not viewer.is_admin:
        reached = {"public", "members"} if viewer.is_member else {"public"}
        refused = [v for v, _label in Stream._meta.get_field("visibility").choices
                   if v not in reached]  # fmt: skip
        # ``NOT public`` spelt out: the partial index's own condition, so the planner uses it
        active = streams.filter(archived_at__isnull=True, visibility__in=refused)
        active = active.filter(~Q(visibility="public"))
        if active.exists():
            parts.append(active.exclude(visible_stream_q(viewer)))
    return parts


def get_stream(user: object | None, ref: str) -> Stream:
    """The stream with ``ref`` if the user may see it; :class:`NotFound` otherwise."""
    stream = visible_streams(user).filter(ref=ref).first()
    if stream is None:
        raise NotFound(ref)
    return stream


def can_see_stream(user: object | None, stream: Stream) -> bool:
    return visible_streams(user).filter(pk=stream.pk).exists()


def hidden_fields(user: object | None, stream: Stream) -> frozenset[str]:
    """The sensitive fields of ``stream`` that the user may not see, with those they imply
    (a hidden identity hides the exact site: :mod:`symbiose.registry.sensitive`)."""
    return implied_hidden(_marked_hidden(
        viewer_for(user), stream.id, stream.organisation_id, stream.sensitive_fields
    ))  # fmt: skip


def _marked_hidden(
    viewer: Viewer, stream_id: int, organisation_id: int, marked: list[str] | None
) -> frozenset[str]:
    """The fields the owner marked that the viewer may not see (what they imply left out):
    the rule of :func:`hidden_fields` on a stream's id, owner and marked fields."""
    if viewer.is_insider(organisation_id):
        return frozenset()
    return frozenset(marked or []) - viewer.disclosed.get(stream_id, frozenset())


def identity_hidden(user: object | None, stream: Stream) -> bool:
    """Whether the user may not learn which organisation owns ``stream``."""
    return "identity" in hidden_fields(user, stream)


def anonymous_name(stream: Stream, *, location_hidden: bool) -> str:
    """How an owner whose identity is hidden is named: "an organisation in Bergen", or in
    its county, or nowhere, when Bergen holds too few organisations (:mod:`.area`)."""
    org = stream.organisation
    return _anonymous(shown_area(org.municipality, org.area_level),
                      location_hidden=location_hidden)  # fmt: skip


def _anonymous(area: str, *, location_hidden: bool) -> str:
    """The rule of :func:`anonymous_name` on the area shown for the owner."""
    if location_hidden or not area:
        return gettext("an organisation")
    return gettext("an organisation in {municipality}").format(municipality=area)


#: Distances involving a hidden location are shown (and filtered, sorted, valued) in steps of
#: this many km, never below one step.
DISTANCE_STEP_KM = 10.0


def shown_point(stream: Stream) -> tuple[float, float] | None:
    """Where a viewer to whom ``stream``'s site is hidden places it: the centre of the area
    they are shown (:func:`symbiose.registry.area.shown_site`), None without an area. The
    exact site never enters what such a viewer sees, so moving it within its area changes
    nothing for them; the matching engine ranks and keeps pairs at the same point."""
    org = stream.organisation
    return shown_site(org.municipality, org.area_level, stream.sensitive_fields)


def viewer_point(row: dict[str, object], stream: Stream) -> tuple[float, float] | None:
    """``stream``'s place as the viewer of its redacted ``row`` may know it."""
    return shown_point(stream) if "location" in (row.get("hidden_fields") or ()) else stream.point


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dphi, dlmb = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def visible_distance_km(user: object | None, a: Stream, b: Stream) -> tuple[float | None, bool]:
    """The distance between two streams as ``user`` may know it, and whether it is coarsened.

    A site hidden from the user is its :func:`shown_point` (whether or not the stream has a
    site of its own: that is not told either), and the result is rounded to
    :data:`DISTANCE_STEP_KM` (at least one step); None when a side has no place the user
    may know. Every filter, sort and figure that uses distance for a viewer must use this.
    """
    hide_a = "location" in hidden_fields(user, a)
    hide_b = "location" in hidden_fields(user, b)
    pa = shown_point(a) if hide_a else a.point
    pb = shown_point(b) if hide_b else b.point
    return coarsened_distance_km(pa, pb, hide_a=hide_a, hide_b=hide_b), hide_a or hide_b


def coarsened_distance_km(
    a: tuple[float, float] | None, b: tuple[float, float] | None, *, hide_a: bool, hide_b: bool
) -> float | None:
    """Distance between two points as a viewer places them (a hidden side already at its
    :func:`shown_point`), rounded to :data:`DISTANCE_STEP_KM` when either is hidden (exact
    otherwise); None when either point is unknown."""
    if a is None or b is None:
        return None
    if not (hide_a or hide_b):
        return _haversine_km(a, b)
    d = _haversine_km(a, b)
    return float(max(DISTANCE_STEP_KM, round(d / DISTANCE_STEP_KM) * DISTANCE_STEP_KM))


def can_edit_stream(user: object | None, stream: Stream) -> bool:
    """Members of the owning organisation, its hub facilitators and admins may edit."""
    return viewer_for(user).is_insider(stream.organisation_id)


def redacted(user: object | None, stream: Stream) -> dict[str, object]:
    """The stream as the user may see it: hidden attributes are ``None``.

    Every page, API response, export and map layer for other people's streams goes through
    this function, so a sensitive value cannot slip out through one of them.
    """
    viewer = viewer_for(user)
    marked = _marked_hidden(viewer, stream.id, stream.organisation_id, stream.sensitive_fields)
    org = stream.organisation
    point = stream.point
    out: dict[str, object] = {
        "ref": stream.ref,
        "organisation_ref": org.ref,
        "organisation_name": org.name,
        "municipality": org.municipality,
        "direction": stream.direction,
        "category": stream.category,
        "title": stream.title,
        "description": stream.description,
        "composition": stream.composition,
        "ewc_code": stream.ewc_code,
        "hazardous": stream.hazardous,
        "accepts_hazardous": stream.accepts_hazardous,
        "legal_status": stream.legal_status,
        "quantity": stream.quantity,
        "unit": stream.unit,
        "period": stream.period,
        "annual_quantity": stream.annual_quantity,
        "annual_unit": stream.annual_unit,
        "temperature_c": stream.temperature_c,
        "crm": list(stream.crm or []),
        "price_nok_per_unit": stream.price_nok_per_unit,
        "available_from": stream.available_from,
        "available_to": stream.available_to,
        "lat": point[0] if point else None,
        "lon": point[1] if point else None,
        "visibility": stream.visibility,
        "confirmed_at": freshness.shown_date(viewer, stream),
    }
    return _blank_hidden(out, marked, org.area_level)


def _blank_hidden(
    out: dict[str, object], marked: frozenset[str], area_level: int
) -> dict[str, object]:
    """Blank in ``out`` (a stream's values, all or some of :func:`redacted`'s keys) every
    attribute of a hidden field and of what it implies, name a hidden owner anonymously and
    list the hidden fields: the one rule of :func:`redacted` and :func:`map_rows`.
    ``marked`` are the owner's marks hidden from the viewer: a hidden identity names the
    owner by the area of its ``area_level`` (:mod:`symbiose.registry.area`), and the
    municipality stays only when that area is the municipality (never when the owner hid the
    location), so no municipality filter, sort or count reaches a generalised owner."""
    hidden = implied_hidden(marked)
    for name in hidden:
        for attr in SENSITIVE_ATTRIBUTES[name]:
            if attr in out:
                out[attr] = [] if attr == "crm" else None
    if "identity" in hidden:
        municipality = out["municipality"] or ""
        out["organisation_name"] = _anonymous(
            shown_area(municipality, area_level), location_hidden="location" in marked
        )
        if "location" in marked or area_level != MUNICIPALITY:
            out["municipality"] = None
    # ``analysis`` (composition rows) is not part of this view: listing it here would tell
    # on every stream that an analysis is hidden, whether it has one or not.
    out["hidden_fields"] = sorted(hidden - {"analysis"})
    return out


#: The keys of :func:`map_rows`: what a map point is drawn from (a subset of :func:`redacted`).
MAP_KEYS = ("ref", "organisation_ref", "organisation_name", "municipality", "direction",
            "category", "title", "annual_quantity", "annual_unit", "period", "lat", "lon",
            "hidden_fields")  # fmt: skip
_MAP_COLUMNS = ("id", "organisation_id", "sensitive_fields", "ref", "organisation__ref",
                "organisation__name", "organisation__municipality", "direction", "category",
                "title", "annual_quantity", "annual_unit", "period", "lat", "lon",
                "organisation__lat", "organisation__lon", "organisation__area_level")  # fmt: skip


def map_rows(viewer: Viewer, streams: QuerySet[Stream]) -> list[dict[str, object]]:
    """``streams`` (already limited to visible ones) as :func:`redacted` shows them, in the
    :data:`MAP_KEYS` only, read as plain values: a map of 2 000 streams spent about half
    its CPU making model instances of every column of the stream and its organisation.
    The same rules (``_marked_hidden``, ``_blank_hidden``, ``Stream.point``) apply, and
    ``registry/tests/test_map_rows.py`` compares the two for every role."""
    out = []
    for (sid, org_id, marked, ref, org_ref, org_name, municipality, direction, category,
         title, annual_quantity, annual_unit, period, lat, lon, org_lat,
         org_lon, area_level) in streams.values_list(
        *_MAP_COLUMNS
    ):  # fmt: skip
        if lat is None or lon is None:  # Stream.point: the site, else the organisation
            lat, lon = (org_lat, org_lon) if org_lat is not None and org_lon is not None else (
                None, None)  # fmt: skip
        row: dict[str, object] = {
            "ref": ref, "organisation_ref": org_ref, "organisation_name": org_name,
            "municipality": municipality, "direction": direction, "category": category,
            "title": title, "annual_quantity": annual_quantity, "annual_unit": annual_unit,
            "period": period, "lat": lat, "lon": lon,
        }  # fmt: skip
        out.append(_blank_hidden(row, _marked_hidden(viewer, sid, org_id, marked), area_level))
    return out


def _named_organisation_ids(viewer: Viewer) -> set[int]:
    """Organisations owning a stream the viewer sees with its identity (Python-side, so the
    rule reads the same on SQLite and PostgreSQL, which differ in JSON lookups)."""
    out: set[int] = set()
    rows = visible_streams(viewer).values_list("id", "organisation_id", "sensitive_fields")
    for stream_id, org_id, marked in rows:
        if org_id in out:
            continue
        if "identity" not in (marked or []) or "identity" in viewer.disclosed.get(
            stream_id, frozenset()
        ):
            out.add(org_id)
    return out


def visible_organisations(user: object | None) -> QuerySet[Organisation]:
    """Organisations the user may see: their own and their hubs', and those with a stream the
    user may see *with its identity*. An organisation whose every visible stream hides its
    identity is not listed (it would name the owner of those streams)."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Organisation.objects.all()
    insiders = viewer.own_org_ids | viewer.facilitated_org_ids
    return Organisation.objects.filter(id__in=_named_organisation_ids(viewer) | insiders)


def get_organisation(user: object | None, ref: str) -> Organisation:
    """The organisation with ``ref`` if the user may see it; :class:`NotFound` otherwise."""
    org = visible_organisations(user).filter(ref=ref).first()
    if org is None:
        raise NotFound(ref)
    return org


def named_streams(user: object | None, organisation: Organisation) -> list[Stream]:
    """The organisation's streams the user may see and may link to it (identity not hidden)."""
    viewer = viewer_for(user)
    streams = visible_streams(viewer).filter(organisation=organisation).order_by("title")
    return [s for s in streams if not identity_hidden(viewer, s)]
