"""Issue 11.5: text derived for many readers names no one a reader may not see, and the bank
of opportunities carries no company names."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from symbiose.facilitation import bankformat
from symbiose.facilitation.actions import check_import_bank, do_create_opportunity, do_shelve
from symbiose.facilitation.actions.bank import BankRefused
from symbiose.facilitation.derived import registered_names_in
from symbiose.facilitation.models import BankEntry, Opportunity
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.models import Organisation
from tests.world import HIDDEN


@pytest.fixture
def hidden_match(hidden_world):
    """Fjordmetall's slag matches the hidden organisation's need (identity and site hidden)."""
    do_recompute_all()
    return hidden_world


def test_an_opportunity_from_a_match_is_not_titled_with_a_hidden_name(client, hidden_match):
    w = hidden_match
    client.force_login(w.facilitator)
    client.post(
        reverse("facilitation:opportunity-from-matches", args=["testpark"]),
        {"pair": "S-FJORD-SLAG|S-QZ-NEED"}, HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    opp = Opportunity.objects.get()
    assert HIDDEN["name"] not in opp.title and "Nordvik" not in opp.title
    assert opp.title == "Manganese slag for an organisation"


def test_partners_see_a_hidden_organisation_of_an_opportunity_without_name_or_ref(
    client, hidden_match
):
    w = hidden_match
    opp = do_create_opportunity(
        w.hub, {"title": "Slag"}, streams=[w.secret_stream, w.hidden_need], acting_user=None
    )
    client.force_login(w.owner)  # Fjordmetall is a partner in the opportunity
    page = client.get(reverse("facilitation:opportunity", args=[opp.ref])).content.decode()
    api = client.get(f"/api/facilitation/opportunities/{opp.ref}").json()
    for text in (page, json.dumps(api)):
        assert HIDDEN["name"] not in text and HIDDEN["ref"] not in text
    assert api["organisation_refs"] == ["ORG-FJORD"]


def test_shelving_proposes_an_anonymised_title_and_refuses_company_names(client, hubworld):
    opp = do_create_opportunity(
        hubworld.hub, {"title": "Heat from Fjordmetall AS for Varmeverket",
                       "description": "Varmeverket AS wants 10 GWh"},
        streams=[hubworld.public_stream], acting_user=None,
    )  # fmt: skip
    client.force_login(hubworld.facilitator)
    page = client.get(
        reverse("facilitation:opportunity", args=[opp.ref]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'value="Heat from an organisation for an organisation"' in page
    url = reverse("facilitation:opportunity-shelve", args=[opp.ref])
    page = client.post(
        url, {"reason": "No pipe", "bank_title": "Heat for Varmeverket"}, follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()  # fmt: skip
    assert "names “Varmeverket AS”; the bank promises no company names" in page
    assert not BankEntry.objects.exists()
    opp.refresh_from_db()
    assert opp.status == "active"
    client.post(url, {"reason": "No pipe", "bank_title": "Heat for a district heating plant"})
    assert BankEntry.objects.get().title == "Heat for a district heating plant"


@pytest.mark.parametrize(
    "field,text",
    [("title", "Slag for Outsider AS"), ("description", "Ask outsider about it"),
     ("reason", "Fjordmetall said no")],
)  # fmt: skip
def test_a_bank_entry_naming_any_registered_organisation_is_refused(world, field, text):
    opp = do_create_opportunity(world.hub, {"title": "Slag"}, acting_user=None)
    values = {"title": "Slag", "description": "", "reason": "No receiver", field: text}
    with translation.override("en"), pytest.raises(BankRefused, match="the bank promises no"):
        do_shelve(opp, values["reason"], title=values["title"],
                  description=values["description"], acting_user=None)  # fmt: skip
    assert not BankEntry.objects.exists()


def test_an_imported_bank_file_naming_a_registered_organisation_is_refused(world):
    doc = {"format": bankformat.FORMAT, "version": bankformat.VERSION, "entries": [
        {"ref": "X-1", "title": "Heat for Fjordmetall", "kind": "utility",
         "reason": "Too far", "phase_reached": 1}]}  # fmt: skip
    with translation.override("en"), pytest.raises(bankformat.BankFormatError) as err:
        check_import_bank(world.hub, json.dumps(doc).encode(), source="x", acting_user=None)
    assert "Entry 1: the title names “Fjordmetall AS”" in err.value.problems[0]
    assert not BankEntry.objects.exists()


def test_a_name_is_found_with_or_without_its_legal_form_but_not_inside_words():
    names = ["Fjordmetall AS", "Mo AS"]
    assert registered_names_in("slag from FJORDMETALL", names) == ["Fjordmetall AS"]
    assert registered_names_in("slag from Fjordmetallverket", names) == []
    assert registered_names_in("Mo AS has heat", names) == ["Mo AS"]
    assert registered_names_in("more heat in Mo i Rana", names) == []


@pytest.mark.django_db
def test_the_demo_bank_entries_name_no_registered_organisation():
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    names = list(Organisation.objects.values_list("name", flat=True))
    entries = list(BankEntry.objects.all())
    assert entries, "the demo shelves at least one opportunity"
    for e in entries:
        text = " ".join([e.title, e.description, e.reason, json.dumps(e.streams)])
        assert registered_names_in(text, names) == []


def upload(data: bytes) -> dict:
    return {"file": SimpleUploadedFile("bank.json", data, content_type="application/json")}
