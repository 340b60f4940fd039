"""The facilitator journey in a real browser (Debian Chromium): create a hub, capture 20 streams
at a workshop (and see the typing grid come back as typed after a problem), generate and close
follow-up tasks, turn a match into an opportunity, take it through two phases with a readiness
assessment, shelve it to the bank, export the entry and import it into a second hub, and
download the mapping report."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.test import Client

from symbiose.facilitation.models import BankEntry, Opportunity
from symbiose.registry.models import Stream
from tests.workers import drain, failed

pytestmark = pytest.mark.browser

ORGS = [
    ("ORG-E2E-SMELT", "Vest Smelteverk AS", "60.40", "5.30"),
    ("ORG-E2E-GREEN", "Fjordgartneriet AS", "60.41", "5.31"),
    ("ORG-E2E-CEM", "Vest Sement AS", "60.42", "5.33"),
    ("ORG-E2E-FISH", "Smoltanlegget AS", "60.39", "5.29"),
]


def workbook() -> bytes:
    """A listing template with 4 organisations and 20 streams (10 offers, 10 needs)."""
    book = openpyxl.Workbook()
    orgs = book.active
    orgs.title = "organisations"
    orgs.append(["ref", "name", "municipality", "lat", "lon"])
    for ref, name, lat, lon in ORGS:
        orgs.append([ref, name, "Bergen", lat, lon])
    streams = book.create_sheet("streams")
    streams.append(["ref", "organisation_ref", "direction", "category", "title", "quantity",
                    "unit", "period", "temperature_c", "ewc_code", "visibility"])  # fmt: skip
    for i in range(5):
        streams.append(
            [
                f"S-E2E-HEAT-{i}",
                "ORG-E2E-SMELT",
                "offer",
                "heat",
                f"Surplus heat from furnace {i}",
                10 + i,
                "GWh",
                "year",
                85,
                "",
                "public",
            ]
        )
        streams.append(
            [
                f"S-E2E-HEATNEED-{i}",
                "ORG-E2E-GREEN",
                "need",
                "heat",
                f"Heat for greenhouse {i}",
                5 + i,
                "GWh",
                "year",
                60,
                "",
                "public",
            ]
        )
        streams.append(
            [
                f"S-E2E-SLAG-{i}",
                "ORG-E2E-SMELT",
                "offer",
                "material",
                f"Manganese slag lot {i}",
                100 + i,
                "t",
                "year",
                "",
                "10 02 02",
                "public",
            ]
        )
        streams.append(
            [
                f"S-E2E-SLAGNEED-{i}",
                "ORG-E2E-CEM",
                "need",
                "material",
                f"Slag for cement {i}",
                50 + i,
                "t",
                "year",
                "",
                "10 02 02",
                "public",
            ]
        )
    # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def signed_in_page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def download(page, selector) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    with open(info.value.path(), "rb") as fh:
        return fh.read()


def prepared_download(page, selector) -> bytes:
    """Ask for a report job: the page says "preparing", a worker renders it, htmx shows the link."""
    back = page.url
    page.click(selector)
    assert page.locator("#report-status").get_attribute("data-status") == "pending"
    assert drain() >= 1 and not failed()
    data = download(page, "#report-download")
    page.goto(back)
    return data


def test_a_facilitator_runs_a_hub_from_mapping_to_the_bank(browser, live_server, world, tmp_path):
    page = signed_in_page(browser, live_server, world.facilitator)
    base = live_server.url

    # 1. Create a hub.
    page.goto(f"{base}/hub/new/")
    page.fill("#id_slug", "vestpark")
    page.fill("#id_name", "Vestpark")
    page.fill("#id_center_lat", "60.40")
    page.fill("#id_center_lon", "5.30")
    page.fill("#id_radius_km", "20")
    submit(page, "form.fac-form button[type=submit]")
    assert page.url == f"{base}/hub/vestpark/"

    # 2. Plan a workshop and capture 20 streams with the listing template, via the preview.
    page.goto(f"{base}/hub/vestpark/workshops/new/")
    page.fill("#id_title", "Haves and wants, spring")
    page.fill("#id_date", "2026-03-12")
    submit(page, "form.fac-form button[type=submit]")
    workshop_url = page.url
    path = tmp_path / "template.xlsx"
    path.write_bytes(workbook())
    page.set_input_files("#id_file", str(path))
    submit(page, "#preview")
    assert page.locator("table.preview tbody tr").count() == 24
    submit(page, "#confirm")
    assert page.url == workshop_url
    assert page.locator("#captured tbody tr").count() == 20
    assert drain() >= 1 and not failed()  # the task worker recomputes the candidates
    sheet = prepared_download(page, "a[href$='/sheets/ORG-E2E-GREEN.pdf']")
    assert sheet.startswith(b"%PDF")

    # 2b. A grid row with a problem: the grid comes back as typed, nothing is saved.
    page.fill("input[name=title-0]", "Wood ash")
    page.fill("input[name=quantity-0]", "lots")
    page.select_option("select[name=unit-1]", "t")
    submit(page, "#grid-preview")
    assert page.input_value("input[name=title-0]") == "Wood ash"
    assert page.input_value("input[name=quantity-0]") == "lots"
    assert page.input_value("select[name=unit-1]") == "t"
    assert "is not a number" in page.inner_text("#grid-row-0")
    assert not Stream.objects.filter(title="Wood ash").exists()

    # 2c. Generate the workshop's follow-up tasks and close one.
    page.goto(workshop_url)
    submit(page, "#generate-tasks")
    assert page.locator("table.tasks tr.task.open").count() >= 3
    assert "Send the match sheet and confirm the data with Fjordgartneriet AS" in page.content()
    submit(page, "table.tasks tr.task.open button.task-done >> nth=0")
    assert page.locator("table.tasks tr.task.done").count() == 1

    # 3. Turn a candidate match into an opportunity (heat pairs, filtered by kind: slag for
    # cement outranks them on fit).
    page.goto(f"{base}/hub/vestpark/matches/?category=heat")
    page.locator("input[name=pair][value^='S-E2E-HEAT-']").first.check()
    page.fill("#id_title", "Furnace heat for the greenhouse")
    submit(page, "#make-opportunity")
    opp = Opportunity.objects.get(title="Furnace heat for the greenhouse")
    assert page.url == f"{base}/hub/o/{opp.ref}/"

    # 4. Two phases, with a readiness assessment on the way.
    for _phase in (1, 2):
        while page.locator("button.check[aria-pressed=false]").count():
            submit(page, "button.check[aria-pressed=false] >> nth=0")
        submit(page, "#advance")
    assert "Phase 3" in page.inner_text("#phase")
    page.click("summary:has-text('Assess readiness')")
    for field, level in (("technological", "6"), ("business", "4"), ("ecological", "7"),
                         ("organisational", "5")):  # fmt: skip
        page.fill(f"#readiness-form #id_{field}", level)
    submit(page, "#readiness-form button[type=submit]")
    assert "SRL 4" in page.content()

    # 5. Shelve it into the bank with a reason.
    page.fill("#shelve-form #id_reason", "The greenhouse owner postponed the expansion")
    submit(page, "#shelve-form button[type=submit]")
    entry = BankEntry.objects.get(opportunity=opp)

    # 6. Export the bank entry and import it into a second hub (Testpark).
    page.goto(f"{base}/hub/bank/{entry.ref}/")
    data = download(page, "#entry-export")
    doc = json.loads(data)
    assert doc["entries"][0]["readiness"]["business"] == 4
    exported = tmp_path / "entry.json"
    exported.write_bytes(data)
    page.goto(f"{base}/hub/testpark/bank/import/")
    page.set_input_files("#id_file", str(exported))
    submit(page, "#bank-import")
    copy = BankEntry.objects.get(hub=world.hub)
    assert copy.title == "Furnace heat for the greenhouse" and entry.ref in copy.origin
    assert "imported from" in page.content()

    # 7. Download the regional mapping report.
    page.goto(f"{base}/hub/vestpark/")
    assert prepared_download(page, "#report-pdf").startswith(b"%PDF")
