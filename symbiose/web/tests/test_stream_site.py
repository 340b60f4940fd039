"""A stream's own site, set on the stream form's map, or else its organisation's site."""

from __future__ import annotations

import pytest

from symbiose.registry.models import Stream

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NB = {"HTTP_ACCEPT_LANGUAGE": "nb"}
STREAM = {
    "direction": "offer",
    "category": "material",
    "title": "Slag stored at the harbour",
    "quantity": "100",
    "unit": "t",
    "period": "year",
    "visibility": "members",
}


def edit_data(client, ref: str) -> dict:
    initial = client.get(f"/streams/{ref}/edit/").context["form"].initial
    return {k: v for k, v in initial.items() if v not in (None, False)}


def test_a_point_on_the_map_is_saved_as_the_streams_own_site(client, world):
    client.force_login(world.owner)
    r = client.post("/organisations/ORG-FJORD/streams/new/",
                    {**STREAM, "lat": "58,1467", "lon": "7.9956"})  # fmt: skip
    assert r.status_code == 302
    stream = Stream.objects.get(title=STREAM["title"])
    assert (stream.lat, stream.lon) == pytest.approx((58.1467, 7.9956))
    assert stream.point == pytest.approx((58.1467, 7.9956))


def test_without_a_point_the_stream_uses_its_organisations_site(client, world):
    client.force_login(world.owner)
    client.post("/organisations/ORG-FJORD/streams/new/", STREAM)
    stream = Stream.objects.get(title=STREAM["title"])
    assert stream.lat is None and stream.point == (stream.organisation.lat, stream.organisation.lon)


@pytest.mark.parametrize(
    ("lat", "lon", "field", "message"),
    [
        ("95", "10", "lat", "Latitude must be a number between 57.5 and 71.5"),
        ("40.2", "10", "lat", "Click the map to place the site"),
        ("abc", "10", "lat", "Latitude must be a number"),
        ("60", "-3", "lon", "Longitude must be a number between 4.0 and 31.5"),
        ("60", "", "lon", "Give both latitude and longitude"),
    ],
)
def test_a_site_outside_norway_says_which_field_and_what_to_do(client, world, lat, lon, field,
                                                                message):  # fmt: skip
    client.force_login(world.owner)
    r = client.post("/organisations/ORG-FJORD/streams/new/",
                    {**STREAM, "lat": lat, "lon": lon}, **EN)  # fmt: skip
    assert r.status_code == 200
    assert message in " ".join(r.context["form"].errors[field])
    assert set(r.context["form"].errors) == {field}


def test_the_latitude_error_is_in_norwegian_for_norwegian_users(client, world):
    client.force_login(world.owner)
    r = client.post("/organisations/ORG-FJORD/streams/new/", {**STREAM, "lat": "95", "lon": "10"},
                    **NB)  # fmt: skip
    assert "Breddegrad må være et tall mellom 57,5 og 71,5" in " ".join(
        r.context["form"].errors["lat"]
    )


def test_editing_shows_the_map_centred_on_the_organisations_site(client, world):
    client.force_login(world.owner)
    page = client.get("/streams/S-FJORD-HEAT/edit/").content.decode()
    org = Stream.objects.get(ref="S-FJORD-HEAT").organisation
    assert 'id="stream-site-map"' in page and "data-site-map" in page
    assert f'data-center-lat="{org.lat}"' in page and 'data-clear="stream-site-clear"' in page


def test_clearing_the_site_on_edit_goes_back_to_the_organisations_site(client, world):
    client.force_login(world.owner)
    data = edit_data(client, "S-FJORD-HEAT")
    assert client.post("/streams/S-FJORD-HEAT/edit/", {**data, "lat": "59.05", "lon": "10.03"}
                       ).status_code == 302  # fmt: skip
    stream = Stream.objects.get(ref="S-FJORD-HEAT")
    assert (stream.lat, stream.lon) == pytest.approx((59.05, 10.03))
    data = edit_data(client, "S-FJORD-HEAT")
    assert data["lat"] and data["lon"]  # the form shows the stored site
    assert client.post("/streams/S-FJORD-HEAT/edit/", {**data, "lat": "", "lon": ""}
                       ).status_code == 302  # fmt: skip
    stream.refresh_from_db()
    assert stream.lat is None and stream.lon is None
    assert stream.point == (stream.organisation.lat, stream.organisation.lon)
