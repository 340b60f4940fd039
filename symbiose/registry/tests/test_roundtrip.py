"""import -> export -> import is lossless for every template column."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from symbiose.registry.importers.listing import plan_import
from symbiose.registry.importers.sources import read_paths
from symbiose.registry.template import STREAM_COLUMNS

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "listing"


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return {r["ref"]: r for r in csv.DictReader(fh)}


@pytest.mark.django_db
def test_export_then_import_changes_nothing(tmp_path):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    call_command("export", str(tmp_path / "one"), stdout=io.StringIO())
    plan = plan_import(read_paths([tmp_path / "one"]))
    assert plan.ok, [p.render() for p in plan.problems]
    assert {r.action for r in plan.rows} == {"unchanged"}
    assert len(plan.rows) == 8


@pytest.mark.django_db
def test_every_column_survives_the_round_trip(tmp_path):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    call_command("export", str(tmp_path / "one"), stdout=io.StringIO())
    call_command("import", str(tmp_path / "one"), stdout=io.StringIO())
    call_command("export", str(tmp_path / "two"), stdout=io.StringIO())
    for name in ("organisations.csv", "streams.csv"):
        assert (tmp_path / "one" / name).read_text() == (tmp_path / "two" / name).read_text()
    exported = rows(tmp_path / "one" / "streams.csv")
    original = rows(EXAMPLE / "streams.csv")
    assert set(exported) == set(original)
    slag = exported["EX-S-SLAG"]
    assert slag["direction"] == "offer" and slag["ewc_code"] == "10 02 02"
    assert slag["sensitive_fields"] == "quantity;price" and slag["price_nok_per_unit"] == "-150"
    assert slag["composition"] == "MnO 8 %, SiO2 45 %" and slag["available_to"] == "2030-12-31"
    assert list(
        csv.DictReader(io.StringIO((tmp_path / "one" / "streams.csv").read_text())).fieldnames
    ) == list(STREAM_COLUMNS)


@pytest.mark.django_db
def test_geojson_lists_only_public_streams_without_hidden_values(tmp_path):
    import json

    call_command("import", str(EXAMPLE), stdout=io.StringIO())
    call_command("export", str(tmp_path / "g"), stdout=io.StringIO())
    data = json.loads((tmp_path / "g" / "organisations.geojson").read_text())
    streams = {s["ref"]: s for f in data["features"] for s in f["properties"]["streams"]}
    assert set(streams) == {"EX-S-SLAG", "EX-N-HEAT", "EX-N-RAW"}
    assert streams["EX-S-SLAG"]["annual_quantity"] is None
    assert streams["EX-N-HEAT"]["annual_quantity"] == pytest.approx(9600.0)
    assert "12000" not in json.dumps(data)
