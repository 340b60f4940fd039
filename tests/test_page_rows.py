"""The main pages read no more rows when the registry grows outside what they show.

``test_page_queries.py`` counts queries; a query can still read every stream (a scan), and
then a page costs more with every stream registered anywhere, which no query count shows.
Here SQLite counts the virtual-machine steps of each page's queries (its progress handler,
called every :data:`STEP` instructions: each row read costs a few), in a small registry and
again after many public, plain streams of other organisations (outside the hub, of another
material, far away, matched among themselves, values stored) were imported: every page but
those whose answer grows with the registry by design must cost as many steps as before
(within :data:`SLACK`, for B-trees one level deeper). A page that reads every stream (as the
hub pages' visibility check did) costs hundreds of steps more per hundred streams and fails.

Rows a viewer may be refused (not public, archived, marking a sensitive field) are read
through partial indexes, so they still count: the cost follows those rows, not the registry.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from symbiose.facilitation.actions.hubpairs import do_build_all_hub_pairs
from symbiose.impact.valuing import value_stale
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.importers.listing import apply_import, plan_import
from symbiose.registry.importers.sources import Sheet
from symbiose.search.actions import do_refresh_stale_index
from tests.test_page_queries import PAGES as QUERY_PAGES
from tests.test_page_queries import _grow

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="counts SQLite's virtual-machine steps"
)

#: The progress handler's period in virtual-machine instructions.
STEP = 10
#: Steps a page may gain (B-trees of a larger table may be a level deeper), as a share.
SLACK = 0.05
#: The pages of ``test_page_queries.py``; the registry API asks for fewer streams than the
#: small registry has, so that its answer (the first few by reference) is the same size.
PAGES = [(role, page.replace("limit=50", "limit=5")) for role, page in QUERY_PAGES]
#: Pages that read more rows for a larger registry: the map layer shows every visible point
#: (up to its cap), by design. (Search read every current search-index row's words until
#: the word index, ``search.wordtext``: now it reads the streams with the words.)
GROW_WITH_REGISTRY = {"/map/layer.json"}
#: Streams added outside the hub: enough that reading each would cost far more than SLACK.
ADDED = 300


def _add_elsewhere(count: int) -> None:
    """``count`` public, plain streams of bark (offers and needs in pairs) of organisations
    in no hub, far north, imported in one plan as a registry import writes them."""
    orgs = [{"ref": f"ORG-NORD-{i}", "name": f"Nordbark {i} AS", "municipality": "Tromsø",
             "lat": f"{69.60 + i / 1000:.3f}", "lon": "18.95"}
            for i in range(count // 2)]  # fmt: skip
    streams = [
        {
            "ref": f"S-NORD-{i}-{d}",
            "organisation_ref": f"ORG-NORD-{i}",
            "direction": d,
            "category": "material",
            "ewc_code": "03 01 01",
            "title": f"Bark og flis {i}",
            "quantity": "50",
            "unit": "t",
            "period": "year",
            "visibility": "public",
            "sensitive_fields": "",
        }  # fmt: skip
        for i in range(count // 2)
        for d in ("offer", "need")
    ]
    sheets = [
        Sheet("organisations", "organisations.csv", list(orgs[0]),
              [(n + 2, row) for n, row in enumerate(orgs)]),
        Sheet("streams", "streams.csv", list(streams[0]),
              [(n + 2, row) for n, row in enumerate(streams)]),
    ]  # fmt: skip
    plan = plan_import(sheets)
    assert plan.ok, [p.message for p in plan.problems][:5]
    apply_import(plan, acting_user=None)
    do_refresh_stale_index()  # the import's index task, as a worker runs it
    do_recompute_all()
    do_build_all_hub_pairs()
    value_stale()


def _steps(world) -> dict[tuple[str, str], tuple[int, int]]:
    """(queries, virtual-machine steps / STEP) of each warm page for its role."""
    out = {}
    clients: dict[str, Client] = {}
    counted = [0]

    def count() -> int:
        counted[0] += 1
        return 0  # go on

    for role, page in PAGES:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(world.role(role))
        clients[role].get(page)  # warm-up: per-process caches, the viewer's first visit
        connection.ensure_connection()
        raw = connection.connection
        counted[0] = 0
        raw.set_progress_handler(count, STEP)
        try:
            with CaptureQueriesContext(connection) as ctx:
                response = clients[role].get(page)
        finally:
            raw.set_progress_handler(None, STEP)
        assert response.status_code in (200, 302), (role, page, response.status_code)
        out[role, page] = (len(ctx.captured_queries), counted[0])
    return out


@pytest.mark.django_db(transaction=False)
def test_main_pages_read_no_more_rows_for_streams_outside_them(world):
    _grow(world, 0, 3)
    small = _steps(world)
    _add_elsewhere(ADDED)
    large = _steps(world)
    grew = {
        key: (small[key], large[key])
        for key in small
        if key[1] not in GROW_WITH_REGISTRY
        and (large[key][0] != small[key][0] or large[key][1] > small[key][1] * (1 + SLACK) + 3)
    }
    assert not grew, f"(queries, steps / {STEP}) before and after {ADDED} streams: {grew}"
    # the measure sees a scan: the map layer reads each added point
    layer = ("owner", "/map/layer.json")
    assert large[layer][1] > small[layer][1] + ADDED, (small[layer], large[layer])
