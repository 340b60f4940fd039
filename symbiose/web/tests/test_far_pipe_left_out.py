"""A heat pair far apart is left out of the proposals with the pipe's cost; a near one stays."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("lang", "words"), [("nb", "rørledning på"), ("en", "a pipe of")])
def test_far_heat_pair_is_left_out_because_of_the_pipe(client, world, lang, words):
    from symbiose.matching.actions import do_recompute_all
    from symbiose.registry.actions import check_save_stream

    # the world's S-FJORD-HEAT offers 40 GWh/yr at 85 °C in Kristiansand
    common = {"category": "heat", "unit": "MWh", "period": "year", "visibility": "public",
              "quantity": "20000", "organisation_ref": "ORG-OUT", "direction": "need"}  # fmt: skip
    check_save_stream({**common, "ref": "S-OUT-NEAR", "title": "Heat for the swimming hall",
                       "lat": "58.1510", "lon": "8.0150"}, acting_user=None)  # fmt: skip
    check_save_stream({**common, "ref": "S-OUT-FAR", "title": "Heat for the fish farm",
                       "lat": "58.4615", "lon": "8.7725"}, acting_user=None)  # fmt: skip
    do_recompute_all()
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    page = client.get("/streams/S-FJORD-HEAT/matches/").content.decode()
    proposals, sep, left_out = page.partition('class="card not-worth"')
    assert sep, "the far pair must be listed apart, not among the proposals"
    assert "Heat for the swimming hall" in proposals
    assert "Heat for the swimming hall" not in left_out
    assert "Heat for the fish farm" in left_out and words in left_out
