"""The demo shows regional work: a round in progress, outcomes on a realised exchange, demo
targets, and the overview figures a system facilitator sees; and never invents a fact about a
real company (outcomes and confirmations only on fictional organisations)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from symbiose.facilitation.models import Funding, Outcome, Permit
from symbiose.regional.models import Target, UpdateRound
from symbiose.regional.overview import build


@pytest.mark.django_db
def test_the_demo_has_a_round_in_progress_outcomes_and_demo_targets(client):
    call_command("demo", stdout=io.StringIO())
    found = UpdateRound.objects.get()
    answered = found.requests.exclude(confirmed_at=None).count()
    assert 0 < answered < found.requests.count()
    realised = Outcome.objects.filter(opportunity__status="implemented")
    assert realised.exists() and all(o.jobs_created for o in realised)
    assert all("demo" in f.scheme for o in realised for f in o.opportunity.funding.all())
    targets = Target.objects.all()
    assert targets and all(t.is_demo and "Demo" in t.source for t in targets)
    users = get_user_model().objects
    region = users.get(email="region@demo.symbiose.no")
    data = build(region)
    assert {t["status"] for t in data["targets"]} <= {"open", "reached", "missed", "unknown"}
    jobs = data["outcomes"]["outcomes"]["jobs_created"]
    assert jobs.shown and jobs.value == sum(o.jobs_created for o in realised)
    client.force_login(users.get(email="bedrift@demo.symbiose.no"))
    page = client.get("/streams/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Confirm your streams for {found.year}" in page
    client.force_login(region)
    assert client.get("/region/").status_code == 200


def _fictional(org) -> bool:
    return org.ref.startswith("ORG-DEMO-") and "(fiktiv" in org.name


@pytest.mark.django_db
def test_no_demo_outcome_or_confirmation_is_attached_to_a_real_company():
    call_command("demo", stdout=io.StringIO())
    rows = [*Outcome.objects.all(), *Funding.objects.all(), *Permit.objects.all()]
    assert {type(r) for r in rows} == {Outcome, Funding, Permit}
    for row in rows:
        orgs = list(row.opportunity.organisations.all())
        assert orgs and all(_fictional(o) for o in orgs), (row, orgs)
    # every kind of outcome is still shown: planned and realised, on 3+ organisations
    assert Outcome.objects.filter(opportunity__status="implemented").count() >= 2
    assert Outcome.objects.exclude(opportunity__status="implemented").exists()
    assert len({o.pk for r in rows for o in r.opportunity.organisations.all()}) >= 3
    answered = UpdateRound.objects.get().requests.exclude(confirmed_at=None)
    assert answered.exists() and all(_fictional(r.organisation) for r in answered)
