"""The fictional demo resources, and deposits matched as one-off supply."""

from __future__ import annotations

import pytest

from symbiose.matching.actions import do_refresh_stream
from symbiose.matching.models import Candidate
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Organisation, Stream
from symbiose.resources.demo import load
from symbiose.resources.models import Competence, CompositionRow


@pytest.mark.django_db
def test_demo_has_cluster_streams_with_composition_two_deposits_and_an_institute():
    load()
    load()  # safe to run again
    orgs = Organisation.objects.filter(ref__startswith="ORG-DEMO-")
    assert orgs.count() == 4 and all("fiktiv" in o.name for o in orgs)
    assert Stream.objects.deposits().filter(ref__startswith="D-DEMO-").count() == 2
    assert {s.deposit.setting for s in Stream.objects.deposits()} == {"onshore", "offshore"}
    rows = CompositionRow.objects.filter(stream__ref__startswith="S-DEMO-")
    assert rows.count() >= 8 and all(r.method == "estimate" for r in CompositionRow.objects.all())
    assert all(s.deposit.tonnes_estimated for s in Stream.objects.deposits())
    assert Stream.objects.exclude(crm=[]).filter(ref__contains="DEMO").count() >= 4
    institute = Organisation.objects.get(ref="ORG-DEMO-APF")
    assert institute.kind == "research_institute"
    assert Competence.objects.filter(organisation=institute).count() == 3
    # both kinds of analysis: one hidden, one shown
    assert "analysis" in Stream.objects.get(ref="S-DEMO-SKARVIK-DUST").sensitive_fields
    assert "analysis" not in Stream.objects.get(ref="S-DEMO-SKARVIK-SLAG").sensitive_fields


@pytest.mark.django_db
def test_a_deposit_is_matched_as_a_one_off_supply():
    load()
    need, _ = check_save_stream(
        {"ref": "N-SLAG", "organisation_ref": "ORG-DEMO-BJORNVIK", "direction": "need",
         "category": "material", "title": "Silikomanganslagg til fyllmasse",
         "ewc_code": "10 02 02", "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    do_refresh_stream(need.pk)
    heap = Stream.objects.get(ref="D-DEMO-SKARVIK-HEAP")
    assert (heap.period, heap.annual_quantity) == ("once", 400000.0)
    assert Candidate.objects.filter(offer=heap, need=need).exists()
