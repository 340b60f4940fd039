"""The template's deposits sheet: located errors in nb and en, all or nothing, the export's
round trip, and a hub import that learns nothing of another hub's streams."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from symbiose.registry.exporters import template_rows, write_template
from symbiose.registry.models import Stream
from symbiose.resources.exporters import deposit_rows
from symbiose.resources.models import CompositionRow, Deposit

ORGS = "ref,name,country,municipality\nO1,Fylling og Deponi AS,SE,Luleå\n"
STREAMS = (
    "ref,organisation_ref,direction,category,title,quantity,unit,period,visibility\n"
    'D1,O1,offer,material,Gammel slaggfylling,"250 000",t,once,public\n'
    'D2,O1,offer,material,Deponicelle 3,"1,2",t,once,members\n'
    "S1,O1,offer,material,Filterstøv,800,t,year,public\n"
)
GOOD = (
    "stream_ref,kind,setting,accessibility,permit_status,owner,source,tonnes_estimated\n"
    "D1,forekomst,på land,åpen,trengs,,kartlegging 2019,ja\n"
    "D2,landfill,offshore,submerged,granted,Kommunen,kommunens register,no\n"
)
COMPOSITION = "stream_ref,substance,content,unit,method\nD1,Mn,18,%,anslag\n"


def write(folder: Path, deposits: str, streams: str = STREAMS, composition: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisations.csv").write_text(ORGS, encoding="utf-8")
    (folder / "streams.csv").write_text(streams, encoding="utf-8")
    (folder / "deposits.csv").write_text(deposits, encoding="utf-8")
    if composition:
        (folder / "composition.csv").write_text(composition, encoding="utf-8")
    return folder


def run_import(folder: Path, lang: str = "en") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override(lang):
        try:
            call_command("import", str(folder), stdout=out, stderr=err)
        except CommandError as exc:
            return 1, out.getvalue() + err.getvalue() + str(exc)
    return 0, out.getvalue() + err.getvalue()


def details(ref: str) -> tuple:
    d = Deposit.objects.get(stream__ref=ref)
    return (d.kind, d.setting, d.accessibility, d.permit_status, d.owner, d.source,
            d.tonnes_estimated)  # fmt: skip


@pytest.mark.django_db
def test_deposits_are_imported_with_their_stock_in_either_language(tmp_path):
    code, out = run_import(write(tmp_path / "a", GOOD, composition=COMPOSITION))
    assert code == 0, out
    assert details("D1") == ("deposit", "onshore", "open", "needed", "", "kartlegging 2019",
                             True)  # fmt: skip
    assert details("D2") == ("landfill", "offshore", "submerged", "granted", "Kommunen",
                             "kommunens register", False)  # fmt: skip
    d1 = Stream.objects.get(ref="D1")
    assert (d1.quantity, d1.unit, d1.period) == (250000.0, "t", "once")
    assert d1.composition_rows.get().substance == "Mn"
    assert not Deposit.objects.filter(stream__ref="S1").exists()
    assert set(Stream.objects.deposits().values_list("ref", flat=True)) == {"D1", "D2"}


BAD = (
    "stream_ref,kind,setting,accessibility,permit_status,tonnes_estimated\n"
    "D1,mine,onshore,open,granted,yes\n"  # 2: kind
    "D2,landfill,moon,open,granted,yes\n"  # 3: setting
    "S1,deposit,onshore,open,granted,yes\n"  # 4: not a stock (period year)
    "D9,deposit,onshore,open,granted,yes\n"  # 5: no such stream
    "D2,deposit,onshore,open,perhaps,kanskje\n"  # 6: permit, estimate (D2 given again)
)
EXPECTED = {
    "en": [
        "deposits.csv:2:kind: mine is not allowed here; use one of deposit, landfill",
        "deposits.csv:3:setting: moon is not allowed here; use one of offshore, onshore",
        "deposits.csv:4:stream_ref: stream S1 cannot be a deposit: a deposit is an offer of "
        "material whose quantity is the stock in tonnes (unit t, period once)",
        "deposits.csv:5:stream_ref: no stream with reference D9 in the file or the registry",
        "deposits.csv:6:permit_status: perhaps is not allowed here",
        "deposits.csv:6:tonnes_estimated: kanskje is not allowed here; use yes or no",
        "deposits.csv:6:stream_ref: stream D2 is given twice (also at row 3)",
    ],
    "nb": [
        "deposits.csv:2:kind: mine er ikke tillatt her; bruk en av deposit, landfill",
        "deposits.csv:4:stream_ref: strømmen S1 kan ikke være en forekomst: en forekomst er et "
        "tilbud av materiale der mengden er lageret i tonn (enhet t, periode once)",
        "deposits.csv:5:stream_ref: ingen strøm med referansen D9 i filen eller registeret",
        "deposits.csv:6:stream_ref: strømmen D2 er oppgitt to ganger (også på rad 3)",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_bad_deposit_rows_are_located_and_a_failed_import_writes_nothing(tmp_path, lang):
    code, out = run_import(write(tmp_path / lang, BAD, composition=COMPOSITION), lang=lang)
    assert code == 1
    for line in EXPECTED[lang]:
        assert line in out, out
    assert not Stream.objects.exists()
    assert not Deposit.objects.exists() and not CompositionRow.objects.exists()


@pytest.mark.django_db
def test_a_stored_stream_becomes_a_deposit_only_if_it_is_a_stock(tmp_path):
    assert run_import(write(tmp_path / "a", "stream_ref\n"))[0] == 0
    code, out = run_import(write(tmp_path / "b", "stream_ref,kind\nS1,landfill\n"))
    assert code == 1 and "deposits.csv:2:stream_ref: stream S1 cannot be a deposit" in out
    # the same file with S1 made a one-off lot in its streams row is fine
    fixed = STREAMS.replace("800,t,year", "800,t,once")
    code, out = run_import(write(tmp_path / "c", "stream_ref,kind\nS1,landfill\n", fixed))
    assert code == 0, out
    assert Deposit.objects.get(stream__ref="S1").kind == "landfill"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_and_import_again_changes_nothing(tmp_path, fmt):
    assert run_import(write(tmp_path / "a", GOOD, composition=COMPOSITION))[0] == 0
    before = {ref: details(ref) for ref in ("D1", "D2")}
    rows_before = (template_rows(None), deposit_rows(None))
    written = write_template(tmp_path / "export", fmt=fmt)
    if fmt == "csv":
        assert (
            (tmp_path / "export" / "deposits.csv")
            .read_text(encoding="utf-8")
            .startswith(
                "stream_ref,kind,setting,accessibility,permit_status,owner,source,tonnes_estimated"
            )
        )
    code, out = run_import(tmp_path / "export" if fmt == "csv" else written[0])
    assert code == 0, out
    assert {ref: details(ref) for ref in ("D1", "D2")} == before
    assert (template_rows(None), deposit_rows(None)) == rows_before


def test_the_export_leaves_the_owner_out_where_identity_is_hidden(world):
    from symbiose.resources.actions import do_save_deposit

    do_save_deposit(
        world.org,
        {"ref": "D-SECRET", "title": "Old heap", "quantity": 1000.0,
         "visibility": "public", "sensitive_fields": ["identity"]},
        {"kind": "landfill", "owner": "Grunneier Hemmelig AS", "source": "survey"},
        acting_user=world.owner,
    )  # fmt: skip
    seen = {r["stream_ref"]: r for r in deposit_rows(world.outsider)}
    assert seen["D-SECRET"]["owner"] == "" and seen["D-SECRET"]["kind"] == "landfill"
    assert {r["stream_ref"]: r for r in deposit_rows(world.owner)}["D-SECRET"]["owner"] == (
        "Grunneier Hemmelig AS")  # fmt: skip


def _hub_preview(client, body: str) -> str:
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("deposits.csv", body.encode(), content_type="text/csv")
    page = client.post(reverse("facilitation:hub-import", args=["testpark"]), {"file": upload},
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    found = re.search(r'<div class="errors".*?</div>|<table class="preview">.*?</table>', page,
                      re.S)  # fmt: skip
    return found.group(0) if found else page


def test_a_hub_import_cannot_make_another_hubs_stream_a_deposit_nor_learn_of_it(
    client, hidden_world
):
    client.force_login(hidden_world.facilitator)  # Testpark's; S-QZ-* are the other hub's
    header = "stream_ref,kind\n"
    for ref in ("S-QZ-OFFER", "S-QZ-NEED"):  # an offer per year, and a need: neither a stock
        real = _hub_preview(client, header + f"{ref},landfill\n")
        missing = _hub_preview(client, header + "S-QZ-NONE,landfill\n")
        assert f"no stream with reference {ref} in the file or the registry" in real
        assert real.replace(ref, "S-QZ-NONE") == missing
    assert not Deposit.objects.exists()
