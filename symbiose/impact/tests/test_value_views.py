"""One stored view for pairs whose streams hide only an analysis nobody made.

Every stream marks its analysis (composition rows) sensitive. No value reads the need's
analysis, and the offer's only when it has rows, so :func:`~symbiose.impact.stored.value_view`
leaves such marks out of the key: a worker stores one view of such a pair instead of three,
and an outsider reads it. An offer with rows keeps its own views, and an outsider, who may not
see them, never reads the insiders' value.
"""

from __future__ import annotations

from symbiose.impact.adapter import try_assess_pair
from symbiose.impact.models import PairValue
from symbiose.impact.stored import Headline, PageValues
from symbiose.impact.valuing import value_stale
from symbiose.matching.actions import do_recompute_all
from symbiose.registry import access
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream
from symbiose.resources.actions import check_set_composition

NEED = {"ref": "S-OUT-GA", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Filter dust with gallium for recovery",
        "quantity": "500", "unit": "t", "visibility": "public"}  # fmt: skip
DUST = {"ref": "S-FJORD-GADUST", "organisation_ref": "ORG-FJORD", "direction": "offer",
        "category": "material", "title": "Filter dust with gallium", "quantity": "2000",
        "unit": "t", "visibility": "public"}  # fmt: skip
ROWS = [{"substance": "gallium", "content": "137,5", "unit": "g/t"}]


def _valued(world, *, rows: bool):
    dust, _ = check_save_stream(DUST, acting_user=None)
    check_save_stream(NEED, acting_user=None)
    if rows:
        check_set_composition(dust, ROWS, acting_user=world.owner)
    do_recompute_all()
    assert value_stale().finished
    return Stream.objects.get(ref="S-FJORD-GADUST"), Stream.objects.get(ref="S-OUT-GA")


def _page(user, offer, need) -> tuple[Headline | None, int]:
    viewer = access.viewer_for(user)
    values = PageValues(viewer).load([(offer, need)])
    return values.get(offer, need), values.computed


def test_a_pair_hiding_only_an_absent_analysis_is_stored_once_and_read_by_outsiders(world):
    dust, need = _valued(world, rows=False)
    assert dust.sensitive_fields == ["analysis"] and need.sensitive_fields == ["analysis"]
    views = set(PairValue.objects.filter(offer=dust, need=need).values_list("view", flat=True))
    assert views == {"o:|n:"}
    for user in (world.outsider, world.owner, world.admin, None):
        got, computed = _page(user, dust, need)
        assert computed == 0  # read from the stored value
        assert got == Headline.of(try_assess_pair(dust, need, viewer=access.viewer_for(user)))


def test_an_offer_with_an_analysis_keeps_the_outsiders_view_apart(world):
    dust, need = _valued(world, rows=True)
    views = set(PairValue.objects.filter(offer=dust, need=need).values_list("view", flat=True))
    assert views == {"o:|n:", "o:analysis|n:"}
    inside, _ = _page(world.owner, dust, need)
    outside, computed = _page(world.outsider, dust, need)
    assert computed == 0
    assert outside == Headline.of(try_assess_pair(dust, need, viewer=world.outsider))
    assert inside == Headline.of(try_assess_pair(dust, need, viewer=world.owner))
