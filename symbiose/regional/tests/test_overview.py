"""The regional overview, targets and the results report: who may see them, what they count,
and that no figure gives away one company's value."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.template.loader import render_to_string

from symbiose.facilitation.actions import (
    do_add_hub_members,
    do_create_opportunity,
    do_record_outcome,
    do_save_funding,
)
from symbiose.facilitation.demo import _advance_to
from symbiose.regional.actions import check_save_target
from symbiose.regional.models import Target
from symbiose.regional.overview import build
from symbiose.regional.report import results_data, results_xlsx
from symbiose.registry.actions import check_save_organisation, check_save_stream
from tests.workers import fetch_report
from tests.world import ROLES

OK, LOGIN, FORBIDDEN = 200, 302, 403
SYSTEM = {"system_facilitator": OK, "admin": OK, "anonymous": LOGIN}
PAGES = ["/region/", "/region/report.pdf", "/region/report.xlsx", "/region/targets/new/"]
#: The PDF is a report job: starting it redirects to the job's page.
STARTED = {"/region/report.pdf": 302}


def add_member(world, ref: str, tonnes: float, *, ewc: str = "10 02 02",
               period: str = "year", title: str = "Slag"):  # fmt: skip
    org, _ = check_save_organisation(
        {"ref": ref, "name": f"{ref.title()} AS", "municipality": "Kristiansand"},
        acting_user=None,
    )
    do_add_hub_members(world.hub, [org], acting_user=None)
    check_save_stream(
        {"ref": f"S-{ref}", "organisation_ref": ref, "direction": "offer",
         "category": "material", "title": title, "quantity": str(tonnes), "unit": "t",
         "period": period, "visibility": "public", "ewc_code": ewc},
        acting_user=None,
    )  # fmt: skip
    return org


def material_row(data):
    return next(r for r in data["streams"]["category"]["rows"] if r.label == "material")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PAGES)
def test_only_system_facilitators_and_admins_open_the_regional_pages(client, world, role, url):
    if role != "anonymous":
        client.force_login(world.role(role))
    want = SYSTEM.get(role, FORBIDDEN)
    want = STARTED.get(url, want) if want == OK else want
    assert client.get(url).status_code == want, (role, url)


def test_one_companys_tonnes_are_never_shown_on_their_own(client, world):
    data = build(world.system_facilitator)
    row = material_row(data)
    assert row.cells["tonnes"].reason == "few" and row.cells["tonnes"].value is None
    assert row.cells["offers"].reason == "few"
    client.force_login(world.system_facilitator)
    page = client.get("/region/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for leak in ("7373", "7 373", "7,373", "7 400", "7,400", "7\xa0400", "7\xa0373"):
        assert leak not in page
    assert "fewer than 3 organisations" in page
    html = render_to_string("regional/report_results.html", results_data(world.system_facilitator))
    assert "7373" not in html and "7\xa0400" not in html and "7 400" not in html
    book = openpyxl.load_workbook(io.BytesIO(results_xlsx(results_data(world.system_facilitator))))
    values = [c.value for ws in book.worksheets for r in ws.iter_rows() for c in r]
    assert not any(isinstance(v, (int, float)) and 7000 < v < 8000 for v in values)


def test_a_dominant_company_keeps_the_total_hidden_until_others_weigh_enough(world):
    for n, ref in enumerate(("ORG-A", "ORG-B", "ORG-C")):
        add_member(world, ref, 100 + 100 * n)
    data = build(world.system_facilitator)
    row = material_row(data)
    # Only Fjordmetall offers heat: that count is hidden, and so is the material count,
    # which the total (6 offers) would otherwise give away.
    heat = next(r for r in data["streams"]["category"]["rows"] if r.label == "heat")
    assert heat.cells["offers"].reason == "few"
    assert row.cells["offers"].reason == "secondary" and row.cells["offers"].organisations == 4
    assert data["streams"]["category"]["total"].cells["offers"].value == 6
    assert row.cells["tonnes"].reason == "dominant"  # 7 373 of 7 973 tonnes is one company
    add_member(world, "ORG-D", 9000)
    add_member(world, "ORG-E", 8000)
    row = material_row(build(world.system_facilitator))
    assert row.cells["tonnes"].value == pytest.approx(7373.25 + 600 + 17000)


def test_a_hub_facilitator_of_another_hub_sees_none_of_this_hubs_figures(world):
    assert build(world.other_facilitator)["streams"]["stream_count"] == 0
    assert build(world.system_facilitator)["streams"]["stream_count"] == 3


@pytest.fixture
def implemented(world):
    orgs = [add_member(world, ref, 3000) for ref in ("ORG-A", "ORG-B", "ORG-C")]
    opp = do_create_opportunity(
        world.hub, {"title": "Slag to cement", "organisations": orgs},
        acting_user=world.facilitator,
    )  # fmt: skip
    _advance_to(opp, 4, world.facilitator)
    values = {"jobs_created": 12, "jobs_planned": 20, "investment_made_nok": 5_000_000}
    do_record_outcome(opp, values, acting_user=world.facilitator)
    do_save_funding(opp, {"scheme": "Enova", "amount_nok": 900_000, "status": "received"},
                    acting_user=world.facilitator)  # fmt: skip
    return opp


def test_targets_show_progress_from_realised_outcomes_only(world, implemented):
    jobs = check_save_target(
        {"metric": "jobs", "value": 10, "year": 2030, "region": "Agder", "is_demo": True},
        [world.hub], allowed_hubs=[world.hub], acting_user=world.system_facilitator,
    )  # fmt: skip
    money = check_save_target(
        {"metric": "funding_nok", "value": 1_800_000, "year": 2025, "region": "Agder"},
        [world.hub], allowed_hubs=[world.hub], acting_user=world.system_facilitator,
    )  # fmt: skip
    data = build(world.system_facilitator)
    progress = {t["target"].pk: t for t in data["targets"]}
    assert progress[jobs.pk]["achieved"].value == 12  # jobs created, not the 20 planned
    assert (progress[jobs.pk]["status"], progress[jobs.pk]["percent"]) == ("reached", 120)
    assert (progress[money.pk]["status"], progress[money.pk]["percent"]) == ("missed", 50)
    outcomes = data["outcomes"]["outcomes"]
    assert outcomes["jobs_planned"].value == 20 and outcomes["jobs_created"].value == 12


def test_impact_is_summed_per_status_and_never_across(world, implemented):
    rows = build(world.system_facilitator)["impact"]["rows"]
    assert [r["status"] for r in rows] == ["candidate", "in_progress", "implemented"]
    assert all("total" not in r["label"].lower() for r in rows)


def test_a_target_over_a_hub_the_user_does_not_oversee_is_invisible(client, world):
    target = Target.objects.create(metric="jobs", value=5, year=2030, region="Elsewhere")
    target.hubs.set([world.other_hub])
    assert not build(world.system_facilitator)["targets"]
    client.force_login(world.system_facilitator)
    assert client.get(f"/region/targets/{target.pk}/").status_code == 404
    response = client.post("/region/targets/new/", {
        "region": "Sneaky", "metric": "jobs", "value": "5", "year": "2030",
        "hubs": [world.other_hub.pk]})  # fmt: skip
    assert response.status_code == 400 and not Target.objects.filter(region="Sneaky").exists()


@pytest.mark.parametrize("lang,message", [
    ("en", "Target value: Give a target value between 0 and"),
    ("nb", "Målverdi: Oppgi en målverdi mellom 0 og"),
])  # fmt: skip
def test_a_bad_target_value_is_shown_at_its_field(client, world, lang, message):
    client.force_login(world.system_facilitator)
    response = client.post("/region/targets/new/", {
        "region": "Agder", "metric": "jobs", "value": "-5", "year": "2030",
        "hubs": [world.hub.pk]}, HTTP_ACCEPT_LANGUAGE=lang)  # fmt: skip
    assert response.status_code == 400 and message in response.content.decode()
    assert 'value="Agder"' in response.content.decode()


def test_the_results_report_lists_what_was_and_was_not_achieved(
    client, world, implemented, django_capture_on_commit_callbacks
):
    check_save_target(
        {"metric": "exchanges", "value": 5, "year": 2030, "region": "Agder", "is_demo": True},
        [world.hub], allowed_hubs=[world.hub], acting_user=world.system_facilitator,
    )  # fmt: skip
    data = results_data(world.system_facilitator)
    html = render_to_string("regional/report_results.html", data)
    assert "Targets not reached" in html and "Agder" in html and "Slag to cement" in html
    client.force_login(world.system_facilitator)
    pdf = fetch_report(client, "/region/report.pdf", django_capture_on_commit_callbacks)
    content = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert pdf["Content-Type"] == "application/pdf" and content.startswith(b"%PDF")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/region/report.xlsx").content))
    targets = book.worksheets[0]
    rows = list(targets.iter_rows(values_only=True))
    assert rows[1][:5] == ("Agder", rows[1][1], 2030, 5, 1)  # one exchange of five
    exchanges = [ws for ws in book.worksheets if ws.title in {"Exchanges", "Utvekslinger"}][0]
    assert any("Slag to cement" in str(r) for r in exchanges.iter_rows(values_only=True))


def add_deposit(world, ref: str, tonnes: float, manganese_percent: str):
    from symbiose.registry.models import Organisation, Stream
    from symbiose.resources.actions import check_set_composition, do_save_deposit

    org = Organisation.objects.get(ref=ref)
    do_save_deposit(
        org, {"ref": f"D-{ref}", "title": "Old slag heap", "quantity": tonnes,
              "visibility": "public", "ewc_code": "100202"},  # stored form
        {"setting": "onshore", "source": "survey (estimate)"}, acting_user=None,
    )  # fmt: skip
    check_set_composition(Stream.objects.get(ref=f"D-{ref}"),
                          [{"substance": "Mn", "content": manganese_percent, "unit": "%"}],
                          acting_user=None)  # fmt: skip


def test_deposits_and_contained_crm_are_counted_apart_from_flows(world):
    from symbiose.registry.models import Stream
    from symbiose.resources.actions import check_set_composition

    for ref, tonnes in (("ORG-A", 3000), ("ORG-B", 3500), ("ORG-C", 4000)):
        add_member(world, ref, tonnes)
        check_set_composition(Stream.objects.get(ref=f"S-{ref}"),
                              [{"substance": "Mn", "content": "10", "unit": "%"}],
                              acting_user=None)  # fmt: skip
    add_deposit(world, "ORG-A", 200_000, "18")
    data = build(world.system_facilitator)
    slag = data["deposits"]["rows"][0]
    assert slag.cells["count"].reason == "few"  # one organisation's deposit
    assert data["deposits"]["total"].cells["tonnes"].reason == "few"
    add_deposit(world, "ORG-B", 150_000, "12")
    add_deposit(world, "ORG-C", 170_000, "20")
    data = build(world.system_facilitator)
    assert data["deposits"]["total"].cells["tonnes"].value == 520_000
    manganese = next(r for r in data["crm"] if "(Mn)" in r.label)
    assert manganese.cells["deposit"].value == pytest.approx(
        200_000 * 0.18 + 150_000 * 0.12 + 170_000 * 0.20
    )
    assert manganese.cells["flow"].value == pytest.approx((3000 + 3500 + 4000) * 0.10)
    # The flow table counts only flows: 2 of Fjordmetall's + 3 slag flows, no deposits.
    material = material_row(data)
    assert material.cells["tonnes"].value == pytest.approx(7373.25 + 10_500)


@pytest.mark.parametrize(
    "role,overview,rounds",
    [("system_facilitator", 200, 200), ("admin", 200, 200), ("facilitator", 403, 200),
     ("other_facilitator", 403, 200), ("owner", 403, 200), ("outsider", 403, 200),
     ("anonymous", 401, 401)],
)  # fmt: skip
def test_the_api_gives_the_overview_to_system_facilitators_only(
    client, world, role, overview, rounds
):
    if role != "anonymous":
        client.force_login(world.role(role))
    response = client.get("/api/regional/overview")
    assert response.status_code == overview
    listed = client.get("/api/regional/rounds")
    assert listed.status_code == rounds
    if rounds == 200 and role not in {"facilitator", "system_facilitator", "admin"}:
        assert listed.json() == []


def test_the_api_overview_holds_no_suppressed_value(client, world):
    client.force_login(world.system_facilitator)
    body = client.get("/api/regional/overview").json()
    material = next(r for r in body["streams_by_category"] if r["key"] == "material")
    assert material["tonnes_per_year"] == {"value": None, "reason": "few"}
    assert "7373" not in str(body) and [i["status"] for i in body["impact"]] == [
        "candidate", "in_progress", "implemented"]  # fmt: skip


def add_lot(world, ref: str, tonnes: float):
    """A member offering a one-off lot of slag (a batch, not a deposit): tonnes once."""
    return add_member(world, ref, tonnes, period="once", title="Slag batch")


def test_one_off_lots_are_tonnes_once_in_their_own_column_never_tonnes_a_year(client, world):
    for ref, tonnes in (("ORG-A", 3000), ("ORG-B", 3500), ("ORG-C", 4000)):
        add_member(world, ref, tonnes)
    for ref, tonnes in (("ORG-L1", 500), ("ORG-L2", 600), ("ORG-L3", 700)):
        add_lot(world, ref, tonnes)
    data = build(world.system_facilitator)
    material = material_row(data)
    assert material.cells["tonnes"].value == pytest.approx(7373.25 + 10_500)
    assert material.cells["lots"].value == pytest.approx(1800)
    client.force_login(world.system_facilitator)
    body = client.get("/api/regional/overview").json()
    row = next(r for r in body["streams_by_category"] if r["key"] == "material")
    assert row["tonnes_in_one_off_lots"]["value"] == pytest.approx(1800)
    assert row["tonnes_per_year"]["value"] == pytest.approx(7373.25 + 10_500)
    assert all("one_off_lots_valued" in i for i in body["impact"])
    for lang, header in (("nb", "Tonn i engangspartier"), ("en", "Tonnes in one-off lots")):
        client.cookies["django_language"] = lang
        page = client.get("/region/").content.decode()
        assert header in page and 'class="num one-off"' in page
    xlsx = openpyxl.load_workbook(io.BytesIO(results_xlsx(results_data(world.system_facilitator))))
    sheet = next(ws for ws in xlsx.worksheets if ws["A1"].value == "category")
    assert [c.value for c in sheet[1]][-1] == "tonnes in one-off lots"


def test_raw_materials_in_one_off_lots_count_as_stock_not_as_tonnes_a_year(world):
    from symbiose.registry.models import Stream
    from symbiose.resources.actions import check_set_composition

    for ref, tonnes in (("ORG-A", 3000), ("ORG-B", 3500), ("ORG-C", 4000)):
        add_member(world, ref, tonnes)
        add_lot(world, f"{ref}-LOT", tonnes)
        for stream_ref in (f"S-{ref}", f"S-{ref}-LOT"):
            check_set_composition(Stream.objects.get(ref=stream_ref),
                                  [{"substance": "Mn", "content": "10", "unit": "%"}],
                                  acting_user=None)  # fmt: skip
    manganese = next(r for r in build(world.system_facilitator)["crm"] if "(Mn)" in r.label)
    assert manganese.cells["flow"].value == pytest.approx((3000 + 3500 + 4000) * 0.10)
    assert manganese.cells["deposit"].value == pytest.approx((3000 + 3500 + 4000) * 0.10)
