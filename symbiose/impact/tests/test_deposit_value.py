"""A deposit (an old slag heap, tailings, a landfill) lies where it is: moving it avoids no
gate fee and no landfill, so it is valued against "stored, with no use", unlike a lot that
its owner would otherwise send to landfill."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from symbiose.impact.adapter import assess_pair, is_deposit
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Organisation, Stream
from symbiose.resources.actions import do_save_deposit

pytestmark = pytest.mark.django_db
LOT = {"category": "material", "title": "Old slag heap", "ewc_code": "10 02 02",
       "quantity": "2000", "visibility": "public", "sensitive_fields": ""}  # fmt: skip


@pytest.fixture
def pair(world):
    do_save_deposit(Organisation.objects.get(ref="ORG-FJORD"),
                    {**LOT, "ref": "D-FJORD-HEAP", "ewc_code": "100202"},
                    {"setting": "onshore", "source": "survey (estimate)"},
                    acting_user=None)  # fmt: skip
    check_save_stream({**LOT, "ref": "S-FJORD-BATCH", "organisation_ref": "ORG-FJORD",
                       "direction": "offer", "unit": "t", "period": "once"},
                      acting_user=None)  # fmt: skip
    check_save_stream({"ref": "S-OUT-FILL", "organisation_ref": world.outsider_org.ref,
                       "direction": "need", "category": "material", "ewc_code": "10 02 02",
                       "title": "Slag for fill", "quantity": "5000", "unit": "t",
                       "visibility": "public"}, acting_user=None)  # fmt: skip
    need = Stream.objects.get(ref="S-OUT-FILL")
    heap, batch = (Stream.objects.get(ref=r) for r in ("D-FJORD-HEAP", "S-FJORD-BATCH"))
    return assess_pair(heap, need).result, assess_pair(batch, need).result


def test_a_deposit_avoids_no_gate_fee_and_keeps_nothing_from_landfill(pair):
    heap, batch = pair
    assert heap.one_off and batch.one_off
    assert (heap.counterfactual["route"], batch.counterfactual["route"]) == ("unused", "landfill")
    fees = [x for x in batch.lines if x.label_template.startswith("cost today avoided")]
    assert fees and fees[0].value > 0
    assert not [x for x in heap.lines if x.label_template.startswith("cost today avoided")]
    assert not heap.resources.get("kept_from_landfill_t")
    assert batch.resources.get("kept_from_landfill_t") == pytest.approx(2000)
    # the gate fee is the whole difference: the receiver's side and the haul are the same
    gap = batch.annual_net_benefit_nok.central - heap.annual_net_benefit_nok.central
    assert gap == pytest.approx(fees[0].value)


def test_a_flow_never_asks_whether_it_is_a_deposit(world):
    flow = Stream.objects.get(ref="S-FJORD-SLAG")
    with CaptureQueriesContext(connection) as queries:
        assert is_deposit(flow) is False
    assert len(queries) == 0


@pytest.mark.parametrize(("lang", "route", "why"), [
    ("nb", "lagret uten bruk", "Et deponi blir liggende"),
    ("en", "stored, with no use", "A deposit lies where it is"),
])  # fmt: skip
def test_the_owner_is_shown_the_practice_the_value_assumes(pair, lang, route, why):
    from django.utils import translation

    from symbiose.impact.adapter import default_practice

    heap = Stream.objects.get(ref="D-FJORD-HEAP")
    with translation.override(lang):
        shown = default_practice(heap)
    assert shown["route"] == route and shown["reasoning"].startswith(why)
    batch = Stream.objects.get(ref="S-FJORD-BATCH")
    with translation.override(lang):
        assert default_practice(batch)["route"] != route


def test_a_deposit_of_unknown_material_says_nothing_is_counted_not_avoided_disposal(world):
    """With no substitution factor, a lot sent to landfill counts only the disposal it avoids,
    and its note says so; a deposit avoids none, so its note must not claim that it does."""
    own = world.self_registered_org  # no sector: the material stays of unknown class
    do_save_deposit(own, {**LOT, "ref": "D-NY-OLD", "title": "Old heap", "ewc_code": ""},
                    {"setting": "onshore", "source": "survey (estimate)"},
                    acting_user=None)  # fmt: skip
    check_save_stream({**LOT, "ref": "S-NY-OLD", "title": "Old heap", "ewc_code": "",
                       "organisation_ref": own.ref, "direction": "offer", "unit": "t",
                       "period": "once"}, acting_user=None)  # fmt: skip
    check_save_stream({"ref": "S-OUT-MASS", "organisation_ref": world.outsider_org.ref,
                       "direction": "need", "category": "material", "title": "Masses",
                       "quantity": "5000", "unit": "t", "visibility": "public"},
                      acting_user=None)  # fmt: skip
    need = Stream.objects.get(ref="S-OUT-MASS")
    notes = {}
    for ref in ("D-NY-OLD", "S-NY-OLD"):
        result = assess_pair(Stream.objects.get(ref=ref), need).result
        notes[ref] = [n.template for n in result.notes if n.code == "no_virgin_factor"]
    assert notes["S-NY-OLD"] == [
        "no substitution factor for {material}: only the avoided disposal is counted"
    ]
    assert len(notes["D-NY-OLD"]) == 1 and "no disposal is avoided" in notes["D-NY-OLD"][0]
