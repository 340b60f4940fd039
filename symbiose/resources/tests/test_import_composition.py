"""The template's composition sheet: located errors in nb and en, all or nothing, replacement."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from symbiose.registry.models import Stream
from symbiose.resources.models import CompositionRow

ORGS = "ref,name,country,municipality\nO1,Støv og Slagg AS,SE,Luleå\n"
STREAMS = (
    "ref,organisation_ref,direction,category,title,quantity,unit,visibility\n"
    "S1,O1,offer,material,Filterstøv,800,t,public\n"
    "S2,O1,offer,material,Slagg,5000,t,public\n"
)
GOOD = (
    "stream_ref,substance,content,unit,analysed_on,method\n"
    'S1,Ga,"140,5",ppm,31.03.2026,ICP-MS\n'
    "S1,germanium,35,g/t,,estimate\n"
    "S2,Al2O3,12,%,2026-01-15,xrf\n"
)


def write(folder: Path, composition: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisations.csv").write_text(ORGS, encoding="utf-8")
    (folder / "streams.csv").write_text(STREAMS, encoding="utf-8")
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


@pytest.mark.django_db
def test_composition_rows_are_imported_with_their_streams_and_hidden_by_default(tmp_path):
    code, out = run_import(write(tmp_path / "a", GOOD))
    assert code == 0, out
    rows = CompositionRow.objects.order_by("id").values_list(
        "stream__ref", "substance", "content", "unit", "method"
    )
    assert list(rows) == [
        ("S1", "Ga", 140.5, "ppm", "icp"),
        ("S1", "Ge", 35.0, "g/t", "estimate"),
        ("S2", "Al2O3", 12.0, "%", "xrf"),
    ]
    # the streams sheet has no sensitive_fields column: new streams hide their analysis
    assert Stream.objects.get(ref="S1").sensitive_fields == ["analysis"]


@pytest.mark.django_db
def test_a_stream_named_again_gets_exactly_its_new_rows_and_others_keep_theirs(tmp_path):
    run_import(write(tmp_path / "a", GOOD))
    code, out = run_import(write(tmp_path / "b", "stream_ref,substance,content,unit\n"
                                                  "S1,Ga,150,ppm\n"))  # fmt: skip
    assert code == 0, out
    assert list(
        Stream.objects.get(ref="S1").composition_rows.values_list("substance", "content")
    ) == [("Ga", 150.0)]  # noqa: E501
    assert Stream.objects.get(ref="S2").composition_rows.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["composition.csv:2:unit: kg is not a unit of content; use %, ppm or g/t",
                "composition.csv:3:content: must be at most 100",
                "composition.csv:4:stream_ref: no stream with reference S9 in the file or the "
                "registry",
                "composition.csv:5:substance: Xq is not an element or a chemical formula"]),
        ("nb", ["composition.csv:2:unit: kg er ikke en enhet for innhold; bruk %, ppm eller g/t",
                "composition.csv:3:content: kan være høyst 100",
                "composition.csv:4:stream_ref: ingen strøm med referansen S9 i filen eller "
                "registeret",
                "composition.csv:5:substance: Xq er ikke et grunnstoff eller en kjemisk formel"]),
    ],
)  # fmt: skip
def test_bad_rows_are_located_and_a_failed_import_writes_nothing(tmp_path, lang, expected):
    bad = ("stream_ref,substance,content,unit\n"
           "S1,Ga,5,kg\nS1,Ge,120,%\nS9,Ga,1,ppm\nS2,Xq,1,%\n")  # fmt: skip
    code, out = run_import(write(tmp_path / lang, bad), lang=lang)
    assert code == 1
    for line in expected:
        assert line in out, out
    assert not Stream.objects.exists() and not CompositionRow.objects.exists()


@pytest.mark.django_db
def test_the_same_substance_twice_for_a_stream_is_refused_at_the_second_row(tmp_path):
    code, out = run_import(write(tmp_path, "stream_ref,substance,content,unit\n"
                                           "S1,Ga,5,ppm\nS1,gallium,6,ppm\n"))  # fmt: skip
    assert code == 1
    assert "composition.csv:3:substance: Ga is given twice for stream S1 (also at row 2)" in out


def _hub_preview(client, body: str) -> str:
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("composition.csv", body.encode(), content_type="text/csv")
    page = client.post(reverse("facilitation:hub-import", args=["testpark"]), {"file": upload},
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    found = re.search(r'<div class="errors".*?</div>|<table class="preview">.*?</table>', page,
                      re.S)  # fmt: skip
    return found.group(0) if found else page


def test_a_hub_import_cannot_write_another_hubs_composition_nor_learn_it_exists(
    client, hidden_world
):
    client.force_login(hidden_world.facilitator)  # Testpark's; S-QZ-OFFER is the other hub's
    header = "stream_ref,substance,content,unit\n"
    real = _hub_preview(client, header + "S-QZ-OFFER,Ga,1,ppm\n")
    missing = _hub_preview(client, header + "S-QZ-OFFEX,Ga,1,ppm\n")
    assert "no stream with reference S-QZ-OFFER in the file or the registry" in real
    assert real.replace("S-QZ-OFFER", "S-QZ-OFFEX") == missing
    from django.urls import reverse

    client.post(reverse("facilitation:hub-import", args=["testpark"]), {"confirm": "1"})
    assert not CompositionRow.objects.filter(stream__ref="S-QZ-OFFER").exists()
    # the hub's own stream takes its rows
    own = _hub_preview(client, header + "S-FJORD-SLAG,Mn,31,%\n")
    assert "errors" not in own
    client.post(reverse("facilitation:hub-import", args=["testpark"]), {"confirm": "1"})
    assert CompositionRow.objects.filter(stream__ref="S-FJORD-SLAG", substance="Mn").exists()
