"""``symbiose import``: every problem reported as file:row:column, and nothing written on error."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from symbiose.registry.importers.listing import ImportFailed, apply_import, plan_import
from symbiose.registry.importers.sources import SourceError, read_paths, read_upload
from symbiose.registry.models import AuditEvent, Organisation, Stream
from symbiose.registry.template import STREAM_COLUMNS

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "listing"
ORG_HEADER = "ref,name,org_number,nace,country,municipality,lat,lon,description\n"
STREAM_HEADER = (
    "ref,organisation_ref,direction,category,title,ewc_code,quantity,unit,period,"
    "temperature_c,hazardous,visibility,sensitive_fields\n"
)
GOOD_ORG = "O1,Good AS,923609016,24.10,NO,Mo i Rana,66.31,14.14,\n"


def write(folder: Path, orgs: str, streams: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisations.csv").write_text(orgs, encoding="utf-8")
    if streams is not None:
        (folder / "streams.csv").write_text(streams, encoding="utf-8")
    return folder


def run_import(*paths: Path, lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override(lang):
        try:
            call_command("import", *[str(p) for p in paths], stdout=out, stderr=err)
        except CommandError as exc:
            return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_example_template_imports_with_every_column(tmp_path):
    code, out, err = run_import(EXAMPLE)
    assert code == 0, err
    assert "organisations: 3 created" in out
    slag = Stream.objects.get(ref="EX-S-SLAG")
    assert (slag.direction, slag.ewc_code, slag.annual_quantity, slag.annual_unit) == (
        "offer",
        "100202",
        12000.0,
        "t/yr",
    )
    assert slag.sensitive_fields == ["quantity", "price"] and slag.crm == ["manganese"]
    spl = Stream.objects.get(ref="EX-S-SPL")
    assert spl.hazardous and spl.ewc_code == "161101" and spl.visibility == "facilitator"
    heat = Stream.objects.get(ref="EX-S-HEAT")
    assert heat.annual_quantity == pytest.approx(4.5 * 8766) and heat.annual_unit == "MWh/yr"
    assert Stream.objects.get(ref="EX-N-HEAT").annual_quantity == pytest.approx(9600.0)
    assert Stream.objects.get(ref="EX-N-RAW").accepts_hazardous is True


@pytest.mark.django_db
def test_importing_again_upserts_by_ref(tmp_path):
    folder = write(tmp_path / "a", ORG_HEADER + GOOD_ORG)
    assert run_import(folder)[0] == 0
    write(folder, ORG_HEADER + GOOD_ORG.replace("Good AS", "Better AS"))
    code, out, _ = run_import(folder)
    assert code == 0 and "0 created, 1 updated" in out
    assert Organisation.objects.get(ref="O1").name == "Better AS"
    assert Organisation.objects.count() == 1


BAD_CASES = [
    # (organisations rows, streams rows, expected line)
    (
        "O1,Bad AS,923609017,,NO,,,,\n",
        None,
        "organisations.csv:2:org_number: 923609017 is not a valid organisation number",
    ),
    (
        "O1,Bad AS,,99.99,NO,,,,\n",
        None,
        "organisations.csv:2:nace: 99.99 is neither a NACE Rev. 2.1 nor a Rev. 2 code",
    ),
    ("O1,,,,NO,,,,\n", None, "organisations.csv:2:name: this field is required"),
    ("O1,A,,,NO,,66.0,,\n", None, "organisations.csv:2:lon: give both latitude and longitude"),
    ("O1,A,,,NO,,95,10,\n", None, "organisations.csv:2:lat: must be at most 90"),
    ("O1,A,,,ZZ,,,,\n", None, "organisations.csv:2:country: ZZ is not an ISO country code"),
    (
        GOOD_ORG + "O1,Twice AS,,,NO,,,,\n",
        None,
        "organisations.csv:3:ref: reference O1 appears twice",
    ),
    (
        GOOD_ORG,
        "S1,O9,offer,material,Slag,,,,,,,,\n",
        "streams.csv:2:organisation_ref: no organisation with reference O9",
    ),
    (
        GOOD_ORG,
        "S1,O1,sideways,material,Slag,,,,,,,,\n",
        "streams.csv:2:direction: sideways is not allowed here",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,plasma,Slag,,,,,,,,\n",
        "streams.csv:2:category: plasma is not allowed",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,10 01 77,,,,,,,\n",
        "streams.csv:2:ewc_code: unknown EWC code 10 01 77",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,16 11 01,,,,,no,,\n",
        "streams.csv:2:hazardous: EWC code 161101 is hazardous",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,12,,,,,,\n",
        "streams.csv:2:unit: a quantity needs a unit",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,,t,,,,,\n",
        "streams.csv:2:quantity: a unit was given but no quantity",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,heat,Heat,,12,t,,,,,\n",
        "streams.csv:2:unit: unit t does not fit a heat",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,12,bushel,,,,,\n",
        "streams.csv:2:unit: unknown unit bushel",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,-5,t,,,,,\n",
        "streams.csv:2:quantity: must be at least 0",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,5,t,fortnight,,,,\n",
        "streams.csv:2:period: fortnight is not allowed",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,heat,Heat,,5,MWh,,-300,,,\n",
        "streams.csv:2:temperature_c: must be at least -273.15",
    ),
    (GOOD_ORG, "S1,O1,offer,material,Slag,,,,,,maybe,,\n", "streams.csv:2:hazardous: maybe is not"),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,,,,,,secret,\n",
        "streams.csv:2:visibility: secret is not",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,,,,,,,salary\n",
        "streams.csv:2:sensitive_fields: unknown value(s): salary",
    ),
    (
        GOOD_ORG,
        "S1,O1,offer,material,Slag,,,,,,,,,extra\n",
        "streams.csv:2: this row has more cells than the header has columns",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("orgs", "streams", "expected"), BAD_CASES)
def test_bad_row_is_reported_at_its_row_and_column_and_nothing_is_written(
    tmp_path, orgs, streams, expected
):
    streams_text = STREAM_HEADER + streams if streams else None
    folder = write(tmp_path / "bad", ORG_HEADER + orgs, streams_text)
    events_before = AuditEvent.objects.count()
    code, _, err = run_import(folder)
    assert code == 1
    lines = [line.split(str(tmp_path / "bad") + "/", 1)[-1] for line in err.splitlines()]
    assert any(line.startswith(expected) for line in lines), err
    assert Organisation.objects.count() == 0 and Stream.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
def test_every_problem_is_listed_not_only_the_first(tmp_path):
    folder = write(tmp_path / "many", ORG_HEADER + "O1,,12345,99.99,NO,,,,\nO2,Fine AS,,,NO,,,,\n")
    code, _, err = run_import(folder)
    assert code == 1
    places = {m.group(1) for m in re.finditer(r"(organisations\.csv:\d+:\w+): ", err)}
    assert places >= {
        "organisations.csv:2:name",
        "organisations.csv:2:org_number",
        "organisations.csv:2:nace",
    }
    assert not Organisation.objects.filter(ref="O2").exists()


@pytest.mark.django_db
def test_unknown_and_missing_columns_are_reported_on_the_header_row(tmp_path):
    folder = write(tmp_path / "cols", "ref,navn,colour\nO1,A,red\n")
    code, _, err = run_import(folder)
    assert code == 1
    assert "organisations.csv:1:navn: unknown column navn" in err
    assert "organisations.csv:1:name: required column name is missing" in err


@pytest.mark.django_db
def test_problems_are_reported_in_norwegian_when_norwegian_is_active(tmp_path):
    folder = write(tmp_path / "nb", ORG_HEADER + "O1,,,,NO,,,,\n")
    code, _, err = run_import(folder, lang="nb")
    assert code == 1
    assert "organisations.csv:2:name: dette feltet må fylles ut" in err
    assert "problem(er) funnet; ingenting ble importert" in err or "ingenting ble importert" in err


@pytest.mark.django_db
def test_semicolon_separated_csv_from_norwegian_excel_is_read(tmp_path):
    folder = tmp_path / "semi"
    folder.mkdir()
    (folder / "organisations.csv").write_bytes(
        "ref;name;municipality;lat;lon\nO1;Ørsta Fisk AS;Ørsta;62,2;6,13\n".encode("cp1252")
    )
    code, _, err = run_import(folder)
    assert code == 0, err
    org = Organisation.objects.get(ref="O1")
    assert (org.name, org.lat, org.lon) == ("Ørsta Fisk AS", 62.2, 6.13)


@pytest.mark.django_db
def test_workbook_with_both_sheets_imports(tmp_path):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    call_command("export", str(tmp_path / "x"), "--format", "xlsx", stdout=io.StringIO())
    Stream.objects.all().delete()
    Organisation.objects.all().delete()
    code, out, err = run_import(tmp_path / "x" / "listing.xlsx")
    assert code == 0, err
    assert Stream.objects.count() == 5 and Organisation.objects.count() == 3
    assert Stream.objects.get(ref="EX-S-SPL").ewc_code == "161101"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("data.txt", b"x", "unsupported file type"),
        ("sites.csv", b"ref\n", "must be named organisations.csv or streams.csv"),
        ("broken.xlsx", b"not a zip", "not a readable XLSX workbook"),
    ],
)
def test_unreadable_files_are_refused_clearly(name, data, message):
    with pytest.raises(SourceError, match=message):
        read_upload(name, data)


def test_empty_folder_and_missing_file_are_reported(tmp_path):
    with pytest.raises(SourceError, match="no organisations.csv, streams.csv"):
        read_paths([tmp_path])
    with pytest.raises(SourceError, match="file not found"):
        read_paths([tmp_path / "organisations.csv"])


@pytest.mark.django_db
def test_a_plan_with_problems_cannot_be_applied(tmp_path):
    folder = write(tmp_path / "p", ORG_HEADER + "O1,,,,NO,,,,\n")
    plan = plan_import(read_paths([folder]))
    with pytest.raises(ImportFailed):
        apply_import(plan, acting_user=None)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_failure_late_in_the_streams_rolls_back_everything(tmp_path):
    folder = tmp_path / "late"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "streams.csv").open("a", encoding="utf-8") as fh:
        cells = ["EX-BAD", "EX-FISH", "need", "heat", "Bad", "", "", "5", "t", "year"]
        fh.write(",".join(cells + [""] * (len(STREAM_COLUMNS) - len(cells))) + "\n")
    code, _, err = run_import(folder)
    assert code == 1 and "streams.csv:7:unit" in err
    assert Organisation.objects.count() == 0 and Stream.objects.count() == 0


def test_the_planner_reports_its_progress_in_rows(db, monkeypatch):
    from symbiose.registry.importers import listing
    from symbiose.registry.importers.sources import read_upload

    monkeypatch.setattr(listing, "PROGRESS_EVERY", 2)
    orgs = "ref,name\nORG-P,Progress AS\n"
    streams = "ref,organisation_ref,direction,category,title\n" + "".join(
        f"S-P-{k},ORG-P,offer,material,Ash {k}\n" for k in range(4)
    )
    calls = []
    sheets = read_upload("organisations.csv", orgs.encode()) + read_upload(
        "streams.csv", streams.encode()
    )
    plan = listing.plan_import(sheets, progress=lambda done, total: calls.append((done, total)))
    assert plan.ok, plan.problems
    assert calls == [(2, 5), (4, 5), (5, 5)]
