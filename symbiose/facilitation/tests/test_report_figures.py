"""The mapping report a facilitator hands to funders gives the hub's value figures as the
dashboard does: two significant figures with the low–high range ("210 000 000 (-560 000 000
til 970 000 000)"), never a false precision such as "210 301 582 (-561 178 125–965 818 909)"
(issue 16)."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from symbiose.facilitation.reports import mapping_data
from symbiose.matching.actions import do_recompute_all

#: The two figure cells of a row of the yearly value table: CO2e, then money.
CELLS = re.compile(r"<th>([^<]+)</th>\s*<td>([^<]+) <small>\(([^<]+)\)</small></td>\s*"
                   r"<td>([^<]+) <small>\(([^<]+)\)</small></td>")  # fmt: skip


def figures(html: str) -> dict[str, tuple[str, ...]]:
    return {m.group(1): tuple(g.strip() for g in m.groups()[1:]) for m in CELLS.finditer(html)}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_report_and_the_dashboard_give_the_same_rounded_figures(client, hubworld, lang):
    do_recompute_all()
    client.force_login(hubworld.facilitator)
    client.cookies["django_language"] = lang
    board = client.get(reverse("facilitation:hub", args=["testpark"])).content.decode()
    with translation.override(lang):
        report = render_to_string("facilitation/report_mapping.html",
                                  mapping_data(hubworld.facilitator, hubworld.hub))  # fmt: skip
    shown, printed = figures(board.split('id="impact"', 1)[1]), figures(report)
    assert shown, "the dashboard values the hub's pairs"
    for label, cells in shown.items():
        assert printed.get(label) == cells, (label, printed.get(label), cells)
    for cells in printed.values():
        for text in cells:
            for number in re.findall(r"\d[\d\s,.\u00a0]*", text):
                digits = re.sub(r"\D", "", number.split(",")[0] if lang == "nb" else number)
                assert len(digits.strip("0")) <= 2, cells
