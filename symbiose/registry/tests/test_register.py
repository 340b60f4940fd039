"""``symbiose import-register``: Enhetsregisteret's bulk file loaded offline, then used to
fill in the organisation form from an organisation number.

The bulk files here are small ones we make in the published format (JSON array of entities
with nested objects; CSV with dotted column names, gzip or not). The entities are made up
(their organisation numbers pass the mod-11 check but name no real company).
"""

from __future__ import annotations

import gzip
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from symbiose.registry.lookup import organisation_values
from symbiose.registry.models import Organisation, RegisterEntry

ENTITIES = [
    {
        "organisasjonsnummer": "987654321",
        "navn": "TESTVERK ALUMINIUM AS",
        "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"},
        "naeringskode1": {"kode": "24.420", "beskrivelse": "Produksjon av primæraluminium"},
        "antallAnsatte": 120,
        "forretningsadresse": {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "4612",
            "poststed": "KRISTIANSAND S",
            "adresse": ["Verksveien 1"],
            "kommune": "KRISTIANSAND",
            "kommunenummer": "4204",
        },
    },
    {
        "organisasjonsnummer": "912345678",
        "navn": "PRØVE GJENVINNING AS",
        "organisasjonsform": {"kode": "AS"},
        "naeringskode1": {"kode": "38.320", "beskrivelse": "Sortering og bearbeiding"},
        "forretningsadresse": {"adresse": ["Havna 2"], "kommune": "BERGEN",
                               "kommunenummer": "4601"},
    },
    {"organisasjonsnummer": "998877665", "navn": "UTEN KODE FORENING",
     "naeringskode1": {"kode": "00.000"}},
]  # fmt: skip
CSV = (
    '"organisasjonsnummer","navn","organisasjonsform.kode","naeringskode1.kode",'
    '"naeringskode1.beskrivelse","forretningsadresse.adresse","forretningsadresse.postnummer",'
    '"forretningsadresse.poststed","forretningsadresse.kommune","forretningsadresse.kommunenummer"\n'
    '"987654321","TESTVERK ALUMINIUM AS","AS","24.420","Produksjon av primæraluminium",'
    '"Verksveien 1","4612","KRISTIANSAND S","KRISTIANSAND","4204"\n'
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["enheter_alle.json", "enheter_alle.json.gz"])
def test_the_json_bulk_file_loads(tmp_path, name):
    data = json.dumps(ENTITIES, ensure_ascii=False, indent=1).encode()
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    call_command("import-register", str(tmp_path / name))
    entry = RegisterEntry.objects.get(org_number="987654321")
    assert (entry.name, entry.nace, entry.municipality_number) == (
        "TESTVERK ALUMINIUM AS", "24.420", "4204")  # fmt: skip
    assert entry.address == "Verksveien 1" and entry.postcode == "4612"
    assert RegisterEntry.objects.get(org_number="998877665").nace == ""  # 00.000: none stated
    assert RegisterEntry.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["enheter_alle.csv", "enheter_alle.csv.gz"])
def test_the_csv_bulk_file_loads_and_a_reload_updates(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(CSV.encode()) if name.endswith(".gz") else CSV.encode())
    call_command("import-register", str(path))
    path.write_bytes(
        (gzip.compress if name.endswith(".gz") else bytes)(
            CSV.replace("TESTVERK ALUMINIUM AS", "TESTVERK METALL AS").encode()
        )
    )
    call_command("import-register", str(path))
    assert RegisterEntry.objects.get(org_number="987654321").name == "TESTVERK METALL AS"
    assert RegisterEntry.objects.count() == 1


@pytest.mark.django_db
def test_a_file_that_is_not_a_bulk_file_is_refused(tmp_path):
    path = tmp_path / "streams.csv"
    path.write_text("ref,title\nS-1,Slagg\n")
    with pytest.raises(CommandError, match="column organisasjonsnummer"):
        call_command("import-register", str(path))
    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps(ENTITIES)[:300])
    with pytest.raises(CommandError, match="ends in the middle"):
        call_command("import-register", str(cut))


@pytest.mark.django_db
def test_organisation_values_convert_the_code_and_place_the_municipality(tmp_path):
    (tmp_path / "e.json").write_text(json.dumps(ENTITIES))
    call_command("import-register", str(tmp_path / "e.json"))
    values = organisation_values("987 654 321")
    assert values["name"] == "TESTVERK ALUMINIUM AS"
    assert values["nace"] == "24.42"  # SN 24.420 → NACE Rev. 2.1 class 24.42
    assert values["municipality"] == "Kristiansand"
    assert 57.9 < values["lat"] < 58.4 and 7.5 < values["lon"] < 8.3
    # 38.32 means another activity in Rev. 2.1: not filled in, the register's code is shown.
    recycler = organisation_values("912345678")
    assert recycler["nace"] == "" and recycler["nace_register"] == "38.320"
    assert organisation_values("111111111") is None


@pytest.mark.django_db
def test_the_organisation_form_fills_in_from_the_register(client, world, tmp_path):
    (tmp_path / "e.json").write_text(json.dumps(ENTITIES))
    call_command("import-register", str(tmp_path / "e.json"))
    client.force_login(world.outsider)
    url = reverse("web:org_new")
    page = client.get(url, {"org_number": "987654321"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="TESTVERK ALUMINIUM AS"' in html and 'value="24.42"' in html
    assert 'value="Kristiansand"' in html
    assert not Organisation.objects.filter(org_number="987654321").exists()
