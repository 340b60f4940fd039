"""A facilitator turns a match into an opportunity and follows it through the pipeline."""

from __future__ import annotations

import pytest
from django.urls import reverse

from symbiose.facilitation.actions import (
    do_advance_phase,
    do_assess_readiness,
    do_create_opportunity,
    do_set_check,
    do_shelve,
)
from symbiose.facilitation.actions.opportunities import PhaseBlocked
from symbiose.facilitation.models import BankEntry, Opportunity
from symbiose.facilitation.models.opportunity import EXIT_CRITERIA
from symbiose.ledger.models import Exchange
from symbiose.registry.models import AuditEvent


def tick_all(opp, user):
    for key, _label in EXIT_CRITERIA[opp.phase]:
        do_set_check(opp, opp.phase, key, True, acting_user=user)


def test_facilitator_creates_an_opportunity_from_ticked_matches(client, hubworld):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:opportunity-from-matches", args=["testpark"])
    response = client.post(url, {"pair": ["S-FJORD-HEAT|S-VARME-HEAT"], "title": "Heat to town"})
    opp = Opportunity.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/hub/o/{opp.ref}/")
    assert opp.title == "Heat to town" and opp.kind == "utility"
    assert {s.ref for s in opp.streams.all()} == {"S-FJORD-HEAT", "S-VARME-HEAT"}
    assert {o.ref for o in opp.organisations.all()} == {"ORG-FJORD", "ORG-VARME"}


def test_ticking_no_match_gives_an_error_not_an_opportunity(client, hubworld):
    client.force_login(hubworld.facilitator)
    response = client.post(
        reverse("facilitation:opportunity-from-matches", args=["testpark"]), follow=True
    )
    assert "at least one match" in response.content.decode() or "minst" in response.content.decode()
    assert not Opportunity.objects.exists()


def test_a_match_outside_the_hub_is_a_404(client, hubworld):
    client.force_login(hubworld.other_facilitator)
    url = reverse("facilitation:opportunity-from-matches", args=["testpark"])
    assert client.post(url, {"pair": ["S-FJORD-HEAT|S-VARME-HEAT"]}).status_code == 404


def test_an_opportunity_cannot_leave_a_phase_with_open_exit_criteria(hubworld):
    opp = do_create_opportunity(hubworld.hub, {"title": "x"}, acting_user=hubworld.facilitator)
    with pytest.raises(PhaseBlocked, match="exit criterion"):
        do_advance_phase(opp, acting_user=hubworld.facilitator)
    tick_all(opp, hubworld.facilitator)
    do_advance_phase(opp, acting_user=hubworld.facilitator)
    assert opp.phase == 2


def test_leaving_implementation_opens_an_exchange_in_the_ledger(hubworld):
    user = hubworld.facilitator
    opp = do_create_opportunity(hubworld.hub, {"title": "Heat"}, acting_user=user)
    for _ in range(3):
        tick_all(opp, user)
        do_advance_phase(opp, acting_user=user)
    assert opp.phase == 4 and opp.status == "implemented"
    assert Exchange.objects.get().opportunity == opp
    with pytest.raises(PhaseBlocked, match="last phase"):
        do_advance_phase(opp, acting_user=user)


def test_readiness_is_the_weakest_of_the_four_dimensions_once_all_are_assessed(hubworld):
    user = hubworld.facilitator
    opp = do_create_opportunity(hubworld.hub, {"title": "x"}, acting_user=user)
    do_assess_readiness(opp, {"technological": 6, "business": 3}, acting_user=user)
    assert opp.srl() is None
    do_assess_readiness(
        opp, {"ecological": 5, "organisational": 4, "business": 5}, acting_user=user
    )
    assert opp.readiness()["business"] == 5
    assert opp.srl() == 4


@pytest.mark.parametrize("level", ["0", "10", "-1", "abc", "4.5"])
def test_an_out_of_range_readiness_level_is_refused_with_the_field_named(client, hubworld, level):
    client.force_login(hubworld.facilitator)
    opp = do_create_opportunity(hubworld.hub, {"title": "x"}, acting_user=hubworld.facilitator)
    response = client.post(
        reverse("facilitation:opportunity-readiness", args=[opp.ref]),
        {"technological": level},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Choose a level from 1 to 9 for technological" in response.content.decode()
    assert not opp.readiness_assessments.exists()


def test_a_bad_due_date_is_refused_with_what_to_write(client, hubworld):
    client.force_login(hubworld.facilitator)
    opp = do_create_opportunity(hubworld.hub, {"title": "x"}, acting_user=hubworld.facilitator)
    response = client.post(
        reverse("facilitation:opportunity-edit", args=[opp.ref]),
        {"title": "x", "kind": "genesis", "due_date": "31.02.2026"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Write the due date as YYYY-MM-DD" in response.content.decode()


def test_the_detail_page_shows_checklist_readiness_notes_and_history(client, hubworld):
    user = hubworld.facilitator
    client.force_login(user)
    opp = do_create_opportunity(hubworld.hub, {"title": "Slag road"}, acting_user=user)
    client.post(
        reverse("facilitation:opportunity-note", args=[opp.ref]), {"text": "Call the plant"}
    )
    tick_all(opp, user)
    client.post(reverse("facilitation:opportunity-advance", args=[opp.ref]))
    page = client.get(reverse("facilitation:opportunity", args=[opp.ref])).content.decode()
    assert "Call the plant" in page and "Slag road" in page
    verbs = set(AuditEvent.objects.filter(object_ref=opp.ref).values_list("verb", flat=True))
    assert {"created", "note", "checked", "phase"} <= verbs


def test_shelving_needs_a_reason_and_puts_an_anonymised_entry_in_the_bank(client, hubworld):
    user = hubworld.facilitator
    client.force_login(user)
    opp = do_create_opportunity(
        hubworld.hub, {"title": "Slag"}, streams=[hubworld.secret_stream], acting_user=user
    )
    url = reverse("facilitation:opportunity-shelve", args=[opp.ref])
    client.post(url, {"reason": ""})
    assert not BankEntry.objects.exists()
    client.post(url, {"reason": "No receiver within 200 km", "bank_title": "Slag"})
    entry = BankEntry.objects.get()
    assert entry.reason == "No receiver within 200 km"
    text = str(entry.streams)
    assert "Fjordmetall" not in text and "7373" not in text and "Confidential" not in text
    with pytest.raises(PhaseBlocked):
        do_shelve(opp, "again", acting_user=user)


def test_a_genesis_opportunity_is_made_by_hand_from_several_streams(client, hubworld):
    client.force_login(hubworld.facilitator)
    heat, slag = hubworld.public_stream, hubworld.secret_stream
    response = client.post(
        reverse("facilitation:opportunity-create", args=["testpark"]),
        {"title": "New fish farm", "kind": "genesis", "streams": [heat.pk, slag.pk]},
    )
    opp = Opportunity.objects.get(title="New fish farm")
    assert response.status_code == 302 and opp.kind == "genesis"
    assert set(opp.streams.all()) == {heat, slag}
    assert list(opp.organisations.all()) == [hubworld.org]


def test_a_stream_outside_the_hub_cannot_be_added_by_hand(client, hubworld):
    from symbiose.registry.actions import check_save_stream

    outside, _ = check_save_stream(
        {"ref": "S-OUT-1", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "heat", "title": "Outside heat", "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    client.force_login(hubworld.facilitator)
    response = client.post(
        reverse("facilitation:opportunity-create", args=["testpark"]),
        {"title": "Sneaky", "kind": "genesis", "streams": [outside.pk]},
    )
    assert response.status_code == 200 and not Opportunity.objects.exists()
