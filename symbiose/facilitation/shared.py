"""Figures of hubs' streams that every viewer who sees those streams in full computes alike,
kept in the web process until the streams change.

The hub dashboard's map and stream table and the regional overview's stream tables read
every stream of the hubs' members (2 000 at 20 000 streams, 10 000 at 100 000 for the
benchmark's hub) on every request. Their viewers are nearly always the hubs' facilitators,
overseers and admins: insiders of every member organisation, who see each stream of them,
unredacted (``registry.access.visible_stream_q``, ``_hidden``). For such a viewer the
figures depend on the hubs' streams and organisations alone, so one computation serves every
insider until a stream, an organisation or the hubs' membership changes.

:func:`for_insiders` keeps such figures per process under a key of what they are (a name,
the hubs, the language) and :func:`stamp`, which changes whenever a stream or organisation
of the members is written (``updated_at`` moves on every save, archive and import, as the
search index's own stamps assume), a stream of theirs is added or deleted, or an
organisation joins or leaves a hub (membership rows only grow in id). A viewer who is not an
insider of every member (a partner company's user) never reads or fills it: their figures
are computed for them alone, as before. Who may see a figure is therefore never stored;
the permission matrix is unchanged (``facilitation/tests/test_shared_figures.py``).

The cache is bounded (:data:`ENTRIES`), so a process holds at most that many sets of figures
whatever the registry's size.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Count, Max
from django.utils.translation import get_language

from symbiose.facilitation.models import Hub
from symbiose.registry.models import Organisation, Stream

T = TypeVar("T")
#: Sets of figures a process keeps (a few hubs, two languages, a few kinds of figures).
ENTRIES = 32
_kept: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()


def insider_of_every_member(viewer: Any, hubs: Iterable[Hub]) -> bool:
    """Whether ``viewer`` is an insider of every member of ``hubs``: then it sees every
    stream of theirs that is not archived, and no field of them is hidden from it
    (``registry.access.hidden_fields``): a hub's facilitator or overseer, an admin."""
    if viewer.is_admin:
        return True
    members = set(
        Hub.members.through.objects.filter(hub__in=list(hubs)).values_list(
            "organisation_id", flat=True
        )
    )
    return members <= (viewer.own_org_ids | viewer.facilitated_org_ids)


def stamp(hubs: Iterable[Hub]) -> tuple:
    """What the hubs' member streams are now, in three index reads: the membership rows
    (count and last id: a joining organisation gets a new, larger id), the members' last
    write, and their streams (count and last write, from the index of each organisation's
    streams by ``updated_at`` alone: joining each stream to its organisation cost 18.6 ms
    for the 10 000 streams of a hub at 100 000)."""
    ids = sorted(h.pk for h in hubs)
    rows = Hub.members.through.objects.filter(hub_id__in=ids)
    members = rows.aggregate(n=Count("id"), last=Max("id"))
    orgs = rows.values("organisation_id")
    org = Organisation.objects.filter(pk__in=orgs).aggregate(last=Max("updated_at"))["last"]
    streams = (
        Stream.objects.order_by()
        .filter(organisation_id__in=orgs)
        .aggregate(n=Count("id"), last=Max("updated_at"))
    )
    return (members["n"], members["last"], streams["n"], streams["last"], org)


def for_insiders(
    viewer: Any, name: str, hubs: list[Hub], compute: Callable[[], T], *, extra: tuple = ()
) -> T:
    """``compute()``, kept per process for every insider of every member of ``hubs`` until
    :func:`stamp` changes; computed afresh (and not kept) for any other viewer. ``extra``
    adds what else the figures depend on (a URL built from a hub's slug)."""
    if not insider_of_every_member(viewer, hubs):
        return compute()
    return kept(name, hubs, compute, extra=extra)


def kept(name: str, hubs: list[Hub], compute: Callable[[], T], *, extra: tuple = ()) -> T:
    """``compute()``, kept per process until :func:`stamp` changes: for what depends on the
    hubs' member streams alone, whoever asks (the digest of their ids, ``hubpairs``)."""
    key = (name, get_language(), tuple(sorted((h.pk, h.slug) for h in hubs)), extra)
    now = stamp(hubs)
    found = _kept.get(key)
    if found is not None and found[0] == now:
        _kept.move_to_end(key)
        return found[1]
    value = compute()
    _kept[key] = (now, value)
    _kept.move_to_end(key)
    while len(_kept) > ENTRIES:
        _kept.popitem(last=False)
    return value


def clear() -> None:
    """Forget every kept figure (tests)."""
    _kept.clear()
