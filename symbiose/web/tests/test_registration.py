"""Guided registration: organisation, streams in plain words, my streams and their upkeep."""

from __future__ import annotations

import datetime

import pytest

from symbiose.registry.models import Organisation, Stream

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
STREAM = {
    "direction": "offer",
    "category": "material",
    "title": "Wood chips from the sawmill",
    "ewc_code": "03 01 05",
    "quantity": "1 200,5",
    "unit": "t",
    "period": "year",
    "visibility": "members",
    "sensitive_fields": ["price"],
}


def test_new_organisation_makes_the_creator_its_company_admin(client, world):
    client.force_login(world.outsider)
    r = client.post(
        "/organisations/new/",
        {"name": "Sagbruket AS", "nace": "16.11", "municipality": "Kinn", "lat": "61,6",
         "lon": "5,03"},
    )  # fmt: skip
    org = Organisation.objects.get(name="Sagbruket AS")
    assert r["Location"] == f"/organisations/{org.ref}/streams/new/"
    assert org.lat == pytest.approx(61.6)
    assert org.membership_set.get(user=world.outsider).role == "admin"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required"),
        ({"name": "A", "org_number": "123456789"}, "org_number", ""),
        ({"name": "A", "lat": "61"}, "lon", "Give both latitude and longitude"),
        ({"name": "A", "lat": "abc", "lon": "5"}, "lat", "abc is not a number"),
    ],
)
def test_organisation_form_says_which_field_is_wrong(client, world, data, field, message):
    client.force_login(world.outsider)
    r = client.post("/organisations/new/", data, **EN)
    assert r.status_code == 200
    assert field in r.context["form"].errors
    assert message in " ".join(r.context["form"].errors[field])


def test_a_stream_is_saved_from_plain_words_with_a_yearly_amount(client, world):
    client.force_login(world.owner)
    r = client.post("/organisations/ORG-FJORD/streams/new/", STREAM)
    stream = Stream.objects.get(title="Wood chips from the sawmill")
    assert r["Location"] == f"/streams/{stream.ref}/matches/"
    assert stream.ewc_code == "030105"
    assert stream.annual_quantity == pytest.approx(1200.5)
    assert stream.sensitive_fields == ["price"]


def test_a_stream_without_a_code_is_fine(client, world):
    client.force_login(world.owner)
    client.post("/organisations/ORG-FJORD/streams/new/", {**STREAM, "ewc_code": ""})
    assert Stream.objects.get(title=STREAM["title"]).ewc_code == ""


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"quantity": "12", "unit": ""}, "unit", "A quantity needs a unit"),
        ({"ewc_code": "99 99 99"}, "ewc_code", ""),
        ({"title": ""}, "title", "This field is required"),
        ({"quantity": "mye"}, "quantity", "mye is not a number"),
        ({"category": "heat", "unit": "t"}, "unit", ""),
    ],
)
def test_stream_form_errors_name_the_field(client, world, change, field, message):
    client.force_login(world.owner)
    r = client.post("/organisations/ORG-FJORD/streams/new/", {**STREAM, **change}, **EN)
    assert r.status_code == 200
    assert field in r.context["form"].errors
    assert message in " ".join(r.context["form"].errors[field])


def test_errors_are_in_norwegian_for_norwegian_users(client, world):
    client.force_login(world.owner)
    r = client.post(
        "/organisations/ORG-FJORD/streams/new/",
        {**STREAM, "unit": ""},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert "En mengde trenger en enhet" in " ".join(r.context["form"].errors["unit"])


GARBAGE = ["", "\x00", "ÆØÅ" * 300, "-1e309", "<script>", "1,2,3", "NaN", "9" * 400]


@pytest.mark.parametrize("junk", GARBAGE)
def test_no_input_makes_a_form_crash(client, world, junk):
    client.force_login(world.owner)
    fields = {k: junk for k in (*STREAM, "lat", "lon", "temperature_c", "price_nok_per_unit")}
    assert client.post("/organisations/ORG-FJORD/streams/new/", fields).status_code in (200, 302)
    org = {k: junk for k in ("name", "org_number", "nace", "municipality", "lat", "lon")}
    assert client.post("/organisations/new/", org).status_code in (200, 302)
    ok = 400 if "\x00" in junk else 200  # a NUL in a query: 400 naming it (symbiose/inputs.py)
    assert client.get("/suggest/ewc/", {"title": junk}).status_code == ok
    assert client.get(f"/streams/{world.secret_stream.ref}/matches/",
                      {"max_km": junk, "category": junk}).status_code == ok  # fmt: skip


def test_editing_keeps_the_reference_and_updates_fields(client, world):
    client.force_login(world.colleague)
    r = client.get("/streams/S-FJORD-HEAT/edit/")
    assert r.status_code == 200
    data = {**r.context["form"].initial, "title": "Surplus heat, updated"}
    data = {k: v for k, v in data.items() if v is not None}
    r = client.post("/streams/S-FJORD-HEAT/edit/", data)
    assert r.status_code == 302
    assert Stream.objects.get(ref="S-FJORD-HEAT").title == "Surplus heat, updated"


def test_archiving_removes_the_stream_from_my_list(client, world):
    client.force_login(world.owner)
    assert "Surplus heat" in client.get("/streams/").content.decode()
    assert client.post("/streams/S-FJORD-HEAT/archive/").status_code == 302
    page = client.get("/streams/").content.decode()
    assert "Surplus heat" not in page and "Manganese slag" in page  # the others stay
    assert Stream.objects.get(ref="S-FJORD-HEAT").archived_at is not None


def test_stale_streams_are_flagged_and_confirming_clears_the_flag(client, world):
    Stream.objects.filter(ref="S-FJORD-HEAT").update(  # write-ok: test setup of old data
        confirmed_at=datetime.date(2020, 1, 1)
    )
    client.force_login(world.owner)
    assert "Still valid?" in client.get("/streams/", **EN).content.decode()
    client.post("/streams/S-FJORD-HEAT/confirm/")
    assert "Still valid?" not in client.get("/streams/", **EN).content.decode()


@pytest.mark.parametrize("role", ["outsider", "other_facilitator", "anonymous"])
def test_others_cannot_edit_archive_or_confirm_my_streams(client, world, role):
    if role != "anonymous":
        client.force_login(world.role(role))
    for url in ("edit", "archive", "confirm", "matches"):
        r = client.post(f"/streams/S-FJORD-HEAT/{url}/")
        assert r.status_code in (404, 302)
        if r.status_code == 302:
            assert r["Location"].startswith("/accounts/login/")
    assert Stream.objects.get(ref="S-FJORD-HEAT").archived_at is None


def test_plain_words_suggest_waste_codes(client, db):
    r = client.get("/suggest/ewc/", {"title": "treflis fra sagbruk"})
    assert "03 01 05" in r.content.decode()


@pytest.mark.parametrize("title", ["brødrester", "slagg fra ferrolegering", "overskuddsvarme"])
def test_recognised_as_names_what_the_matching_engine_reads(client, db, title):
    from symbiose.taxonomy.classify import classify
    from symbiose.taxonomy.materials import materials_by_id

    page = client.get("/suggest/ewc/", {"title": title}, HTTP_ACCEPT_LANGUAGE="nb").content
    hint = page.decode().split("</p>")[0]
    classes = classify(title).classes
    assert classes, title
    for c in classes:
        assert materials_by_id()[c.class_id].label_nb in hint


def test_plain_words_suggest_industry_codes(client, db):
    r = client.get("/suggest/nace/", {"nace": "sagbruk"})
    assert "16.11" in r.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"quantity": "12,5", "unit": "t", "period": "week", "category": "material"}, "652,2 t/yr"),
        ({"quantity": "3", "unit": "t", "category": "heat"}, "passer ikke"),
        ({"quantity": "x", "unit": "t"}, "x er ikke et tall"),
    ],
)
def test_the_yearly_conversion_is_shown_while_typing(client, db, query, expected):
    assert expected in client.get("/suggest/convert/", query).content.decode()


def test_editing_keeps_values_the_form_does_not_show(client, world):
    from symbiose.registry.actions import check_save_stream

    check_save_stream(
        {"ref": "S-OUT-N", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Hazardous dust wanted", "accepts_hazardous": "yes",
         "crm": "manganese", "available_from": "2026-01-01", "lat": "60.1", "lon": "5.1"},
        acting_user=None,
    )  # fmt: skip
    client.force_login(world.outsider)
    data = {k: v for k, v in client.get("/streams/S-OUT-N/edit/").context["form"].initial.items()
            if v not in (None, False)}  # fmt: skip
    r = client.post("/streams/S-OUT-N/edit/", {**data, "title": "Dust wanted"})
    assert r.status_code == 302
    stream = Stream.objects.get(ref="S-OUT-N")
    assert stream.title == "Dust wanted" and stream.accepts_hazardous
    assert stream.crm == ["manganese"] and stream.available_from and stream.lat == 60.1


def test_identity_can_be_marked_sensitive_and_the_form_says_what_others_see(client, world):
    client.force_login(world.owner)
    page = client.get("/organisations/ORG-FJORD/streams/new/", **EN).content.decode()
    assert 'value="identity"' in page
    assert "others see “an organisation” instead of your name" in page  # Kristiansand: too few
    r = client.post("/organisations/ORG-FJORD/streams/new/",
                    {**STREAM, "sensitive_fields": ["identity", "location"]})  # fmt: skip
    assert r.status_code == 302
    stream = Stream.objects.get(title="Wood chips from the sawmill")
    assert stream.sensitive_fields == ["identity", "location"]


def test_waste_code_suggestions_show_their_chapter_and_explain_the_mirror_pair(client, db):
    from symbiose.taxonomy.ewc import load_ewc

    page = client.get("/suggest/ewc/", {"title": "sagflis"}, HTTP_ACCEPT_LANGUAGE="nb").content
    page = page.decode()
    assert page.index("03 01 05") < page.index("03 01 04*")
    assert "03 01 " + load_ewc()["0301"].title("nb") in page
    assert "Speilkode: velg 03 01 04* i stedet" in page
