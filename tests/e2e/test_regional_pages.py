"""The regional pages and the outcomes page, in Norwegian and English at 390 and 1366 px: the
same checks as every other page (no overflow, no JavaScript error, no English on a Norwegian
page, numbers for the locale), with screenshots in ``tests/e2e/screenshots/``."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.e2e.catalogue import english_interface_texts
from tests.e2e.test_every_page import SHOTS, WIDTHS, check_page, context_for

pytestmark = pytest.mark.browser


@pytest.fixture
def regional(world):
    from symbiose.facilitation.actions import (
        do_add_hub_members,
        do_create_opportunity,
        do_record_outcome,
        do_save_funding,
        do_save_permit,
    )
    from symbiose.facilitation.demo import _advance_to
    from symbiose.regional.actions import check_open_round, check_save_target, do_confirm_request
    from symbiose.registry.actions import check_save_organisation, check_save_stream

    orgs = []
    for n, name in enumerate(("Alfa", "Beta", "Gamma")):
        org, _ = check_save_organisation(
            {"ref": f"ORG-{name.upper()}", "name": f"{name} AS", "municipality": "Arendal"},
            acting_user=None,
        )
        do_add_hub_members(world.hub, [org], acting_user=None)
        check_save_stream(
            {"ref": f"S-{name.upper()}", "organisation_ref": org.ref, "direction": "offer",
             "category": "material", "title": "Slagg", "quantity": str(12000 + 1500 * n),
             "unit": "t", "period": "year", "visibility": "public", "ewc_code": "10 02 02"},
            acting_user=None,
        )  # fmt: skip
        orgs.append(org)
    user = world.facilitator
    opp = do_create_opportunity(world.hub, {"title": "Slagg til sement", "organisations": orgs},
                                acting_user=user)  # fmt: skip
    _advance_to(opp, 4, user)
    do_record_outcome(opp, {"jobs_planned": 14, "jobs_created": 11,
                            "investment_made_nok": 12_500_000}, acting_user=user)  # fmt: skip
    do_save_funding(opp, {"scheme": "Enova", "amount_nok": 2_400_000, "status": "received",
                          "decided_on": datetime.date(2026, 5, 2)}, acting_user=user)  # fmt: skip
    do_save_permit(opp, {"authority": "Statsforvalteren", "subject": "Utslippstillatelse",
                         "status": "granted", "applied_on": datetime.date(2025, 11, 3),
                         "decided_on": datetime.date(2026, 2, 20)}, acting_user=user)  # fmt: skip
    check_save_target({"metric": "jobs", "value": 40, "year": 2030, "region": "Agder",
                       "source": "Demo", "is_demo": True}, [world.hub],
                      allowed_hubs=[world.hub], acting_user=world.system_facilitator)  # fmt: skip
    found = check_open_round(world.hub, 2026, datetime.date.today() + datetime.timedelta(days=30),
                             acting_user=user)  # fmt: skip
    do_confirm_request(found.requests.get(organisation=orgs[0]), acting_user=None)
    return {"opp": opp.ref, "round": found.pk}


def test_regional_pages_pass_the_page_checks(browser, live_server, world, regional):
    SHOTS.mkdir(exist_ok=True)
    english = english_interface_texts()
    pages = {
        "system_facilitator": ["/region/", "/region/targets/new/", "/region/rounds/",
                               f"/region/rounds/{regional['round']}/"],
        "facilitator": [f"/hub/o/{regional['opp']}/outcomes/", f"/hub/o/{regional['opp']}/",
                        "/region/rounds/"],
        "owner": ["/streams/"],
    }  # fmt: skip
    found = []
    for role, urls in pages.items():
        for lang in ("nb", "en"):
            for width in WIDTHS:
                context = context_for(browser, live_server, world.role(role), lang, width)
                for path in urls:
                    page = context.new_page()
                    problems = check_page(page, live_server.url + path, lang, width, english)
                    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
                    page.screenshot(path=SHOTS / f"regional-{role}-{lang}-{width}-{name}.png",
                                    full_page=True)  # fmt: skip
                    found += [f"{role} {lang} {width} {path}: {p}" for p in problems]
                    page.close()
                context.close()
    assert not found, "\n".join(found)
