"""The facilitator's match board: filters, sorting, pages, values and bulk opportunities."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from symbiose.facilitation.board import PER_PAGE, Filters, board, sort_mutual
from symbiose.facilitation.models import Opportunity
from symbiose.facilitation.tests.conftest import login
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_stream

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_hub(hubworld):
    """Testpark with enough candidates to need two pages."""
    for n in range(PER_PAGE + 5):
        check_save_stream(
            {"ref": f"S-VARME-NEED-{n}", "organisation_ref": "ORG-VARME", "direction": "need",
             "category": "material", "title": f"Slag for road lot {n}", "quantity": str(10 + n),
             "unit": "t", "period": "year", "visibility": "public", "ewc_code": "10 02 02"},
            acting_user=None,
        )  # fmt: skip
    do_recompute_all()
    return hubworld


def items(user, hub, **query):
    """Every item on every page of the board for ``query``."""
    f = Filters.from_query(query)
    pages = board(user, hub, f)["paginator"].page_range
    return [it for p in pages for it in board(user, hub, f, p)["page"].object_list]


def test_the_board_pages_its_candidates(busy_hub):
    data = board(busy_hub.facilitator, busy_hub.hub, Filters.from_query({}))
    assert data["total"] > PER_PAGE
    assert len(data["page"].object_list) == PER_PAGE
    assert data["paginator"].num_pages >= 2


def test_the_board_filters_by_category_material_and_feasibility(busy_hub):
    heat = items(busy_hub.facilitator, busy_hub.hub, category="heat")
    assert heat and all(it["match"].offer["category"] == "heat" for it in heat)
    lot = items(busy_hub.facilitator, busy_hub.hub, material="lot 7")
    assert [it["match"].need["ref"] for it in lot] == ["S-VARME-NEED-7"]
    feasible = items(busy_hub.facilitator, busy_hub.hub, feasibility="feasible")
    assert all(it["match"].feasible for it in feasible)


def test_the_board_sorts_by_value_and_distance(busy_hub):
    by_value = [it["value"] for it in items(busy_hub.facilitator, busy_hub.hub, sort="value")]
    known = [v for v in by_value if v is not None]
    assert known and known == sorted(known, reverse=True)
    assert by_value[: len(known)] == known  # unvalued pairs come last
    by_km = [it["match"].distance_km for it in items(busy_hub.facilitator, busy_hub.hub,
                                                       sort="distance")]  # fmt: skip
    known_km = [d for d in by_km if d is not None]
    assert known_km == sorted(known_km)


def test_the_board_sorts_pairs_that_stand_out_for_both_sides_first(busy_hub):
    by_fit = items(busy_hub.facilitator, busy_hub.hub)
    mutual = items(busy_hub.facilitator, busy_hub.hub, sort="mutual")
    pair = lambda it: (it["match"].offer["ref"], it["match"].need["ref"])  # noqa: E731
    assert sorted(map(pair, mutual)) == sorted(map(pair, by_fit))  # the same rows, reordered
    feasible = [it["match"].feasible for it in mutual]
    assert feasible == sorted(feasible, reverse=True)
    conf = [it["mutual"] for it in mutual if it["match"].feasible]
    assert conf and conf == sorted(conf, reverse=True)


def _item(offer: str, need: str, score: float, feasible: bool = True) -> dict:
    cand = SimpleNamespace(offer_id=offer, need_id=need, offer=SimpleNamespace(ref=offer),
                           need=SimpleNamespace(ref=need))  # fmt: skip
    return {"cand": cand, "fig": {"score": score, "feasible": feasible}}


def test_a_generic_need_keeps_only_its_best_offer_ahead_of_the_offers_own_users():
    # a composting need is every residue's best need by score; each residue also has its
    # own user, scored a little lower
    rows = [_item("husk", "compost", 0.60), _item("husk", "boiler", 0.55),
            _item("straw", "compost", 0.58), _item("straw", "bedding", 0.54),
            _item("peel", "compost", 0.59), _item("peel", "pectin", 0.55),
            _item("ash", "compost", 0.9, feasible=False)]  # fmt: skip
    sort_mutual(rows)
    order = [(r["cand"].offer_id, r["cand"].need_id) for r in rows]
    assert order[0] == ("husk", "compost")
    assert order.index(("straw", "compost")) == 5  # the generic need's third offer: last
    assert order[-1] == ("ash", "compost")  # an infeasible pair stays after every feasible


def test_min_value_and_max_km_filters_and_their_errors(busy_hub):
    rows = items(busy_hub.facilitator, busy_hub.hub, min_value="1", max_km="50")
    assert all(it["value"] >= 1 and it["match"].distance_km <= 50 for it in rows)
    f = Filters.from_query({"min_value": "lots", "max_km": "12,5"})
    assert f.max_km == 12.5 and f.min_value is None and len(f.errors) == 1
    assert "lots" in f.errors[0]


def test_bulk_create_makes_one_opportunity_per_ticked_match_and_hides_them_after(client, busy_hub):
    hub = busy_hub.hub
    first = items(busy_hub.facilitator, hub, opportunity="none")[:3]
    pairs = [f"{it['match'].offer['ref']}|{it['match'].need['ref']}" for it in first]
    login(client, busy_hub.facilitator)
    url = reverse("facilitation:opportunity-from-matches", args=[hub.slug])
    response = client.post(url, {"pair": pairs, "each": "1"})
    assert response.status_code == 302
    assert Opportunity.objects.filter(hub=hub).count() == 3
    left = {f"{it['match'].offer['ref']}|{it['match'].need['ref']}"
            for it in items(busy_hub.facilitator, hub, opportunity="none")}  # fmt: skip
    assert not left & set(pairs)
    assert len(items(busy_hub.facilitator, hub, opportunity="any")) == 3


def test_the_board_page_renders_in_norwegian_with_values(client, busy_hub):
    login(client, busy_hub.facilitator)
    client.cookies["django_language"] = "nb"
    page = client.get("/hub/testpark/matches/?sort=value&page=2").content.decode()
    assert "Koblingstavle" in page and "side 2 av" in page
    assert "kr/år" in page
    assert client.get("/hub/testpark/matches/?page=999").status_code == 200
    mutual = client.get("/hub/testpark/matches/?sort=mutual").content.decode()
    assert "Koblingstavle" in mutual
    assert '<option value="mutual" selected>best for begge parter</option>' in mutual


def test_a_system_facilitator_reads_the_board_but_cannot_create(client, busy_hub):
    login(client, busy_hub.system_facilitator)
    page = client.get("/hub/testpark/matches/").content.decode()
    assert 'name="pair"' not in page
    url = reverse("facilitation:opportunity-from-matches", args=["testpark"])
    assert client.post(url, {"pair": ["x|y"], "each": "1"}).status_code == 403


def test_the_pager_links_the_first_last_and_nearby_pages_only(client, busy_hub, monkeypatch):
    import re

    from symbiose.facilitation import board as board_module

    monkeypatch.setattr(board_module, "PER_PAGE", 1)  # one row a page: many pages
    total = board(busy_hub.facilitator, busy_hub.hub, Filters())["page"].paginator.num_pages
    assert total >= 9
    login(client, busy_hub.facilitator)
    page = client.get("/hub/testpark/matches/?page=5").content.decode()
    pager = page[page.index('<nav class="pager"') :]
    pager = pager[: pager.index("</nav>")]
    linked = [int(n) for n in re.findall(r"page=(\d+)\">\d+</a>", pager)]
    assert linked == [1, 3, 4, 6, 7, total]
    assert '<span aria-current="page">5</span>' in pager
