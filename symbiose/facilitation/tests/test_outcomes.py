"""Phase-3 outcomes: jobs, investment, funding and permits, recorded through actions with audit
rows, edited only by the hub's facilitators, refused input shown at its field in nb and en."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.facilitation import history
from symbiose.facilitation.actions import (
    do_create_opportunity,
    do_record_outcome,
    do_remove_funding,
    do_save_funding,
    do_save_permit,
)
from symbiose.facilitation.models import Funding, Outcome, Permit
from symbiose.registry.models import AuditEvent


@pytest.fixture
def opp(world):
    return do_create_opportunity(
        world.hub, {"title": "Heat to the dairy"}, streams=[world.public_stream],
        acting_user=world.facilitator,
    )  # fmt: skip


def url(opp) -> str:
    return f"/hub/o/{opp.ref}/outcomes/"


def test_recording_jobs_and_investment_writes_an_audit_row_with_the_changes(world, opp):
    do_record_outcome(
        opp, {"jobs_created": 12, "investment_made_nok": 4_500_000}, acting_user=world.facilitator
    )
    outcome = Outcome.objects.get(opportunity=opp)
    assert (outcome.jobs_created, outcome.investment_made_nok) == (12, 4_500_000)
    assert outcome.jobs_planned is None
    event = AuditEvent.objects.filter(verb="outcome", object_ref=opp.ref).get()
    assert event.data == {"jobs_created": 12, "investment_made_nok": 4_500_000}
    assert event.actor == world.facilitator
    with translation.override("nb"):
        text = history.describe(event)
    assert "arbeidsplasser skapt" in text and "4 500 000" in text.replace("\xa0", " ")


def test_funding_and_permits_are_added_changed_and_removed_with_history(world, opp):
    user = world.facilitator
    funding = do_save_funding(
        opp, {"scheme": "Enova", "amount_nok": 2_000_000, "status": "granted"}, acting_user=user
    )
    do_save_funding(opp, {"status": "received"}, funding=funding, acting_user=user)
    permit = do_save_permit(
        opp, {"authority": "Statsforvalteren", "subject": "utslippstillatelse",
              "status": "applied"}, acting_user=user,
    )  # fmt: skip
    assert Funding.objects.get(pk=funding.pk).status == "received"
    assert Permit.objects.get(pk=permit.pk).authority == "Statsforvalteren"
    do_remove_funding(funding, acting_user=user)
    assert not Funding.objects.filter(pk=funding.pk).exists()
    verbs = list(
        AuditEvent.objects.filter(object_ref=opp.ref).order_by("id").values_list("verb", flat=True)
    )
    assert verbs[-4:] == ["funding-added", "funding-changed", "permit-added", "funding-removed"]
    with translation.override("en"):
        texts = [history.describe(e) for e in AuditEvent.objects.filter(object_ref=opp.ref)]
    assert any("received" in t and "Enova" in t for t in texts)
    assert any("Statsforvalteren" in t and "applied for" in t for t in texts)


def test_a_row_of_another_opportunity_cannot_be_changed_through_this_one(world, opp):
    other = do_create_opportunity(world.hub, {"title": "Other"}, acting_user=world.facilitator)
    funding = do_save_funding(
        other, {"scheme": "Enova", "amount_nok": 1, "status": "applied"},
        acting_user=world.facilitator,
    )  # fmt: skip
    with pytest.raises(ValueError, match="another opportunity"):
        do_save_funding(opp, {"status": "received"}, funding=funding, acting_user=world.facilitator)
    client_page_pk = funding.pk
    assert Funding.objects.get(pk=client_page_pk).status == "applied"


def test_the_facilitator_records_outcomes_through_the_page(client, world, opp):
    client.force_login(world.facilitator)
    response = client.post(
        url(opp), {"which": "outcome", "jobs_planned": "15", "jobs_created": "8",
                   "investment_planned_nok": "", "investment_made_nok": "3000000"},
    )  # fmt: skip
    assert response.status_code == 302
    outcome = Outcome.objects.get(opportunity=opp)
    assert (outcome.jobs_planned, outcome.jobs_created) == (15, 8)
    assert outcome.investment_made_nok == 3_000_000
    page = client.get(f"/hub/o/{opp.ref}/").content.decode()
    assert 'id="jobs-created">8<' in page


@pytest.mark.parametrize(
    "lang,data,field,message",
    [
        ("en", {"which": "outcome", "jobs_created": "-3"}, "jobs created",
         "Give a number of full-time jobs between 0 and 100000"),
        ("nb", {"which": "outcome", "jobs_created": "mange"}, "arbeidsplasser skapt",
         "Oppgi et antall heltidsstillinger mellom 0 og 100000"),
        ("en", {"which": "permit", "permit-authority": "Statsforvalteren",
                "permit-subject": "discharge", "permit-status": "granted",
                "permit-applied_on": "2026-05-01", "permit-decided_on": "2026-04-01"},
         "decided on", "The decision cannot come before the application."),
        ("nb", {"which": "permit", "permit-authority": "Statsforvalteren",
                "permit-subject": "utslipp", "permit-status": "granted",
                "permit-applied_on": "2026-05-01"},
         "avgjort dato", "Oppgi datoen for vedtaket."),
        ("en", {"which": "funding", "funding-scheme": "Enova", "funding-amount_nok": "12.5",
                "funding-status": "received"}, "amount (NOK)",
         "Give an amount in whole NOK between 0 and"),
    ],
)  # fmt: skip
def test_bad_input_is_shown_at_its_field_and_nothing_typed_is_lost(
    client, world, opp, lang, data, field, message
):
    client.force_login(world.facilitator)
    with translation.override(lang):
        response = client.post(url(opp), data, HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    assert response.status_code == 400
    assert f"{field}: {message}" in page.replace("&#x27;", "'"), page[-3000:]
    typed = [v for k, v in data.items() if k != "which" and v]
    assert all(f'value="{v}"' in page for v in typed if v not in {"received", "granted"})
    assert not Outcome.objects.exclude(jobs_created=None).exists()
    assert not Permit.objects.exists() and not Funding.objects.exists()


@pytest.mark.parametrize(
    "role,status",
    [("facilitator", 302), ("admin", 302), ("system_facilitator", 403),
     ("other_facilitator", 404), ("owner", 404), ("outsider", 404), ("anonymous", 302)],
)  # fmt: skip
def test_only_the_hubs_facilitators_change_outcomes(client, world, opp, role, status):
    if role != "anonymous":
        client.force_login(world.role(role))
    response = client.post(url(opp), {"which": "outcome", "jobs_created": "5"})
    assert response.status_code == status
    changed = Outcome.objects.filter(opportunity=opp, jobs_created=5).exists()
    assert changed == (role in {"facilitator", "admin"})
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_the_hub_dashboard_shows_jobs_created_by_an_exchange(client, world, opp):
    from symbiose.facilitation.demo import _advance_to

    _advance_to(opp, 4, world.facilitator)
    do_record_outcome(opp, {"jobs_created": 7}, acting_user=world.facilitator)
    client.force_login(world.facilitator)
    page = client.get("/hub/testpark/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "7 jobs created" in page and f"/hub/o/{opp.ref}/outcomes/" in page
