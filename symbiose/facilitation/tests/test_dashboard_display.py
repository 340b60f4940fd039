"""The hub dashboard draws in Norwegian too: SVG and map attributes carry plain numbers,
one script draws one map, and the basemap folder is named once."""

from __future__ import annotations

import re

import pytest

from symbiose.facilitation.actions import do_save_hub
from symbiose.facilitation.tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb_dashboard(client, hubworld):
    do_save_hub({"slug": "testpark", "name": "Testpark", "center_lat": 58.25,
                 "center_lon": 7.95, "radius_km": 12.5}, acting_user=None)  # fmt: skip
    login(client, hubworld.facilitator)
    client.cookies["django_language"] = "nb"
    html = client.get("/hub/testpark/").content.decode()
    assert 'lang="nb"' in html
    return html


def test_sankey_coordinates_use_a_decimal_point_in_norwegian(nb_dashboard):
    start = nb_dashboard.index('<svg class="sankey"')
    svg = nb_dashboard[start : nb_dashboard.index("</svg>", start)]
    numbers = re.findall(r' (?:x|y|height|stroke-width)="([^"]*)"', svg)
    assert numbers, "the hub world should draw at least one Sankey node"
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers


def test_hub_map_attributes_are_plain_numbers_and_drawn_by_one_script(nb_dashboard):
    assert 'data-circle-lat="58.25"' in nb_dashboard
    assert 'data-circle-km="12.5"' in nb_dashboard
    assert "norway.geojsonnorway" not in nb_dashboard
    assert "hub-map.js" not in nb_dashboard
    assert nb_dashboard.count("data-point-map") == 1


def test_hub_map_points_link_to_the_match_board_with_norwegian_labels(nb_dashboard):
    import json

    start = nb_dashboard.index('<script id="hub-points" type="application/json">')
    raw = nb_dashboard[start:].split(">", 1)[1].split("</script>", 1)[0]
    points = json.loads(raw)
    assert points
    assert all(p["url"].startswith("/hub/testpark/matches/?stream=") for p in points)
    assert {p["category_label"] for p in points} <= {"materiale", "varme", "kulde", "vann",
                                                      "gass", "tjeneste"}  # fmt: skip


def test_the_count_of_feasible_matches_agrees_in_number_in_norwegian(nb_dashboard):
    counted = re.search(r"\((\d+) (gjennomførbar\w*)\)", nb_dashboard)
    assert counted, "the dashboard counts the feasible matches"
    assert counted.group(2) == "gjennomførbare"


def test_the_best_matches_say_their_fit_in_percent(nb_dashboard):
    best = nb_dashboard[nb_dashboard.index("<ol>") :]
    best = best[: best.index("</ol>")]
    assert re.search(r"· \d+\xa0% treff", best), best[:300]


def test_a_map_point_link_keeps_a_long_reference_whole(client, hubworld):
    """A reference may be up to 80 characters of letters, digits, ``-``, ``_`` and ``.``
    (imports keep the owner's own references): the map's link must open that stream's
    pairs, not a board filtered by a reference cut off at 40 characters."""
    import json

    from symbiose.matching.actions import do_recompute_all
    from symbiose.registry.actions import check_save_stream

    ref = "VARME-co_2.del-1-av-en-lang-referanse-over-forti-tegn-og-mer"
    check_save_stream(
        {"ref": ref, "organisation_ref": "ORG-VARME", "direction": "need",
         "category": "material", "title": "Slagg til veibygging", "ewc_code": "10 02 02",
         "quantity": "5", "unit": "t", "period": "year", "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    do_recompute_all()
    do_save_hub({"slug": "testpark", "name": "Testpark", "center_lat": 58.25,
                 "center_lon": 7.95, "radius_km": 12.5}, acting_user=None)  # fmt: skip
    login(client, hubworld.facilitator)
    html = client.get("/hub/testpark/").content.decode()
    start = html.index('<script id="hub-points" type="application/json">')
    points = json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])
    urls = [p["url"] for p in points if "referanse" in p["url"]]
    assert len(urls) == 1, [p["url"] for p in points]
    board = client.get(urls[0])
    assert board.status_code == 200
    assert board.context["filters"].stream == ref
