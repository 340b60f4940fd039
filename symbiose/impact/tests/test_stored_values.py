"""Pair values stored by task workers: equal to the request's own, never leaking, never stale.

A stored value is used only for a viewer whose hidden fields give the view it was computed
for, and only while its stamp is current. These tests check, for every role of the shared
world, that what a page gets equals what it would compute itself; that a value planted under
another view never reaches a viewer; that a changed hidden value changes nothing an outsider
sees; and that a change is never served from a stale value.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_tasks_db.models import DBTaskResult

from symbiose.impact.adapter import try_assess_pair
from symbiose.impact.models import PairValue
from symbiose.impact.stored import Headline, PageValues, value_view
from symbiose.impact.tasks import value_candidates
from symbiose.impact.valuing import value_stale
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.models import Candidate
from symbiose.registry import access
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream
from tests.workers import drain, failed
from tests.world import PASSWORD, ROLES, SECRET

OWN_PAGE = "/streams/S-FJORD-SLAG/matches/"
NEED = {"ref": "S-OUT-AGG", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Aggregate for road base", "quantity": "900",
        "unit": "t", "visibility": "public"}  # fmt: skip


@pytest.fixture
def valued_world(world):
    check_save_stream(NEED, acting_user=None)
    do_recompute_all()
    stored, _looked, finished, _rest = value_stale()
    assert finished and stored > 0
    return world


def user(role: str):
    if role == "anonymous":
        return None
    return get_user_model().objects.get(username=f"{role}@example.no")


def client_for(role: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=f"{role}@example.no", password=PASSWORD)
    return client


def visible_pairs(viewer) -> list[tuple[Stream, Stream]]:
    seen = {s.pk: s for s in access.visible_streams(viewer)}
    return [(seen[c.offer_id], seen[c.need_id]) for c in Candidate.objects.all()
            if c.offer_id in seen and c.need_id in seen]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_a_page_gets_exactly_the_value_it_would_compute_for_every_role(valued_world, role):
    viewer = access.viewer_for(user(role))
    pairs = visible_pairs(viewer)
    values = PageValues(viewer).load(pairs)
    for offer, need in pairs:
        expected = Headline.of(try_assess_pair(offer, need, viewer=viewer))
        assert values.get(offer, need) == expected, (role, offer.ref, need.ref)
    assert values.computed <= len(pairs)


def test_the_owner_and_the_facilitator_read_stored_values(valued_world):
    for role in ("owner", "facilitator", "admin"):
        viewer = access.viewer_for(user(role))
        pairs = [(o, n) for o, n in visible_pairs(viewer) if "S-FJORD" in o.ref + n.ref]
        values = PageValues(viewer).load(pairs)
        for offer, need in pairs:
            values.get(offer, need)
        assert pairs and values.computed == 0, role


def plant(view: str, central: float) -> None:
    """Overwrite the stored value of the slag pair for ``view`` with a recognisable one."""
    row = PairValue.objects.get(offer__ref="S-FJORD-SLAG", need__ref="S-OUT-AGG", view=view)
    data = dict(row.data)
    data["net"] = [central, central, central, data["net"][3]]
    data["worth_it"] = True
    PairValue.objects.filter(pk=row.pk).update(data=data)


def test_a_value_stored_for_one_view_never_reaches_a_viewer_with_another(valued_world):
    slag = Stream.objects.get(ref="S-FJORD-SLAG")
    need = Stream.objects.get(ref="S-OUT-AGG")
    analysed = slag.composition_rows.exists()
    owners_view = value_view((), need.sensitive_fields, analysed=analysed)
    plant(owners_view, 987_654_321.0)  # the owner's view: everything of the slag visible
    assert "990,000,000" in client_for("owner").get(OWN_PAGE).content.decode()
    html = client_for("outsider").get("/streams/S-OUT-AGG/matches/").content.decode()
    assert "Manganese slag" in html and "990,000,000" not in html
    assert value_view(slag.sensitive_fields, (), analysed=analysed) != owners_view


def test_a_changed_hidden_value_changes_nothing_an_outsider_sees(valued_world):
    page = "/streams/S-OUT-AGG/matches/"
    before = client_for("outsider").get(page).content.decode()
    owner_before = client_for("owner").get(OWN_PAGE).content.decode()
    slag = Stream.objects.get(ref="S-FJORD-SLAG")
    check_save_stream({**_row(slag), "quantity": "99000", "price_nok_per_unit": "-900"},
                      acting_user=None)  # fmt: skip
    value_stale()
    after = client_for("outsider").get(page).content.decode()
    assert _cards(after) == _cards(before)
    assert all(v not in after for v in SECRET.values())
    assert _cards(client_for("owner").get(OWN_PAGE).content.decode()) != _cards(owner_before)


def test_a_stale_stored_value_is_never_shown(valued_world):
    owner = access.viewer_for(user("owner"))
    slag = Stream.objects.get(ref="S-FJORD-SLAG")
    need = Stream.objects.get(ref="S-OUT-AGG")
    old = PageValues(owner).load([(slag, need)]).get(slag, need)
    check_save_stream({**_row(slag), "quantity": "400"}, acting_user=None)  # under the need's
    slag.refresh_from_db()
    values = PageValues(owner).load([(slag, need)])
    fresh = values.get(slag, need)
    assert values.computed == 1  # not the stored value: its stamp is old
    assert fresh == Headline.of(try_assess_pair(slag, need, viewer=owner)) and fresh != old


def test_a_refresh_queues_a_valuing_pass_and_the_pass_stores_the_new_pairs(
    valued_world, django_capture_on_commit_callbacks
):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        check_save_stream({**NEED, "ref": "S-OUT-AGG2", "title": "Slag for road base"},
                          acting_user=None)  # fmt: skip
    drain()  # the refresh; the valuing pass waits a moment for more refreshes
    assert not failed(), failed()
    waiting = DBTaskResult.objects.filter(task_path=value_candidates.module_path)
    assert waiting.count() == 1 and waiting.get().status == "READY"
    new = Candidate.objects.filter(need__ref="S-OUT-AGG2")
    assert new.exists()
    assert not PairValue.objects.filter(need__ref="S-OUT-AGG2").exists()
    stored, _looked, finished, _rest = value_stale()
    assert finished and PairValue.objects.filter(need__ref="S-OUT-AGG2").count() == stored > 0


def test_a_finished_pass_drops_values_of_pairs_that_are_no_longer_candidates(valued_world):
    count = PairValue.objects.count()
    Candidate.objects.filter(offer__ref="S-FJORD-SLAG").delete()
    value_stale(full=True)
    assert not PairValue.objects.filter(offer__ref="S-FJORD-SLAG").exists()
    assert PairValue.objects.count() < count


def _row(stream: Stream) -> dict[str, str]:
    from symbiose.registry.template import stream_row

    return stream_row(stream, stream.organisation.ref)


def _cards(html: str) -> list[str]:
    """The match cards' worth lines (what the valuation shows)."""
    return [part.split("</div>")[0] for part in html.split('class="worth"')[1:]]
