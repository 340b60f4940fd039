"""The note on what is assumed today ends its sentence before the link that follows it: a
bakery read "… mot et mottaksgebyr Fortell oss hva som faktisk skjer med den" as one
sentence on its matches page, and the value page ran on the same way."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from symbiose.impact.calc.material_map import load_material_map
from tests.world import save_public_pair

COMMON = {"category": "material", "unit": "t", "period": "year", "visibility": "public",
          "quantity": "500", "ewc_code": "10 01 05"}  # fmt: skip


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_assumed_practice_is_a_sentence_of_its_own_on_both_pages(client, world, lang):
    save_public_pair(("S-FJORD-GYPSUM", "Gypsum from flue gas"),
                     ("S-OUT-GYPSUM", "Gypsum for plasterboard"), **COMMON)  # fmt: skip
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    notes = {escape(row.note_in(lang)) for row in load_material_map().values()}
    for url in ("/streams/S-FJORD-GYPSUM/matches/", "/impact/S-FJORD-GYPSUM/S-OUT-GYPSUM/"):
        page = client.get(url).content.decode()
        shown = [note for note in notes if f"<small>{note}" in page]
        assert shown, url  # the page says what it assumes today
        assert all(f"<small>{note}.</small>" in page for note in shown), url


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_deposits_note_that_ends_its_own_sentence_gets_no_second_full_stop(client, world, lang):
    from symbiose.registry.models import Organisation
    from symbiose.resources.actions import do_save_deposit

    do_save_deposit(Organisation.objects.get(ref="ORG-FJORD"),
                    {"category": "material", "title": "Old slag heap", "ewc_code": "100202",
                     "quantity": "2000", "visibility": "public", "sensitive_fields": "",
                     "ref": "D-FJORD-HEAP"},
                    {"setting": "onshore", "source": "survey (estimate)"},
                    acting_user=None)  # fmt: skip
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    page = client.get("/streams/D-FJORD-HEAP/matches/").content.decode()
    assert "<small>" in page and "</small>" in page  # the page says what it assumes today
    note = page.split('<p class="help">', 1)[1].split("</small>", 1)[0]
    assert note.endswith(".") and not note.endswith(".."), note
