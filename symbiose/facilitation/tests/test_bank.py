"""The Bank of Opportunities: export, import into another hub, search, and bad files."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from symbiose.facilitation import bankformat
from symbiose.facilitation.actions import (
    check_import_bank,
    do_add_facilitator,
    do_assess_readiness,
    do_create_opportunity,
    do_shelve,
)
from symbiose.facilitation.models import BankEntry, Opportunity


@pytest.fixture
def shelved(hubworld):
    user = hubworld.facilitator
    opp = do_create_opportunity(
        hubworld.hub,
        {"title": "Slag for roads", "kind": "by-product", "description": "Crushed slag"},
        streams=[hubworld.secret_stream, hubworld.public_stream],
        acting_user=user,
    )
    do_assess_readiness(opp, {"technological": 4, "business": 2}, acting_user=user)
    return do_shelve(opp, "No permit for road use yet", acting_user=user)


def upload(data: bytes, name: str = "bank.json") -> dict:
    return {"file": SimpleUploadedFile(name, data, content_type="application/json")}


def test_an_exported_entry_imports_into_a_second_hub(client, hubworld, shelved):
    do_add_facilitator(hubworld.other_hub, hubworld.facilitator, acting_user=None)
    client.force_login(hubworld.facilitator)
    response = client.get(reverse("facilitation:bank-entry-export", args=[shelved.ref]))
    doc = json.loads(response.content)
    assert doc["format"] == bankformat.FORMAT and doc["version"] == 1
    assert doc["entries"][0]["readiness"] == {"technological": 4, "business": 2}
    response = client.post(
        reverse("facilitation:bank-import", args=["annenpark"]), upload(response.content)
    )
    assert response.status_code == 302
    copy = BankEntry.objects.get(hub=hubworld.other_hub)
    assert copy.title == "Slag for roads" and copy.reason == "No permit for road use yet"
    assert shelved.ref in copy.origin and copy.readiness == shelved.readiness


def test_a_bank_entry_never_carries_company_names_or_sensitive_values(client, hubworld, shelved):
    client.force_login(hubworld.facilitator)
    text = client.get(reverse("facilitation:bank-export")).content.decode()
    for secret in ("Fjordmetall", "ORG-FJORD", "7373", "Confidential", "QQ-17"):
        assert secret not in text
    assert "Surplus heat from furnace cooling" in text


def test_picking_up_an_entry_starts_an_opportunity_in_the_chosen_hub(client, hubworld, shelved):
    client.force_login(hubworld.other_facilitator)
    response = client.post(
        reverse("facilitation:bank-pick-up", args=[shelved.ref]), {"hub": "annenpark"}
    )
    opp = Opportunity.objects.get(hub=hubworld.other_hub)
    assert response.url.endswith(f"/hub/o/{opp.ref}/")
    assert "No permit for road use yet" in opp.description and opp.phase == 1


def test_picking_up_into_a_hub_you_do_not_facilitate_is_a_404(client, hubworld, shelved):
    client.force_login(hubworld.other_facilitator)
    url = reverse("facilitation:bank-pick-up", args=[shelved.ref])
    assert client.post(url, {"hub": "testpark"}).status_code == 404


def test_the_bank_is_searchable(client, hubworld, shelved):
    client.force_login(hubworld.other_facilitator)
    url = reverse("facilitation:bank")
    assert "Slag for roads" in client.get(url, {"q": "permit"}).content.decode()
    assert "Slag for roads" not in client.get(url, {"q": "hydrogen"}).content.decode()


def _doc(**entry) -> bytes:
    base = {"title": "Idea", "kind": "genesis", "reason": "Too early"}
    base.update(entry)
    return json.dumps({"format": bankformat.FORMAT, "version": 1, "entries": [base]}).encode()


BAD_FILES = [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00", "not valid JSON"),
    (b"[]", "not a bank of opportunities file"),
    (json.dumps({"format": "other"}).encode(), "not a bank of opportunities file"),
    (json.dumps({"format": bankformat.FORMAT, "version": 9}).encode(), "Version 9"),
    (json.dumps({"format": bankformat.FORMAT, "version": 1, "entries": []}).encode(), "no entries"),
    (_doc(title=""), "Entry 1, field “title”: fill it in"),
    (_doc(title=5), "Entry 1, field “title”: write it as text"),
    (_doc(kind="teleport"), "Entry 1, field “kind”: use one of"),
    (_doc(readiness={"technological": 12}), "readiness “technological”: give a whole number"),
    (_doc(readiness={"magic": 3}), "unknown dimension “magic”"),
    (_doc(readiness=[1, 2]), "give an object"),
    (_doc(shelved_at="yesterday"), "write the date as YYYY-MM-DD"),
    (_doc(streams=[{"direction": "up", "category": "heat"}]), "stream 1, field “direction”"),
    (_doc(streams="slag"), "give a list of objects"),
    (_doc(phase_reached=7), "field “phase_reached”: use one of"),
]


@pytest.mark.parametrize("data,message", BAD_FILES)
def test_a_bad_bank_file_is_refused_with_a_message_and_nothing_is_stored(hubworld, data, message):
    with pytest.raises(bankformat.BankFormatError, match=message):
        check_import_bank(hubworld.hub, data, source="t", acting_user=None)
    assert not BankEntry.objects.exists()


@pytest.mark.parametrize("data,message", BAD_FILES[:3] + BAD_FILES[9:10])
def test_a_bad_bank_upload_shows_the_problem_on_the_page(client, hubworld, data, message):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:bank-import", args=["testpark"])
    response = client.post(url, upload(data), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_an_empty_bank_upload_asks_for_a_file(client, hubworld):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:bank-import", args=["testpark"])
    response = client.post(url, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Choose a file to upload" in response.content.decode()


def test_the_bank_api_exports_and_imports_the_documented_format(client, hubworld, shelved):
    client.force_login(hubworld.other_facilitator)
    doc = client.get("/api/facilitation/bank").json()
    assert doc["entries"][0]["title"] == "Slag for roads"
    response = client.post(
        "/api/facilitation/hubs/annenpark/bank", json.dumps(doc), content_type="application/json"
    )
    assert response.status_code == 201 and len(response.json()["refs"]) == 1
    bad = client.post(
        "/api/facilitation/hubs/annenpark/bank", b"{", content_type="application/json"
    )
    assert bad.status_code == 422 and bad.json()["problems"]


def test_a_company_cannot_use_the_bank(client, hubworld, shelved):
    client.force_login(hubworld.owner)
    assert client.get(reverse("facilitation:bank")).status_code == 404
    assert client.get("/api/facilitation/bank").status_code == 404


def test_a_bad_bank_file_is_explained_in_norwegian_for_a_norwegian_user(client, hubworld):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:bank-import", args=["testpark"])
    response = client.post(url, upload(_doc(kind="teleport")), HTTP_ACCEPT_LANGUAGE="nb")
    assert "Oppføring 1, feltet «kind»: bruk en av" in response.content.decode()


def test_a_refused_name_is_quoted_as_norwegian_pages_quote(hubworld):
    """«…» in Norwegian, “…” in English: the quotes follow the page's language."""
    from django.utils import translation

    from symbiose.facilitation.actions.bank import BankRefused, check_no_company_names

    for lang, quoted in (("nb", "«Fjordmetall AS»"), ("en", "“Fjordmetall AS”")):
        with translation.override(lang), pytest.raises(BankRefused, match=quoted):
            check_no_company_names({"title": "Slag from Fjordmetall AS"})
