"""Issue 11.3: a hub import touches only the hub's members, and its preview is no oracle: a
reference outside the hub reads exactly like one that does not exist."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream

HEADER = "ref,organisation_ref,direction,category,title,quantity,unit,period\n"


@pytest.fixture
def other_hubs_stream(hidden_world):
    """A stream of the other hub's (identity-hidden) organisation with a hidden quantity."""
    check_save_stream(
        {"ref": "S-QZ-QTY", "organisation_ref": "ORG-QZX-4471", "direction": "offer",
         "category": "material", "title": "Quartz fines", "quantity": "812", "unit": "t",
         "period": "year", "visibility": "public", "sensitive_fields": "identity;quantity"},
        acting_user=None,
    )  # fmt: skip
    return hidden_world


def preview(client, body: str) -> str:
    """The preview page's table and problems (what the facilitator learns), or the page."""
    upload = SimpleUploadedFile("streams.csv", (HEADER + body).encode(), content_type="text/csv")
    page = client.post(
        reverse("facilitation:hub-import", args=["testpark"]), {"file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()  # fmt: skip
    shown = r'<div class="errors".*?</div>|<table class="preview">.*?</table>'
    found = re.search(shown, page, re.S)
    return found.group(0) if found else page


@pytest.mark.parametrize(
    "row,twin",
    [
        # Changing another hub's stream: "unchanged" would confirm its hidden quantity.
        ("S-QZ-QTY,ORG-FJORD,offer,material,Quartz fines,812,t,year",
         "S-QZ-QTZ,ORG-FJORD,offer,material,Quartz fines,812,t,year"),
        ("S-QZ-QTY,ORG-FJORD,offer,material,Quartz fines,900,t,year",
         "S-QZ-QTZ,ORG-FJORD,offer,material,Quartz fines,900,t,year"),
        # Naming another hub's (hidden) organisation as owner.
        ("S-NEW-1,ORG-QZX-4471,offer,material,Slag,1,t,year",
         "S-NEW-1,ORG-QZX-4479,offer,material,Slag,1,t,year"),
    ],
)  # fmt: skip
def test_a_reference_outside_the_hub_previews_like_a_missing_one(
    client, other_hubs_stream, row, twin
):
    client.force_login(other_hubs_stream.facilitator)
    real, missing = preview(client, row + "\n"), preview(client, twin + "\n")
    swap = {"S-QZ-QTY": "S-QZ-QTZ", "ORG-QZX-4471": "ORG-QZX-4479"}
    for a, b in swap.items():
        real = real.replace(a, b)
    assert real == missing


def test_the_preview_of_another_hubs_stream_says_create_not_unchanged(client, other_hubs_stream):
    client.force_login(other_hubs_stream.facilitator)
    table = preview(client, "S-QZ-QTY,ORG-FJORD,offer,material,Quartz fines,812,t,year\n")
    assert '<span class="badge ok">new</span>' in table and "unchanged" not in table


def test_confirming_cannot_overwrite_another_hubs_stream(client, other_hubs_stream):
    w = other_hubs_stream
    client.force_login(w.facilitator)
    preview(client, "S-QZ-QTY,ORG-FJORD,offer,material,Overwritten,1,t,year\n")
    url = reverse("facilitation:hub-import", args=["testpark"])
    page = client.post(url, {"confirm": "1"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "reference S-QZ-QTY is already taken; choose another reference" in page
    stream = Stream.objects.get(ref="S-QZ-QTY")
    assert stream.title == "Quartz fines" and stream.quantity == 812
    assert stream.organisation.ref == "ORG-QZX-4471"
    assert not w.hub.members.filter(ref="ORG-QZX-4471").exists()


def test_an_organisation_row_outside_the_hub_is_neither_changed_nor_added(
    client, other_hubs_stream, tmp_path
):
    w = other_hubs_stream
    client.force_login(w.facilitator)
    orgs = SimpleUploadedFile(
        "organisations.csv", b"ref,name\nORG-QZX-4471,Renamed AS\n", content_type="text/csv"
    )
    url = reverse("facilitation:hub-import", args=["testpark"])
    page = client.post(url, {"file": orgs}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="badge ok">new</span>' in page and "Nordvik" not in page
    page = client.post(url, {"confirm": "1"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "reference ORG-QZX-4471 is already taken" in page
    w.hidden_org.refresh_from_db()
    assert w.hidden_org.name == "Nordvik Hemmelig Kvartsverk AS"
    assert not w.hub.members.filter(pk=w.hidden_org.pk).exists()


def test_the_hubs_own_streams_are_still_updated_with_their_changes(client, world):
    client.force_login(world.facilitator)
    table = preview(client, "S-FJORD-HEAT,ORG-FJORD,offer,heat,Surplus heat,45,GWh,year\n")
    assert '<span class="badge warn">changed</span>' in table and "quantity" in table
    client.post(reverse("facilitation:hub-import", args=["testpark"]), {"confirm": "1"})
    assert Stream.objects.get(ref="S-FJORD-HEAT").quantity == 45
