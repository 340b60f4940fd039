"""The demo never invents a fact about a real company.

Most demo organisations are real (``registry/demo``). The demo may *propose* work between
them — a phase-1 opportunity, as a facilitator noting a candidate would — but every record
that says something happened or was decided (an opportunity past phase 1 or shelved, its
readiness, ticked criteria and notes, a bank entry, an exchange and its delivered quantities,
outcomes, funding, permits, a confirmed update round, a workshop, a contact request or message,
composition, deposits, competences, a watched stream) involves only the fictional
organisations of ``resources/demo``.
"""

from __future__ import annotations

import io

import pytest
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
from symbiose.resources.models import Competence, CompositionRow, Deposit
from symbiose.search.models import Watch


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
