"""The dashboard lists a large hub's members a page at a time, in both languages."""

from __future__ import annotations

from django.utils import translation

from symbiose.facilitation.views import hubs


def _page(client, user, query="", lang="en"):
    client.force_login(user)
    with translation.override(lang):
        response = client.get(f"/hub/testpark/{query}", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_members_are_listed_a_page_at_a_time(client, crowded, monkeypatch):
    monkeypatch.setattr(hubs, "MEMBERS_PER_PAGE", 2)
    members = list(crowded.hub.members.order_by("name", "pk"))
    assert len(members) > 2
    first = _page(client, crowded.facilitator)
    assert f"Members 1–2 of {len(members)}" in first
    assert members[0].ref in first and members[1].ref in first
    assert f"<code>{members[2].ref}</code>" not in first
    assert "?members=2#members" in first and "Previous members" not in first
    second = _page(client, crowded.facilitator, "?members=2")
    assert f"<code>{members[2].ref}</code>" in second
    assert f"<code>{members[0].ref}</code>" not in second
    assert "Previous members" in second
    assert 'name="remove"' in second  # the facilitator still removes from any page
    from django.urls import reverse

    remove = reverse("facilitation:hub-members", args=["testpark"])
    assert second.count(f'action="{remove}"') >= len(second.split('name="remove"')) - 1 >= 1
    norsk = _page(client, crowded.facilitator, lang="nb")
    assert f"Medlem 1–2 av {len(members)}" in norsk and "Neste medlemmer" in norsk


def test_a_small_hub_lists_every_member_without_page_links(client, crowded):
    page = _page(client, crowded.facilitator)
    for org in crowded.hub.members.all():
        assert f"<code>{org.ref}</code>" in page
    assert "Next members" not in page


def test_board_filters_and_sorts_read_the_best_rows_by_fit_at_most(client, crowded, monkeypatch):
    from symbiose.facilitation import access, ranking
    from symbiose.facilitation import board as board_module

    user, hub = crowded.facilitator, crowded.hub
    everything = board_module.board(user, hub, board_module.Filters(sort="distance"))
    assert not everything["limited"]
    assert everything["total"] == access.hub_candidate_rows(user, hub).count() > 2
    monkeypatch.setattr(board_module, "RANKED", 2)
    best = [c.pk for c, _f in ranking.top_rows(user, access.hub_candidate_rows(user, hub), 2)]
    limited = board_module.board(user, hub, board_module.Filters(sort="distance"))
    assert limited["limited"] == 2
    assert sorted(i["cand"].pk for i in limited["page"].object_list) == sorted(best)
    client.force_login(user)
    with translation.override("en"):
        page = client.get(f"/hub/{hub.slug}/matches/?sort=distance", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "look at the best 2 matches by fit" in page.content.decode()
