"""The matches page says why pairs are left out as not worth it, in the page's language."""

from __future__ import annotations

import pytest

from symbiose.impact.adapter import factor_set
from symbiose.impact.display import money, not_worth_explanation
from tests.world import save_public_pair


@pytest.mark.parametrize(("lang", "word"), [("nb", "Avstand"), ("en", "Distance")])
def test_left_out_pairs_come_with_the_reasons_and_todays_factors(client, world, lang, word):
    from django.utils import translation

    from symbiose.matching.actions import do_recompute_all

    save_public_pair(("S-FJORD-BARK", "Bark from the sawmill"),
                     ("S-OUT-BARK", "Bark for the boiler"), category="material", unit="t",
                     quantity="2000", ewc_code="03 01 01")  # fmt: skip
    do_recompute_all()
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    page = client.get("/streams/S-FJORD-BARK/matches/").content.decode()
    with translation.override(lang):
        why = not_worth_explanation(factor_set())
        truck = money(factor_set().get("transport.cost.truck").value)
    assert "Bark for the boiler" in page  # listed apart, with its own verdict
    assert why in page and word in why and truck in why
