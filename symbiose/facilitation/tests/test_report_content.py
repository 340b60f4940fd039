"""What the mapping report covers: the hub members' own pairs, and what they are worth."""

from __future__ import annotations

import pytest

from symbiose.facilitation.reports import mapping_data
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_stream

pytestmark = pytest.mark.django_db


def test_the_mapping_report_lists_only_pairs_between_members_and_values_them(hubworld):
    check_save_stream(
        {"ref": "S-OUT-SLAG", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Outsider wants slag", "quantity": "50", "unit": "t",
         "period": "year", "visibility": "public", "ewc_code": "10 02 02"},
        acting_user=None,
    )  # fmt: skip
    do_recompute_all()
    data = mapping_data(hubworld.facilitator, hubworld.hub)
    members = {"ORG-FJORD", "ORG-VARME"}
    assert data["matches"], "the hub world has pairs between its members"
    for m in data["matches"]:
        assert {m.offer["organisation_ref"], m.need["organisation_ref"]} <= members
    assert all(m.need["title"] != "Outsider wants slag" for m in data["matches"])
    assert len(data["impact"]) == 3  # candidates, under way, implemented: never summed
    assert all("net_nok_per_yr" in t and "co2e_t_per_yr" in t for t in data["impact"].values())
