"""The demo never invents a fact about a real company.

Most demo organisations are real (``registry/demo``). The demo may *propose* work between
them — a phase-1 opportunity, as a facilitator noting a candidate would — but every record
that says something happened or was decided (an opportunity past phase 1 or shelved, its
readiness, ticked criteria and notes, a bank entry, an exchange and its delivered quantities,
outcomes, funding, permits, a confirmed update round, a workshop, a contact request or message,
composition, deposits, competences, a watched stream) involves only the fictional
organisations of ``resources/demo``. No demo login belongs to a real organisation: the demo
never makes a real company's account act (save searches, confirm streams, answer requests).
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from symbiose.contact.models import ContactRequest, Message
from symbiose.facilitation.models import (
    BankEntry,
    Funding,
    HubAssessment,
    Opportunity,
    OpportunityNote,
    Outcome,
    Permit,
    PhaseCheck,
    ReadinessAssessment,
    Workshop,
)
from symbiose.ledger.models import Entry, Exchange
from symbiose.regional.models import RoundRequest
from symbiose.registry.actions import do_add_member
from symbiose.registry.models import Membership, Organisation
from symbiose.resources.models import Competence, CompositionRow, Deposit
from symbiose.search.models import SavedSearch, Watch
from symbiose.web.management.commands.demo import DEMO_PASSWORD, DEMO_USERS


def fictional(org) -> bool:
    """A demo organisation made up for the demo (``resources/demo/organisations.csv``)."""
    return org.ref.startswith("ORG-DEMO-") and "(fikti" in org.name


def involved(opp: Opportunity) -> set:
    """Every organisation an opportunity names, directly or through its streams."""
    return {*opp.organisations.all(), *(s.organisation for s in opp.streams.all())}


def real_ones(orgs) -> list[str]:
    return sorted(o.ref for o in orgs if not fictional(o))


@pytest.mark.django_db
def test_the_fictional_test_reads_names_and_refs():
    from symbiose.registry.models import Organisation

    assert fictional(Organisation(ref="ORG-DEMO-X", name="Skarvik (fiktiv)"))
    assert fictional(Organisation(ref="ORG-DEMO-X", name="Agder (fiktivt institutt)"))
    assert not fictional(Organisation(ref="ORG-DEMO-X", name="Skarvik AS"))
    assert not fictional(Organisation(ref="ORG-ALCOA", name="Alcoa (fiktiv)"))


@pytest.mark.django_db
def test_the_demo_proposes_between_real_companies_and_records_facts_only_on_fictional_ones():
    call_command("demo", stdout=io.StringIO())
    only_fictional_organisations_get_past_a_proposal()
    no_delivery_or_confirmation_is_recorded_for_a_real_company()
    no_other_demo_record_involves_a_real_company()
    no_demo_login_belongs_to_a_real_organisation()


def only_fictional_organisations_get_past_a_proposal() -> None:
    advanced = [o for o in Opportunity.objects.all() if o.phase > 1 or o.status != "active"]
    # the demo still shows every phase, a shelved opportunity and an implemented one
    assert {o.phase for o in advanced} >= {2, 3, 4}
    assert {o.status for o in advanced} >= {"shelved", "implemented"}
    for opp in advanced:
        assert not real_ones(involved(opp)), (opp.title, opp.phase, opp.status)
    # real companies are still proposed to each other, in phase 1 and nothing more
    proposed = [o for o in Opportunity.objects.all() if real_ones(involved(o))]
    assert proposed and all(o.phase == 1 and o.status == "active" for o in proposed)
    for model in (ReadinessAssessment, PhaseCheck, OpportunityNote, Outcome, Funding, Permit):
        rows = list(model.objects.select_related("opportunity"))
        assert rows, model.__name__
        for row in rows:
            assert not real_ones(involved(row.opportunity)), (model.__name__, row.pk)
    entries = list(BankEntry.objects.exclude(opportunity=None))
    assert entries and all(not real_ones(involved(e.opportunity)) for e in entries)


def no_delivery_or_confirmation_is_recorded_for_a_real_company() -> None:
    exchanges = list(Exchange.objects.select_related("opportunity"))
    assert exchanges and Entry.objects.filter(exchange__in=exchanges).exists()
    for exchange in exchanges:
        assert not real_ones(involved(exchange.opportunity)), exchange.pk
    answered = RoundRequest.objects.exclude(confirmed_at=None).select_related("organisation")
    assert answered and not real_ones(r.organisation for r in answered)


def no_other_demo_record_involves_a_real_company() -> None:
    for workshop in Workshop.objects.all():
        assert not real_ones(workshop.invited.all()), workshop.title
    for req in ContactRequest.objects.select_related("requester_org", "target_org"):
        assert not real_ones([req.requester_org, req.target_org]), req.pk
    for message in Message.objects.select_related("request__target_org"):
        assert not real_ones([message.request.requester_org, message.request.target_org])
    rows = CompositionRow.objects.select_related("stream__organisation")
    assert rows and not real_ones(r.stream.organisation for r in rows)
    deposits = Deposit.objects.select_related("stream__organisation")
    assert deposits and not real_ones(d.stream.organisation for d in deposits)
    competences = Competence.objects.select_related("organisation")
    assert competences and not real_ones(c.organisation for c in competences)
    # the hubs carry real parks' and clusters' names: their portfolio scores say they are made up
    scores = HubAssessment.objects.all()
    assert scores and all("oppdiktet" in a.evidence for a in scores)
    watched = Watch.objects.exclude(stream=None).select_related("stream__organisation")
    assert watched and not real_ones(w.stream.organisation for w in watched)


def demo_logins() -> list:
    return list(get_user_model().objects.filter(email__in=[e for e, _r, _l in DEMO_USERS]))


def no_demo_login_belongs_to_a_real_organisation() -> None:
    logins = demo_logins()
    assert len(logins) == len(DEMO_USERS)
    memberships = Membership.objects.filter(user__in=logins).select_related("organisation")
    assert not real_ones(m.organisation for m in memberships)
    # the company login still administers an organisation, and its saved search is its own
    company = next(u for u in logins if u.email == DEMO_USERS[0][0])
    assert memberships.filter(user=company, role="admin").exists()
    searches = SavedSearch.objects.filter(user__in=logins)
    assert searches.filter(user=company).exists()
    for search in searches:
        orgs = Organisation.objects.filter(membership__user=search.user)
        assert not real_ones(orgs), search.name


@pytest.mark.django_db
def test_running_the_demo_again_takes_its_login_out_of_a_real_company():
    """An installation loaded by an older demo had the company login administering a real
    company (the first hub member by ref); loading the demo again ends that membership."""
    call_command("demo", stdout=io.StringIO())
    company = get_user_model().objects.get(email=DEMO_USERS[0][0])
    real = Organisation.objects.filter(ref__startswith="ORG-").exclude(ref__startswith="ORG-DEMO-")[
        0
    ]
    do_add_member(real, company, acting_user=None, role="admin")
    assert real_ones(Organisation.objects.filter(membership__user=company))
    call_command("demo", stdout=io.StringIO())
    orgs = Organisation.objects.filter(membership__user=company)
    assert orgs.exists() and not real_ones(orgs)


@pytest.mark.django_db
def test_every_printed_demo_login_signs_in_and_reaches_its_pages(client):
    """The logins ``scripts/run`` prints work with the printed password, through the login
    form, and each reaches the pages of its role."""
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    pages = {"member": "/streams/", "hub-facilitator": "/hub/agder-eyde/",
             "system-facilitator": "/region/", "admin": "/hub/"}  # fmt: skip
    for email, role, _label in DEMO_USERS:
        assert email in printed
        client.logout()
        page = client.post(
            "/accounts/login/", {"username": email, "password": DEMO_PASSWORD}, follow=True
        )
        assert page.status_code == 200
        assert page.context["user"].is_authenticated, email
        shown = client.get(pages[role], HTTP_ACCEPT_LANGUAGE="en")
        assert shown.status_code == 200, (email, pages[role])
        if role == "member":  # the company login works for the fictional Sørfjord
            assert "Sørfjord kommune (fiktiv)" in shown.content.decode()
    client.logout()
    assert not client.login(username=DEMO_USERS[0][0], password="wrong")
