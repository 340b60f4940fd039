"""Writes of the search app: saved searches, watches, what a watch has seen, notifications,
and the stored search columns (``StreamIndex``).

``check_*`` validate what a person typed and raise :class:`SearchError` with located,
translated messages; ``do_*`` trust their input. One transaction each; user-made changes
write an audit row; e-mails are queued in the outbox inside the same transaction (sent by a
worker after commit).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from symbiose.bulkinsert import insert_many
from symbiose.registry.actions import audit
from symbiose.registry.models import Stream
from symbiose.registry.validation import FieldError, clean_float, clean_text
from symbiose.resources.models import CompositionRow
from symbiose.search.filters import UNITS, parse
from symbiose.search.index import current, index_values, stale
from symbiose.search.models import (
    CONTENT_UNITS,
    THRESHOLD_FIELDS,
    THRESHOLD_OPS,
    WATCH_KINDS,
    Notification,
    SavedSearch,
    StaleMark,
    StreamIndex,
    Watch,
    WatchSeen,
)
from symbiose.taxonomy.elements import elements, read_substance
from symbiose.taxonomy.lists import crm_by_id
from symbiose.taxonomy.materials import materials_by_id

#: Limits per user, so one account cannot make the watch pass arbitrarily slow.
MAX_SAVED = 50
MAX_WATCHES = 100


class SearchError(ValueError):
    """Input that cannot be saved; ``messages`` are translated and name their field."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


@transaction.atomic
def check_save_search(name: object, params: Mapping[str, Any], *, acting_user: Any) -> SavedSearch:
    """Save (or replace, by name) the user's search with its checked filters."""
    problems: list[str] = []
    try:
        clean_name = clean_text(name, "name", max_length=100, required=True, multiline=False)
    except FieldError as exc:
        problems.append(_("Name") + ": " + _(exc.template).format(**exc.params))
        clean_name = ""
    filters, errors = parse(params)
    problems += errors
    if not problems and filters.is_empty():
        problems.append(_("Choose at least one filter before saving the search."))
    existing = SavedSearch.objects.filter(user=acting_user, name=clean_name).first()
    if existing is None and SavedSearch.objects.filter(user=acting_user).count() >= MAX_SAVED:
        problems.append(_("You have {n} saved searches; delete one first.").format(n=MAX_SAVED))
    if problems:
        raise SearchError(problems)
    saved, _created = SavedSearch.objects.update_or_create(  # write-ok
        user=acting_user, name=clean_name, defaults={"query": filters.to_query()}
    )
    audit(acting_user, "search-saved", saved, query=saved.query)
    return saved


@transaction.atomic
def do_delete_search(saved: SavedSearch, *, acting_user: Any) -> None:
    audit(acting_user, "search-deleted", saved)
    saved.delete()


@transaction.atomic
def check_create_watch(values: Mapping[str, Any], *, acting_user: Any,
                       saved_search: SavedSearch | None = None,
                       stream: Stream | None = None) -> Watch:  # fmt: skip
    """Create a watch from form values; ``saved_search`` and ``stream`` come already checked
    (the user's own, a stream they may see)."""
    problems: list[str] = []
    kind = str(values.get("kind") or "")
    fields: dict[str, Any] = {"kind": kind}
    if kind not in dict(WATCH_KINDS):
        problems.append(_("What to watch") + ": " + _("choose one of the choices"))
    elif kind == "material":
        fields["material"] = str(values.get("material") or "")
        if fields["material"] not in materials_by_id():
            problems.append(_("Material") + ": " + _("choose a material class"))
    elif kind == "crm":
        fields["crm"] = str(values.get("crm") or "").lower()
        if fields["crm"] not in crm_by_id():
            problems.append(_("Critical raw material") + ": " + _("choose a raw material"))
    elif kind == "search":
        if saved_search is None:
            problems.append(_("Saved search") + ": " + _("choose one of your saved searches"))
        fields["saved_search"] = saved_search
    elif kind == "stream":
        if stream is None:
            problems.append(_("Stream") + ": " + _("no stream you may see has this reference"))
        fields["stream"] = stream
    problems += _threshold(values, fields)
    if Watch.objects.filter(user=acting_user).count() >= MAX_WATCHES:
        problems.append(_("You watch {n} things; stop one first.").format(n=MAX_WATCHES))
    if problems:
        raise SearchError(problems)
    watch = do_create_watch(fields, acting_user=acting_user)
    transaction.on_commit(lambda: _enqueue_check(watch.pk))
    return watch


@transaction.atomic
def do_create_watch(fields: Mapping[str, Any], *, acting_user: Any) -> Watch:
    """Create a watch for ``acting_user`` (its first check records without notifying)."""
    watch = Watch.objects.create(user=acting_user, **fields)
    audit(acting_user, "watch-created", watch, kind=fields["kind"])
    return watch


def _enqueue_check(watch_id: int) -> None:
    from symbiose.search.tasks import check_watches

    check_watches.enqueue(watch_ids=[watch_id])


def _threshold(values: Mapping[str, Any], fields: dict[str, Any]) -> list[str]:
    on = str(values.get("threshold_field") or "")
    if not on:
        return []
    label = _("Threshold")
    if on not in dict(THRESHOLD_FIELDS):
        return [label + ": " + _("choose quantity, price or content")]
    op = str(values.get("threshold_op") or "")
    if op not in dict(THRESHOLD_OPS):
        return [label + ": " + _("choose “rises above” or “falls below”")]
    try:
        value = clean_float(values.get("threshold_value"), "threshold_value",
                            minimum=-1e12, maximum=1e12)  # fmt: skip
    except FieldError as exc:
        return [label + ": " + _(exc.template).format(**exc.params)]
    if value is None:
        return [label + ": " + _("give a value")]
    unit = str(values.get("threshold_unit") or "")
    if on == "quantity" and unit not in UNITS:
        return [label + ": " + _("use one of {choices}").format(choices=", ".join(UNITS))]
    element = ""
    if on == "content":
        if unit not in CONTENT_UNITS:
            choices = ", ".join(CONTENT_UNITS)
            return [label + ": " + _("use one of {choices}").format(choices=choices)]
        try:
            element = read_substance(str(values.get("threshold_element") or ""))
        except ValueError:
            element = ""
        if element not in elements():
            return [label + ": " + _("choose the element whose content you watch")]
    fields.update(threshold_field=on, threshold_op=op, threshold_value=value,
                  threshold_unit=unit if on in ("quantity", "content") else "",
                  threshold_element=element)  # fmt: skip
    return []


@transaction.atomic
def do_delete_watch(watch: Watch, *, acting_user: Any) -> None:
    audit(acting_user, "watch-deleted", watch)
    watch.delete()


@transaction.atomic
def do_mark_read(user: Any, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when ``ids`` is None)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def do_record_seen(watch: Watch, stream: Stream, *, fits: bool, snapshot: dict) -> None:
    """Store what the watcher now sees of ``stream`` (call inside the check's transaction)."""
    WatchSeen.objects.update_or_create(  # write-ok
        watch=watch, stream=stream, defaults={"fits": fits, "snapshot": snapshot}
    )


def do_notify(watch: Watch, stream: Stream, kind: str, *, title: str, params: dict) -> Notification:
    """Record one event for the watcher (call inside the check's transaction)."""
    return Notification.objects.create(  # write-ok
        user=watch.user, watch=watch, kind=kind, stream_ref=stream.ref, stream_title=title[:200],
        params=params,
    )  # fmt: skip


def do_finish_baseline(watch: Watch) -> None:
    Watch.objects.filter(pk=watch.pk).update(baseline_done=True)


#: Streams whose search index rows are written per batch (and per transaction) when many
#: are rebuilt.
INDEX_BATCH = 500


def do_refresh_index(streams: QuerySet[Stream]) -> int:
    """Rewrite the search index rows (``StreamIndex``) of ``streams``, read afresh from the
    database; returns how many were written. A derived cache of the streams' own values: no
    audit row (the write that changed the stream has one).

    Per batch of :data:`INDEX_BATCH` streams: one transaction, one query for the streams,
    one for their composition rows, and the rows written by
    :func:`symbiose.bulkinsert.insert_many`. A transaction per batch, not one for all: the
    worker's rewrite after an import of 100 000 streams takes minutes on a busy machine, and
    on SQLite a write transaction holds the one write lock, so every web save waited for
    the whole rewrite (past its 60 s timeout). Each batch is read and written in its own
    transaction, so its rows are current when written; a rewrite stopped half-way leaves
    the rest stale, exact and rewritten by the next task (search tests them row by row).
    Called inside a save's transaction (``search/signals.py``), a batch is a savepoint."""
    ids = list(streams.order_by("pk").values_list("pk", flat=True))
    for k in range(0, len(ids), INDEX_BATCH):
        with transaction.atomic():
            _refresh_batch(ids[k : k + INDEX_BATCH])
    return len(ids)


def _refresh_batch(part: list[int]) -> None:
    found = Stream.objects.filter(pk__in=part).select_related("organisation")
    analyses: dict[int, list[CompositionRow]] = {}
    for row in CompositionRow.objects.filter(stream_id__in=part):
        analyses.setdefault(row.stream_id, []).append(row)
    streams = list(found)
    rows = ({"stream_id": s.pk, **index_values(s, analyses.get(s.pk, []))} for s in streams)
    # Rows are replaced in place: the word index (``search.wordtext``, the database's own)
    # follows a row's words only where they changed. A stream gone since is left no row.
    insert_many(StreamIndex, rows, replace_on="stream_id")
    if gone := set(part) - {s.pk for s in streams}:
        StreamIndex.objects.filter(stream_id__in=gone).delete()
    # only where the row is current now: a write that raced this batch keeps its mark
    fresh = Stream.objects.filter(current(), pk__in=part).values("pk")
    StaleMark.objects.filter(stream_id__in=fresh).delete()


def do_mark_stale() -> int:
    """Mark every stream whose row is not current and has no mark (after ``migrate``: writes
    made while a rebuilt table had no triggers, ``search.marks``); returns how many."""
    ids = list(stale().exclude(pk__in=StaleMark.objects.values("stream_id"))
               .values_list("pk", flat=True))  # fmt: skip
    insert_many(StaleMark, ({"stream_id": pk} for pk in ids))
    return len(ids)


def do_refresh_stale_index() -> int:
    """Rewrite every missing or out-of-date search index row; returns how many were written."""
    return do_refresh_index(stale())
