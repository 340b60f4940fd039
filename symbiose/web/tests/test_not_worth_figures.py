"""A pair left out as not worth it says why with the same words and figures on the matches
page as on its value page: two significant figures ("om lag 100 000 kr/år"), never a
false precision such as "om lag 132 346 600 kr/år" (issue 16)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from symbiose.matching.actions import do_recompute_all
from tests.world import save_public_pair

COMMON = {"category": "material", "unit": "t", "period": "year", "visibility": "public",
          "ewc_code": "03 01 01"}  # fmt: skip


def significant_digits(number: str) -> int:
    """Significant figures of a number as a page writes it ("1 307 700" → 5)."""
    digits = re.sub(r"\D", "", number).strip("0")
    return len(digits)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_left_out_pair_reads_the_same_rounded_verdict_on_both_pages(client, world, lang):
    save_public_pair(("S-FJORD-BARK", "Bark from the sawmill"),
                     ("S-OUT-BARK", "Bark for the boiler"), quantity="2345", **COMMON)  # fmt: skip
    do_recompute_all()
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    listed = unescape(client.get("/streams/S-FJORD-BARK/matches/").content.decode())
    found = re.search(r"<li>Bark for the boiler \(Outsider AS\): (.*?) <a ", listed)
    assert found, "the pair is listed apart as not worth it"
    verdict = found.group(1)
    page = unescape(client.get("/impact/S-FJORD-BARK/S-OUT-BARK/").content.decode())
    assert verdict in page  # the value page gives the same reason, word for word
    numbers = re.findall(r"\d[\d\s,.\u00a0\u202f]*\d|\d", verdict)
    amounts = [n for n in numbers if len(re.sub(r"\D", "", n)) >= 3]
    assert amounts, verdict  # the verdict names what it costs
    assert all(significant_digits(n) <= 2 for n in amounts), verdict
