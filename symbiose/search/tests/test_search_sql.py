"""The database's shortcuts give exactly the row-by-row answer (search at scale, issue 18).

``search_streams`` lets the database filter, order and cut on the stored search columns
(``search.StreamIndex``), and prefilters the streams it tests row by row; both must return
what the row-by-row test on redacted values returns, for every role.
"""

from __future__ import annotations

import datetime

import pytest

from symbiose.registry.actions import do_save_stream
from symbiose.registry.models import Stream
from symbiose.resources.actions import check_set_composition
from symbiose.search import access
from symbiose.search.filters import parse
from symbiose.search.tests.titles import save_titled_offers

ROLES = ("owner", "outsider", "self_registered", "other_facilitator", "facilitator", "admin")
SQL_QUERIES = [
    {}, {"category": "heat"}, {"direction": "offer", "category": "material"},
    {"sort": "fresh"}, {"fresh": "90"}, {"fresh": "365", "sort": "fresh"},
    {"sort": "quantity"}, {"category": "material", "sort": "quantity"},
    {"material": "slag"}, {"material": "metal"}, {"material": "slag_ferroalloy"},
    {"material": "dust"},
    {"ewc": "10"}, {"ewc": "1002"}, {"ewc": "100202"}, {"ewc": "11"},
    {"qmin": "1000"}, {"qmax": "9000"}, {"qmin": "5", "qmax": "50", "unit": "MWh/yr"},
    {"qmin": "9000", "qmax": "9200"}, {"qmin": "7000", "qmax": "7500", "sort": "quantity"},
    {"lat": "58.1", "lon": "7.9", "sort": "distance"}, {"lat": "58.1", "lon": "7.9"},
    {"near": "Sauda", "km": "12", "sort": "fresh"}, {"near": "Sauda", "km": "40"},
    {"material": "slag", "near": "Kristiansand", "km": "60", "sort": "distance"},
    {"q": "organisation i sauda"}, {"q": "en organisasjon"}, {"q": "nordvik"},
    {"q": "manganese", "sort": "quantity"}, {"q": "fjordmetall slag"},
]  # fmt: skip
RADIUS_QUERIES = [
    {"lat": 58.0 + 0.05 * i, "lon": 7.7 + 0.1 * j, "km": km, "sort": "distance"}
    for i in range(4) for j in range(4) for km in (2, 8, 15, 40)
] + [{"near": "Kristiansand", "km": "30"}, {"near": "Bergen", "km": "500"}]  # fmt: skip
PREFILTERED = RADIUS_QUERIES + [
    {"crm": "manganese"}, {"crm": "gallium"}, {"element": "Mn"}, {"element": "Ga"},
    {"crm": "niobium"}, {"element": "Nb"}, {"element": "O", "sort": "quantity"},
    {"crm": "gallium", "near": "Sauda", "km": "40"}, {"element": "Ga", "q": "slag"},
    {"county": "42"}, {"county": "46"}, {"municipality": "Kristiansand"},
    {"municipality": "Bergen", "crm": "manganese"},
    {"q": "slag"}, {"q": "confidential recipe"}, {"q": "fjordmetall"}, {"q": "organisasjon"},
    {"q": "sauda slag"},
    {"q": "kristiansand heat"}, {"q": "surplus"}, {"q": "mn 31"}, {"q": "zzz"},
]  # fmt: skip


def answer(user, params: dict) -> list[tuple]:
    filters, errors = parse({k: str(v) for k, v in params.items()})
    assert errors == []
    return [(h.row, h.distance_km, h.distance_coarse) for h in access.search_streams(user, filters)]


@pytest.fixture
def aged(hidden_world):
    """Dates spread so the freshness filters and sorts have something to decide; the slag's
    quantity edited today (a hidden edit: only insiders see its date move)."""
    world = hidden_world
    for n, ref in enumerate(["S-FJORD-SLAG", "S-FJORD-HEAT", "S-FJORD-DUST"]):
        old = datetime.date(2025, 1, 1) + datetime.timedelta(days=40 * n)
        Stream.objects.filter(ref=ref).update(confirmed_at=old, shared_confirmed_at=old)
    do_save_stream(world.org, {"ref": "S-FJORD-SLAG", "quantity": 9100.0, "crm": ["manganese"]},
                   acting_user=world.owner)  # fmt: skip
    do_save_stream(world.org, {"ref": "S-FJORD-HEAT", "crm": ["gallium"]}, acting_user=world.owner)
    for ref, shown in (("S-FJORD-DUST", True), ("S-FJORD-HEAT", True), ("S-FJORD-SLAG", False)):
        stream = Stream.objects.get(ref=ref)
        check_set_composition(stream, [{"substance": "MnO", "content": "12", "unit": "%"}],
                              acting_user=world.owner)  # fmt: skip
        if shown:
            do_save_stream(world.org, {"ref": ref, "sensitive_fields": []},
                           acting_user=world.owner)  # fmt: skip
    # untagged gallium and niobium in the hidden organisation's analyses: shown on the
    # offer, hidden on the need (the filters must read them through the stored columns)
    for ref, substances, sensitive in (
        ("S-QZ-OFFER", ["Ga", "Nb2O5"], ["identity"]),
        ("S-QZ-NEED", ["Ga2O3", "MnO"], ["identity", "location", "analysis"]),
    ):
        stream = Stream.objects.get(ref=ref)
        check_set_composition(stream, [{"substance": x, "content": "0.5", "unit": "%"}
                                       for x in substances], acting_user=None)  # fmt: skip
        do_save_stream(world.hidden_org, {"ref": ref, "sensitive_fields": sensitive},
                       acting_user=None)  # fmt: skip
    return world


@pytest.mark.parametrize("role", ROLES)
def test_the_database_path_gives_the_row_by_row_answer(aged, monkeypatch, role):
    user = aged.role(role)
    queries = SQL_QUERIES + PREFILTERED
    fast = {str(q): answer(user, q) for q in queries}
    monkeypatch.setattr(access, "USE_INDEX", False)
    slow = {str(q): answer(user, q) for q in queries}
    assert fast == slow
    assert sum(1 for a in fast.values() if a) >= 10  # the role finds something


def test_the_freshness_filter_reads_the_date_the_viewer_is_shown(aged):
    def refs(user):
        return [row["ref"] for row, _d, _c in answer(user, {"fresh": "90"})]

    assert "S-FJORD-SLAG" in refs(aged.owner)  # the owner's date moved today
    assert "S-FJORD-SLAG" not in refs(aged.outsider)  # the hidden edit moved nothing for them


@pytest.mark.parametrize("role", ROLES)
def test_the_prefilters_drop_nothing_the_row_by_row_test_lets_through(aged, monkeypatch, role):
    user = aged.role(role)
    monkeypatch.setattr(access, "USE_INDEX", False)
    narrowed = [answer(user, q) for q in PREFILTERED]
    monkeypatch.setattr(access, "_prefiltered", lambda qs, f: qs)
    assert narrowed == [answer(user, q) for q in PREFILTERED]
    assert sum(1 for a in narrowed if a) >= 5  # most queries find something


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("limit", "step"), [(1, 1), (3, 2), (2000, 2)])
def test_a_stale_index_gives_the_row_by_row_answer_up_to_the_cut(
    aged, monkeypatch, role, limit, step
):
    """While a worker has yet to write the index rows (after an import), those streams are
    tested row by row; in the title and freshness orders only until the cut is filled.
    With every row missing or every other one, and each cut, the answer is the reference
    answer."""
    from symbiose.search.models import StreamIndex

    user = aged.role(role)
    ids = sorted(Stream.objects.values_list("id", flat=True))
    StreamIndex.objects.filter(stream_id__in=ids[::step]).delete()  # all or every other
    monkeypatch.setattr(access, "MAX_RESULTS", limit)
    monkeypatch.setattr(access, "CHUNK", 2)  # tested two at a time: the order matters
    queries = SQL_QUERIES + PREFILTERED
    fast = {str(q): answer(user, q) for q in queries}
    monkeypatch.setattr(access, "USE_INDEX", False)
    assert fast == {str(q): answer(user, q) for q in queries}
    assert sum(1 for a in fast.values() if len(a) == limit) >= (5 if limit < 10 else 0)
    assert sum(1 for a in fast.values() if a) >= 5  # the role finds something


@pytest.mark.parametrize("role", ["outsider", "owner"])
def test_a_broad_search_over_a_stale_index_tests_only_up_to_the_cut(aged, monkeypatch, role):
    """After an import, a broad search in the title order tests a few chunks of streams,
    not every stream, and returns the same first hits in the same order, for titles whose
    order differs from their references' and from a byte order."""
    from symbiose.search.models import StreamIndex

    save_titled_offers(aged.org, reverse_refs=True)
    StreamIndex.objects.all().delete()
    user = aged.role(role)
    tested: list[int] = []
    real = access._check

    def counting(viewer, f, streams):
        tested.append(len(streams))
        return real(viewer, f, streams)

    monkeypatch.setattr(access, "_check", counting)
    monkeypatch.setattr(access, "CHUNK", 2)
    monkeypatch.setattr(access, "MAX_RESULTS", 7)
    first = answer(user, {})
    assert len(first) == 7 and sum(tested) <= 8 < Stream.objects.count()
    monkeypatch.setattr(access, "USE_INDEX", False)
    assert answer(user, {}) == first


@pytest.mark.parametrize("role", ["outsider", "owner"])
def test_the_freshness_order_over_a_stale_index_is_the_date_the_viewer_is_shown(
    aged, monkeypatch, role
):
    """A stream edited in a hidden field moved its date for insiders only: tested in the
    freshness order over a stale index, it comes first for the owner and last for others."""
    from symbiose.search.models import StreamIndex

    dates = {"S-D-A": ("2026-01-10", "2020-01-01"), "S-D-B": ("2024-05-01", "2024-05-01"),
             "S-D-C": ("2023-05-01", "2023-05-01")}  # fmt: skip
    for ref, (own, shared) in dates.items():
        do_save_stream(aged.org, {"ref": ref, "direction": "need", "category": "heat",
                                  "title": f"Varme {ref}", "visibility": "public"},
                       acting_user=None)  # fmt: skip
        Stream.objects.filter(ref=ref).update(
            confirmed_at=datetime.date.fromisoformat(own),
            shared_confirmed_at=datetime.date.fromisoformat(shared),
        )
    StreamIndex.objects.all().delete()
    monkeypatch.setattr(access, "CHUNK", 1)
    monkeypatch.setattr(access, "MAX_RESULTS", 1)
    query = {"category": "heat", "direction": "need", "sort": "fresh"}
    first = [row["ref"] for row, _d, _c in answer(aged.role(role), query)]
    assert first == (["S-D-A"] if role == "owner" else ["S-D-B"])
    monkeypatch.setattr(access, "USE_INDEX", False)
    assert [row["ref"] for row, _d, _c in answer(aged.role(role), query)] == first
