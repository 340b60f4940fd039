"""A valuing pass after a full recompute values only what changed, and stores what a full
pass would: the rows the recompute inserted or rewrote and the pairs of edited streams."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Max, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from symbiose.impact.models import PairValue
from symbiose.impact.tasks import value_candidates
from symbiose.impact.tests.test_stored_values import NEED, _row
from symbiose.impact.valuing import value_stale
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.models import Candidate
from symbiose.matching.tasks import recompute_candidates
from symbiose.registry.actions import check_save_stream, do_save_organisation
from symbiose.registry.models import Organisation, Stream
from tests.workers import drain, failed

#: Streams of another organisation that match each other, so that most pairs involve neither
#: the edited stream nor the moved organisation.
OTHERS = [
    {"ref": "S-OUT-CHIPS", "direction": "offer", "title": "Wood chips from sawmill",
     "quantity": "3000"},
    {"ref": "S-OUT-BARK", "direction": "offer", "title": "Bark from debarking",
     "quantity": "2000"},
    {"ref": "S-OUT-FUEL", "direction": "need", "title": "Wood chips for biomass boiler",
     "quantity": "2500"},
    {"ref": "S-OUT-BED", "direction": "need", "title": "Wood shavings for animal bedding",
     "quantity": "400"},
]  # fmt: skip


@pytest.fixture
def settled_world(world):
    """The world, recomputed and valued, its rows last written an hour ago (a pass looks
    again at streams written a few minutes before the last one started)."""
    check_save_stream(NEED, acting_user=None)
    for row in OTHERS:
        check_save_stream({"organisation_ref": "ORG-OUT", "unit": "t", "visibility": "public",
                           "category": "material", **row}, acting_user=None)  # fmt: skip
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Stream.objects.update(updated_at=long_ago)
    Organisation.objects.update(updated_at=long_ago)
    do_recompute_all()
    assert value_stale(full=True).finished
    return world


def _values() -> dict[tuple[int, int, str], tuple[str, object]]:
    rows = PairValue.objects.values_list("offer_id", "need_id", "view", "stamp", "data")
    return {(o, n, v): (s, d) for o, n, v, s, d in rows}


def _pairs(queryset) -> set[tuple[int, int]]:
    return set(queryset.values_list("offer_id", "need_id"))


def _check_pass_after(edit) -> tuple[set, set]:
    """Run ``edit`` and a recompute, then one pass; check what it looked at and stored, and
    that it left what a full pass stores. Returns (pairs of the edited streams, new rows)."""
    before = _values()
    last = Candidate.objects.aggregate(m=Max("pk"))["m"]
    total = Candidate.objects.count()
    streams = edit()
    do_recompute_all()
    mine = _pairs(Candidate.objects.filter(Q(offer__in=streams) | Q(need__in=streams)))
    rewritten = _pairs(Candidate.objects.filter(pk__gt=last))
    assert mine

    done = value_stale(prune=True)

    assert done.finished
    assert done.looked == len(mine | rewritten) < total
    after = _values()
    written = {key for key, (stamp, _data) in after.items() if before.get(key, ("",))[0] != stamp}
    assert done.stored == len(written)  # nothing valued again that was current
    valued_before = {(o, n) for o, n, _v in before}
    assert {(o, n) for o, n, _v in written} == mine | (rewritten - valued_before)
    assert {(o, n) for o, n, _v in after} <= _pairs(Candidate.objects.all())  # pruned
    PairValue.objects.all().delete()
    assert value_stale(full=True).finished
    assert _values() == after  # what a full pass stores
    return mine, rewritten


def test_a_recompute_after_editing_one_stream_values_only_its_pairs_and_rewritten_rows(
    settled_world,
):
    slag = Stream.objects.get(ref="S-FJORD-SLAG")
    _check_pass_after(
        lambda: [check_save_stream({**_row(slag), "quantity": "1234"}, acting_user=None)[0]]
    )


def test_a_recompute_after_moving_an_organisation_values_its_streams_pairs(settled_world):
    org = Stream.objects.get(ref="S-FJORD-SLAG").organisation

    def move():
        do_save_organisation({"ref": org.ref, "lat": 60.5, "lon": 7.5}, acting_user=None)
        return list(org.streams.all())

    _check_pass_after(move)


def test_a_recompute_task_queues_a_pass_that_prunes_instead_of_a_full_one(settled_world):
    DBTaskResult.objects.all().delete()
    recompute_candidates.enqueue()
    drain()  # the recompute; the valuing pass waits a moment for more work
    assert not failed(), failed()
    waiting = DBTaskResult.objects.get(task_path=value_candidates.module_path)
    assert waiting.status == "READY"
    assert waiting.args_kwargs["kwargs"] == {"full": False, "prune": True}
