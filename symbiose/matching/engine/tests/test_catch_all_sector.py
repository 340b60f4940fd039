"""A catch-all NACE class ("n.e.c.") names no one product's side stream.

23.99 gathers makers as different as mineral wool, carbon electrodes and abrasives. When its
profile listed mineral wool waste as a typical side stream, an electrode-paste maker's
off-spec paste (named by its use, so read through the producer's profile) was offered as
mineral wool to road builders. A class's typical side streams must hold for most of its
members; the catch-all keeps only dust.
"""

from __future__ import annotations

from symbiose.matching.engine import MatchEngine
from symbiose.matching.engine.tests.conftest import make
from symbiose.taxonomy.knowledge import sector_profile


def test_an_electrode_paste_maker_is_not_read_as_leaving_mineral_wool():
    paste = make("paste", "offer", "Elektrodemasse for Søderberg-elektroder", nace="23.99")
    engine = MatchEngine([paste, make("road", "need", "Bærelag til kommunale veier")])
    assert "mineral_wool_waste" not in {c[0] for c in engine.features("paste").classes}


def test_the_catch_all_mineral_class_lists_only_broad_side_streams():
    assert sector_profile("23.99").outputs == ("dust",)
    assert "mineral_wool_waste" in sector_profile("23.14").outputs  # glass fibre makers
