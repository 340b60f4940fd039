"""Hub pages: create, edit, members, dashboard, and the listing-template import with preview."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from symbiose.facilitation.models import Hub
from symbiose.registry.models import Stream

HEADER = "ref,organisation_ref,direction,category,title,quantity,unit,period\n"


def csv_upload(body: str, name: str = "streams.csv") -> dict:
    return {"file": SimpleUploadedFile(name, (HEADER + body).encode(), content_type="text/csv")}


def test_a_facilitator_creates_a_hub_and_becomes_its_facilitator(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("facilitation:hub-create"),
        {
            "slug": "mo",
            "name": "Mo park",
            "kind": "park",
            "center_lat": "66.3",
            "center_lon": "14.1",
            "radius_km": "5",
        },  # fmt: skip
    )
    hub = Hub.objects.get(slug="mo")
    assert response.url == reverse("facilitation:hub", args=["mo"])
    assert world.facilitator in hub.facilitators.all()


def test_a_company_member_cannot_create_a_hub(client, world):
    client.force_login(world.owner)
    assert client.get(reverse("facilitation:hub-create")).status_code == 403


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("center_lat", "91", "Give a latitude between -90 and 90"),
        ("center_lon", "east", "Give a longitude between -180 and 180"),
        ("radius_km", "-3", "Give a radius in km between 0 and 2000"),
        ("slug", "no spaces!", "slug"),
    ],
)
def test_a_bad_hub_field_is_named_with_what_to_do(client, world, field, value, message):
    client.force_login(world.facilitator)
    data = {"slug": "ok", "name": "Ok", "kind": "park", field: value}
    response = client.post(reverse("facilitation:hub-create"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and message in response.content.decode()
    assert not Hub.objects.filter(name="Ok").exists()


def test_members_are_invited_and_removed_by_reference(client, world):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-members", args=["testpark"])
    client.post(url, {"ref": "ORG-OUT"})
    assert world.outsider_org not in world.hub.members.all()  # invited, not yet a member
    assert world.hub.membership_requests.get(organisation=world.outsider_org).status == "pending"
    client.post(url, {"ref": "ORG-FJORD", "remove": "1"})
    assert world.org not in world.hub.members.all()
    response = client.post(url, {"ref": "ORG-NOPE"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "No organisation has the reference “ORG-NOPE”" in response.content.decode()


def test_the_dashboard_shows_streams_matches_and_the_sankey(client, hubworld):
    client.force_login(hubworld.facilitator)
    page = client.get(reverse("facilitation:hub", args=["testpark"])).content.decode()
    assert "Filter dust for facilitators only" in page  # facilitators see every stream
    assert 'class="sankey"' in page and "Varmeverket AS" in page
    assert 'id="hub-points"' in page


def test_a_member_company_sees_the_hub_page_but_not_the_dashboard(client, hubworld):
    client.force_login(hubworld.owner)
    page = client.get(reverse("facilitation:hub", args=["testpark"])).content.decode()
    assert "Varmeverket AS" in page and "sankey" not in page


def test_the_import_shows_a_preview_and_writes_only_after_confirming(client, world):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    body = "S-NEW-1,ORG-FJORD,offer,material,Spent lining,120,t,year\n"
    response = client.post(url, csv_upload(body), HTTP_ACCEPT_LANGUAGE="en")
    assert "S-NEW-1" in response.content.decode() and not Stream.objects.filter(ref="S-NEW-1")
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302 and Stream.objects.filter(ref="S-NEW-1").exists()


def test_an_import_with_problems_writes_nothing_and_lists_them(client, world):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    body = "S-BAD-1,ORG-FJORD,sideways,material,Thing,12,t,year\n"
    page = client.post(url, csv_upload(body), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nothing was saved" in page and "direction" in page
    assert 'id="confirm"' not in page
    client.post(url, {"confirm": "1"})
    assert not Stream.objects.filter(ref="S-BAD-1").exists()


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("picture.png", b"\x89PNG", "unsupported file type"),
        ("other.csv", b"a,b\n1,2\n", "organisations.csv or streams.csv"),
        ("template.xlsx", b"not a zip", ""),
        ("streams.csv", b"\xff\xfe\x00\x00garbage", ""),
    ],
)
def test_a_bad_upload_is_reported_not_a_server_error(client, world, name, data, message):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    response = client.post(url, {"file": SimpleUploadedFile(name, data)}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_confirming_without_an_upload_asks_to_choose_the_file_again(client, world):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    page = client.post(url, {"confirm": "1"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The upload has expired; choose the file again." in page


def test_the_dashboard_keeps_candidate_and_implemented_impact_apart(client, hubworld):
    client.force_login(hubworld.facilitator)
    page = client.get(reverse("facilitation:hub", args=["testpark"]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'id="impact"' in html
    assert "opportunities under way" in html and "implemented exchanges" in html


def test_a_nace_code_that_needs_a_choice_is_chosen_in_the_preview(client, world):
    from symbiose.registry.models import Organisation

    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    upload = {"file": SimpleUploadedFile(
        "organisations.csv", b"ref,name,nace\nORG-GJEN,Gjenvinning AS,38.32\n",
        content_type="text/csv")}  # fmt: skip
    page = client.post(url, upload, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Recovery of sorted materials" in page and 'name="nace:2"' in page
    assert '<option value="38.32">' in page  # the Rev. 2.1 reading is one of the choices
    page = client.post(url, {"nace_choice": "1", "nace:2": "38.21"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Nothing was saved" not in page.content.decode()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert Organisation.objects.get(ref="ORG-GJEN").nace == "38.21"
