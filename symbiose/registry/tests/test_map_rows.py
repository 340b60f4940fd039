"""``access.map_rows`` shows every viewer exactly what ``access.redacted`` shows, in its keys.

The map layer and the hub dashboard's map read streams as plain values for speed
(docs/benchmarks.md, issue 13); these tests hold them to the one redaction rule.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from symbiose.registry import access
from symbiose.registry.actions import check_save_organisation, check_save_stream, do_disclose
from tests.world import ROLES

ALL_ROLES = (*ROLES, "hidden_owner")


def _more_cases(w) -> None:
    """A stream placed by its organisation only, one with no place at all, one whose identity
    and location hide a municipality, and disclosures to the outsider."""
    check_save_stream(
        {"ref": "S-FJORD-ORGPLACE", "organisation_ref": "ORG-FJORD", "direction": "need",
         "category": "material", "title": "Lime", "visibility": "public",
         "sensitive_fields": "quantity", "quantity": "12", "unit": "t", "period": "year"},
        acting_user=None,
    )  # fmt: skip
    check_save_organisation(
        {"ref": "ORG-NOWHERE", "name": "Nowhere AS", "municipality": "Odda"}, acting_user=None
    )
    check_save_stream(
        {"ref": "S-NOWHERE", "organisation_ref": "ORG-NOWHERE", "direction": "offer",
         "category": "water", "title": "Process water", "visibility": "public",
         "sensitive_fields": "identity;location"},
        acting_user=None,
    )  # fmt: skip
    do_disclose(w.secret_stream, w.outsider_org, ["location", "quantity"], acting_user=w.owner)
    do_disclose(w.hidden_offer, w.outsider_org, ["identity"], acting_user=w.hidden_owner)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_map_rows_show_what_redacted_shows(hidden_world, role):
    w = hidden_world
    _more_cases(w)
    viewer = access.viewer_for(w.role(role))
    streams = access.visible_streams(viewer).order_by("ref")
    expected = [{k: access.redacted(viewer, s)[k] for k in access.MAP_KEYS} for s in streams]
    assert expected, "every role sees some public stream"
    assert access.map_rows(viewer, streams) == expected


def test_map_rows_hide_identity_and_location_from_outsiders(hidden_world):
    w = hidden_world
    _more_cases(w)
    with translation.override("en"):
        rows = access.map_rows(access.viewer_for(w.anonymous), access.visible_streams(w.anonymous))
    rows = {r["ref"]: r for r in rows}
    nowhere = rows["S-NOWHERE"]
    assert (nowhere["organisation_name"], nowhere["organisation_ref"]) == ("an organisation", None)
    assert nowhere["municipality"] is None and nowhere["lat"] is None
    assert rows["S-FJORD-SLAG"]["lat"] is None  # its location is marked sensitive
    assert rows["S-FJORD-ORGPLACE"]["annual_quantity"] is None
    assert rows["S-FJORD-ORGPLACE"]["lat"] == pytest.approx(58.1467)  # the organisation's place


def test_map_rows_read_streams_in_one_query_whatever_their_number(hidden_world):
    w = hidden_world
    viewer = access.viewer_for(w.outsider)
    access.map_rows(viewer, access.visible_streams(viewer))  # the viewer's own sets, once
    with CaptureQueriesContext(connection) as few:
        access.map_rows(viewer, access.visible_streams(viewer))
    _more_cases(w)
    viewer = access.viewer_for(w.outsider)
    access.map_rows(viewer, access.visible_streams(viewer))
    with CaptureQueriesContext(connection) as more:
        n = len(access.map_rows(viewer, access.visible_streams(viewer)))
    assert n > 2
    assert len(few.captured_queries) == len(more.captured_queries) == 1


@pytest.mark.parametrize("ref", ["ORG-FJORD", "o 1", "æøå-Å", "a%b", "a?b#c", "x&y=z", "~:@!$"])
def test_reverser_gives_what_reverse_gives(ref):
    from django.urls import reverse

    from symbiose.registry.mapdata import reverser

    assert reverser("web:org_detail")(ref) == reverse("web:org_detail", args=[ref])


def test_reverser_refuses_what_reverse_refuses():
    from django.urls import NoReverseMatch

    from symbiose.registry.mapdata import reverser

    for ref in ("", "a/b"):
        with pytest.raises(NoReverseMatch, match="org_detail"):
            reverser("web:org_detail")(ref)
