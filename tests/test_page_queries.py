"""Every main page asks the database the same number of queries however many streams there are.

The pages ``benchmarks/web_load.py`` asks for (issue 13: p95 < 200 ms with 20 users) are
fetched by their roles in a small registry and again after it has grown several times over,
with candidates matched, hub pair rows built and pair values stored, as task workers leave
them. A query per stream, candidate or member (an "N+1") makes the second count larger and
fails here, whatever the machine's speed. ``MAX_QUERIES`` also bounds each page outright.
A warm page opens no file either: code lists, knowledge, case library and compiled
templates are read once per process, not once per request.
"""

from __future__ import annotations

import builtins
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from symbiose.facilitation.actions import do_add_hub_members
from symbiose.facilitation.actions.hubpairs import do_build_all_hub_pairs
from symbiose.impact.valuing import value_stale
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_organisation, check_save_stream

#: (role, page) of every main page; ``{offer}``/``{need}`` is a pair of the owner's slag.
PAGES = [
    ("owner", "/"),
    ("owner", "/streams/"),
    ("owner", "/resources/streams/S-FJORD-SLAG/"),
    ("owner", "/streams/S-FJORD-SLAG/matches/"),
    ("owner", "/impact/S-FJORD-SLAG/S-GROW-0-NEED/"),
    ("owner", "/search/?q=slag"),
    ("owner", "/map/"),
    ("owner", "/map/layer.json"),
    ("owner", "/api/matching/streams/S-FJORD-SLAG/matches"),
    ("owner", "/api/registry/streams?limit=50"),
    ("outsider", "/map/layer.json"),
    ("outsider", "/search/?q=slag"),
    ("facilitator", "/hub/"),
    ("facilitator", "/hub/testpark/"),
    ("facilitator", "/hub/testpark/matches/"),
    ("facilitator", "/hub/testpark/opportunities/"),
    ("system_facilitator", "/hub/"),
    ("system_facilitator", "/region/"),
    ("system_facilitator", "/hub/testpark/"),
    ("system_facilitator", "/hub/testpark/matches/"),
]
#: No main page may ask more than this many queries (the heaviest, the regional overview,
#: asked 61 at 20 000 streams when this test was written).
MAX_QUERIES = 80


def _grow(world, start: int, stop: int) -> None:
    """Organisations ``start``..``stop - 1`` in Testpark, each offering and seeking slag (some
    with hidden fields), then matched, hub pairs built and values stored as workers would."""
    orgs = []
    for i in range(start, stop):
        org, _ = check_save_organisation(
            {"ref": f"ORG-GROW-{i}", "name": f"Vekst {i} AS", "municipality": "Arendal",
             "lat": f"{58.2 + i / 100:.2f}", "lon": "8.5"}, acting_user=None)  # fmt: skip
        orgs.append(org)
        for direction, sensitive in (("offer", "quantity" if i % 2 else ""), ("need", "")):
            check_save_stream(
                {"ref": f"S-GROW-{i}-{direction.upper()}", "organisation_ref": org.ref,
                 "direction": direction, "category": "material", "ewc_code": "10 02 02",
                 "title": f"Manganese slag {i}", "quantity": str(100 + i), "unit": "t",
                 "period": "year", "visibility": "public" if i % 3 else "members",
                 "sensitive_fields": sensitive},
                acting_user=None,
            )  # fmt: skip
    do_add_hub_members(world.hub, orgs, acting_user=None)
    do_recompute_all()
    do_build_all_hub_pairs()
    value_stale()


def _counts(world, monkeypatch) -> dict[tuple[str, str], int]:
    out = {}
    clients: dict[str, Client] = {}
    opened: list[str] = []
    real_open = io.open

    def counting_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    for role, page in PAGES:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(world.role(role))
        client = clients[role]
        client.get(page)  # warm-up: per-process caches, the viewer's first visit
        with monkeypatch.context() as m, CaptureQueriesContext(connection) as ctx:
            m.setattr(builtins, "open", counting_open)
            m.setattr(io, "open", counting_open)
            response = client.get(page)
        assert response.status_code in (200, 302), (role, page, response.status_code)
        assert not opened, f"{page} opened {opened} on a warm request"
        out[role, page] = len(ctx.captured_queries)
    return out


@pytest.mark.django_db(transaction=False)
def test_main_pages_ask_as_many_queries_for_more_streams(world, monkeypatch):
    _grow(world, 0, 3)
    small = _counts(world, monkeypatch)
    _grow(world, 3, 15)
    large = _counts(world, monkeypatch)
    grew = {key: (small[key], large[key]) for key in small if large[key] != small[key]}
    assert not grew, f"queries (before, after growing the registry fivefold): {grew}"
    worst = max(large.items(), key=lambda kv: kv[1])
    assert worst[1] <= MAX_QUERIES, worst


def test_templates_are_compiled_once_per_process():
    """Django's cached loader (its default without ``loaders`` and without DEBUG): setting
    ``loaders`` in settings would silently read and compile every template per request."""
    from django.template import engines

    engine = engines["django"].engine
    assert not engine.debug
    assert [type(loader).__module__ for loader in engine.template_loaders] == [
        "django.template.loaders.cached"
    ]
