"""A company that is not a hub member yet is added inline at a workshop and its streams are
captured in the same grid, through the same preview and rules as an uploaded template."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from symbiose.facilitation.actions import do_save_workshop
from symbiose.registry.models import AuditEvent, Organisation, Stream


@pytest.fixture
def workshop(hubworld):
    return do_save_workshop(
        hubworld.hub, {"title": "Haves and wants", "date": datetime.date(2026, 3, 1)},
        invited=[hubworld.org, hubworld.varme], acting_user=hubworld.facilitator,
    )  # fmt: skip


@pytest.fixture
def url(client, hubworld, workshop):
    client.force_login(hubworld.facilitator)
    client.cookies["django_language"] = "en"
    return reverse("facilitation:workshop-import", args=["testpark", workshop.pk])


def typed(**new: str) -> dict[str, str]:
    """One grid row for new organisation 1 plus the new-organisation fields given."""
    return {"grid": "1", "rows": "2", "organisation_ref-0": "new-1", "direction-0": "offer",
            "category-0": "material", "title-0": "Sawdust", "quantity-0": "40", "unit-0": "t",
            "period-0": "year", **{f"neworg-{k}": v for k, v in new.items()}}  # fmt: skip


def test_the_workshop_grid_offers_new_organisations(client, hubworld, workshop, url):
    html = client.get(f"/hub/testpark/workshops/{workshop.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = html.content.decode()
    assert 'name="neworg-name-1"' in html and 'name="neworg-org_number-3"' in html
    assert '<option value="new-1">New organisation 1</option>' in html


def test_a_new_company_and_its_stream_are_saved_unverified_in_the_hub(
    client, hubworld, workshop, url
):
    preview = client.post(url, typed(**{"name-1": "Sagbruket AS", "org_number-1": "987654325",
                                        "municipality-1": "Evje og Hornnes"}))  # fmt: skip
    html = preview.content.decode()
    assert 'id="confirm"' in html and "Sagbruket AS" in html and "Nothing was saved" not in html
    assert not Organisation.objects.filter(name="Sagbruket AS").exists()  # a preview writes nothing
    client.post(url, {"confirm": "1"})
    org = Organisation.objects.get(name="Sagbruket AS")
    assert org.org_number == "987654325" and org.municipality == "Evje og Hornnes"
    assert org.verified_at is None  # registered by the facilitator: not approved
    assert hubworld.hub.members.filter(pk=org.pk).exists()
    assert workshop.invited.filter(pk=org.pk).exists()
    stream = Stream.objects.get(title="Sawdust")
    assert stream.organisation == org and workshop.streams.filter(pk=stream.pk).exists()
    assert AuditEvent.objects.filter(verb="workshop-capture").exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "check digit is wrong"), ("nb", "kontrollsifferet er feil")],
)  # fmt: skip
def test_a_bad_organisation_number_is_shown_at_its_field_and_nothing_is_saved(
    client, hubworld, url, lang, message
):
    client.cookies["django_language"] = lang
    html = client.post(url, typed(**{"name-1": "Sagbruket AS", "org_number-1": "987654321"}))
    html = html.content.decode()
    field = html[html.index('id="id_neworg-org_number-1"') :]
    assert 'aria-invalid="true"' in field[:200] and message in field[:600]
    assert 'value="Sagbruket AS"' in html and 'value="Sawdust"' in html  # kept as typed
    assert 'id="confirm"' not in html and not Organisation.objects.filter(
        name="Sagbruket AS").exists()  # fmt: skip


def test_a_new_company_needs_a_name(client, hubworld, url):
    html = client.post(url, typed(**{"municipality-1": "Evje og Hornnes"})).content.decode()
    field = html[html.index('id="id_neworg-name-1"') :]
    assert 'aria-invalid="true"' in field[:200] and "New organisation 1, Name:" in html


def test_choosing_an_empty_new_organisation_is_a_problem_at_the_row(client, hubworld, url):
    html = client.post(url, typed()).content.decode()
    assert "Row 1, Organisation: no organisation with reference new-1" in html
    assert not Stream.objects.filter(title="Sawdust").exists()
