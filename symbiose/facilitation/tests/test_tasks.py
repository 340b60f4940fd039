"""Follow-up tasks: generated from a workshop's data, listed open first, closed and reassigned."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from symbiose.facilitation import grid
from symbiose.facilitation.actions import (
    do_add_task,
    do_capture_streams,
    do_create_opportunity,
    do_generate_tasks,
    do_save_workshop,
    do_set_task_done,
)
from symbiose.facilitation.actions import tasks as task_actions
from symbiose.facilitation.models import FollowUpTask
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.engine.physics import UNKNOWN_SHARE
from symbiose.matching.models import Candidate
from symbiose.registry.importers.listing import plan_import
from symbiose.registry.importers.sources import read_upload
from symbiose.registry.models import AuditEvent, Stream


@pytest.fixture(autouse=True)
def english_pages(client):
    """Pages in English, the language of the messages checked here."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def captured(hubworld):
    """A past workshop where Fjordmetall and Varmeverket each brought one new stream."""
    ws = do_save_workshop(
        hubworld.hub, {"title": "Haves and wants", "date": datetime.date(2026, 3, 1)},
        invited=[hubworld.org, hubworld.varme], acting_user=hubworld.facilitator,
    )  # fmt: skip
    rows = [
        {"organisation_ref": "ORG-FJORD", "direction": "offer", "category": "material",
         "title": "Wood chips", "quantity": "12", "unit": "t", "period": "year"},
        {"organisation_ref": "ORG-VARME", "direction": "need", "category": "material",
         "title": "Wood chips for the boiler", "quantity": "10", "unit": "t", "period": "year"},
    ]  # fmt: skip
    plan = plan_import(read_upload("streams.csv", grid.to_csv(rows, prefix="S-WS")))
    assert plan.ok, plan.problems
    do_capture_streams(hubworld.hub, plan, workshop=ws, acting_user=hubworld.facilitator)
    do_recompute_all()
    hubworld.ws = ws
    return hubworld


def keys(hub) -> set[str]:
    return set(hub.tasks.values_list("key", flat=True))


def test_a_workshop_generates_a_sheet_task_per_participant_and_a_task_per_strong_match(
    captured,
):
    new = do_generate_tasks(captured.ws, acting_user=captured.facilitator)
    sheet_keys = {f"sheet:{captured.ws.pk}:ORG-FJORD", f"sheet:{captured.ws.pk}:ORG-VARME"}
    assert sheet_keys <= keys(captured.hub)
    assert "match:S-FJORD-HEAT|S-VARME-HEAT" in keys(captured.hub)
    assert all(t.assignee == captured.facilitator for t in new)
    assert all(t.status == "open" for t in new)
    due = datetime.date.today() + datetime.timedelta(days=task_actions.DUE_AFTER_DAYS)
    assert {t.due_date for t in new} == {due}
    sheet = FollowUpTask.objects.get(key=f"sheet:{captured.ws.pk}:ORG-VARME")
    assert sheet.label() == ("Send the match sheet and confirm the data with Varmeverket AS")
    heat = FollowUpTask.objects.get(key="match:S-FJORD-HEAT|S-VARME-HEAT")
    assert heat.label().startswith("Follow up the match ")
    assert "(Fjordmetall AS) → Heat for district heating (Varmeverket AS)" in heat.label()


def test_generating_twice_creates_no_duplicates(captured):
    first = do_generate_tasks(captured.ws, acting_user=captured.facilitator)
    assert first
    assert do_generate_tasks(captured.ws, acting_user=captured.facilitator) == []
    assert FollowUpTask.objects.count() == len(first)


def test_a_weak_candidate_gets_no_task(captured, monkeypatch):
    monkeypatch.setattr(task_actions, "STRONG_SCORE", 1.01)
    do_generate_tasks(captured.ws, acting_user=captured.facilitator)
    assert not any(k.startswith("match:") for k in keys(captured.hub))


@pytest.mark.parametrize("place_known", [True, False])
def test_a_pair_without_a_place_is_not_weaker_for_it(captured, place_known):
    # Stored just under the threshold: a located pair is below it; a pair without a place
    # ranks as if far apart, but a task judges it as at the usual distance (engine/scale.py).
    score = task_actions.STRONG_SCORE * UNKNOWN_SHARE + 0.01
    Candidate.objects.filter(offer__ref="S-FJORD-SLAG", need__ref="S-VARME-SLAG").update(
        score=score, distance_km=13.7 if place_known else None
    )  # write-ok: test setup
    do_generate_tasks(captured.ws, acting_user=captured.facilitator)
    assert ("match:S-FJORD-SLAG|S-VARME-SLAG" in keys(captured.hub)) is not place_known


def test_a_match_that_is_already_an_opportunity_gets_no_task_and_a_later_one_is_linked(captured):
    user = captured.facilitator
    heat = Stream.objects.filter(ref__in=["S-FJORD-HEAT", "S-VARME-HEAT"])
    opp = do_create_opportunity(captured.hub, {"title": "Heat"}, streams=heat, acting_user=user)
    do_generate_tasks(captured.ws, acting_user=user)
    assert "match:S-FJORD-HEAT|S-VARME-HEAT" not in keys(captured.hub)
    slag_key = "match:S-FJORD-SLAG|S-VARME-SLAG"
    assert slag_key in keys(captured.hub)
    slag = Stream.objects.filter(ref__in=["S-FJORD-SLAG", "S-VARME-SLAG"])
    later = do_create_opportunity(captured.hub, {"title": "Slag"}, streams=slag, acting_user=user)
    do_generate_tasks(captured.ws, acting_user=user)
    assert FollowUpTask.objects.get(key=slag_key).opportunity == later != opp


def test_a_participant_without_captured_streams_gets_no_sheet_task(hubworld):
    ws = do_save_workshop(
        hubworld.hub, {"title": "Empty", "date": datetime.date(2026, 3, 1)},
        invited=[hubworld.org], acting_user=hubworld.facilitator,
    )  # fmt: skip
    do_generate_tasks(ws, acting_user=hubworld.facilitator)
    assert not any(k.startswith("sheet:") for k in keys(hubworld.hub))


def test_the_generate_button_makes_the_tasks_and_the_workshop_page_lists_them(client, captured):
    client.force_login(captured.facilitator)
    url = reverse("facilitation:workshop-tasks", args=["testpark", captured.ws.pk])
    response = client.post(url, follow=True)
    page = response.content.decode()
    assert "New follow-up tasks: " in page
    assert "Send the match sheet and confirm the data with Varmeverket AS" in page
    again = client.post(url, follow=True).content.decode()
    assert "every task is there already" in again
    counts = AuditEvent.objects.filter(verb="tasks-generated").values_list("data__count", flat=True)
    assert sorted(counts) == [0, FollowUpTask.objects.count()]


@pytest.fixture
def tasks(hubworld):
    """Three tasks: one overdue, one due later and one done."""
    user = hubworld.facilitator
    past = datetime.date.today() - datetime.timedelta(days=3)
    later = datetime.date.today() + datetime.timedelta(days=30)
    overdue = do_add_task(hubworld.hub, {"title": "Call Varme", "due_date": past,
                                         "assignee": user}, acting_user=user)  # fmt: skip
    soon = do_add_task(hubworld.hub, {"title": "Book the room", "due_date": later},
                       acting_user=user)  # fmt: skip
    done = do_add_task(hubworld.hub, {"title": "Send invitations"}, acting_user=user)
    do_set_task_done(done, True, acting_user=user)
    return {"overdue": overdue, "soon": soon, "done": done}


def test_the_task_list_shows_open_tasks_first_and_marks_the_overdue(client, hubworld, tasks):
    client.force_login(hubworld.facilitator)
    page = client.get(reverse("facilitation:tasks", args=["testpark"])).content.decode()
    assert page.index("Call Varme") < page.index("Book the room") < page.index("Send invitations")
    assert f'id="task-{tasks["overdue"].pk}" class="task open overdue"' in page
    assert f'id="task-{tasks["soon"].pk}" class="task open"' in page


@pytest.mark.parametrize(
    "query,shown",
    [({"status": "done"}, {"Send invitations"}),
     ({"status": "open"}, {"Call Varme", "Book the room"}),
     ({"assignee": "me"}, {"Call Varme"}),
     ({"assignee": "none"}, {"Book the room", "Send invitations"}),
     ({}, {"Call Varme", "Book the room", "Send invitations"})],
)  # fmt: skip
def test_the_task_list_filters_by_status_and_assignee(client, hubworld, tasks, query, shown):
    client.force_login(hubworld.facilitator)
    page = client.get(reverse("facilitation:tasks", args=["testpark"]), query).content.decode()
    titles = {"Call Varme", "Book the room", "Send invitations"}
    assert {t for t in titles if t in page} == shown


def test_a_task_is_marked_done_and_opened_again(client, hubworld, tasks):
    client.force_login(hubworld.facilitator)
    task = tasks["soon"]
    url = reverse("facilitation:task-done", args=["testpark", task.pk])
    assert client.post(url, {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.done_at is not None
    client.post(url, {"done": "0"})
    task.refresh_from_db()
    assert task.status == "open" and task.done_at is None


def test_a_task_is_reassigned_and_its_due_date_moved(client, hubworld, tasks):
    client.force_login(hubworld.facilitator)
    task = tasks["soon"]
    url = reverse("facilitation:task-edit", args=["testpark", task.pk])
    p = f"t{task.pk}"
    client.post(url, {f"{p}-assignee": hubworld.system_facilitator.pk,
                      f"{p}-due_date": "2027-01-15"})  # fmt: skip
    task.refresh_from_db()
    assert task.assignee == hubworld.system_facilitator
    assert task.due_date == datetime.date(2027, 1, 15)
    event = AuditEvent.objects.filter(verb="task-updated").first()
    assert event.data["due_date"] == "2027-01-15"


@pytest.mark.parametrize(
    "field,value,message",
    [("assignee", "outsider", "Choose one of the hub's facilitators."),
     ("due_date", "soon", "Write the due date as YYYY-MM-DD, e.g. 2026-03-31.")],
)  # fmt: skip
def test_a_bad_reassignment_is_named_and_changes_nothing(client, hubworld, tasks, field, value,
                                                         message):  # fmt: skip
    client.force_login(hubworld.facilitator)
    task = tasks["soon"]
    value = hubworld.outsider.pk if value == "outsider" else value
    url = reverse("facilitation:task-edit", args=["testpark", task.pk])
    page = client.post(url, {f"t{task.pk}-{field}": value}, follow=True).content.decode()
    assert message.replace("'", "&#x27;") in page
    task.refresh_from_db()
    assert task.assignee is None and task.due_date == tasks["soon"].due_date


def test_a_task_is_added_by_hand_and_needs_a_title(client, hubworld):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:tasks", args=["testpark"])
    page = client.post(url, {"title": ""}).content.decode()
    assert "Say what is to be done." in page and not FollowUpTask.objects.exists()
    client.post(url, {"title": "Visit the smelter", "assignee": hubworld.facilitator.pk})
    task = FollowUpTask.objects.get()
    assert task.label() == "Visit the smelter" and task.assignee == hubworld.facilitator


def test_the_hub_dashboard_shows_open_tasks_to_the_workspace_only(client, hubworld, tasks):
    client.force_login(hubworld.facilitator)
    page = client.get(reverse("facilitation:hub", args=["testpark"])).content.decode()
    assert "Call Varme" in page and "Book the room" in page
    assert "Send invitations" not in page
    client.force_login(hubworld.owner)
    page = client.get(reverse("facilitation:hub", args=["testpark"])).content.decode()
    assert "Call Varme" not in page


def test_a_task_of_another_hub_is_a_404(client, hubworld, tasks):
    client.force_login(hubworld.other_facilitator)
    slug = hubworld.other_hub.slug
    url = reverse("facilitation:task-done", args=[slug, tasks["soon"].pk])
    assert client.post(url, {"done": "1"}).status_code == 404


def test_someone_both_facilitating_and_overseeing_a_hub_is_offered_once(hubworld):
    from symbiose.facilitation.actions import do_add_facilitator
    from symbiose.facilitation.forms import OpportunityForm, TaskForm

    user = hubworld.facilitator
    do_add_facilitator(hubworld.hub, user, acting_user=None, system=True)
    for form in (
        OpportunityForm(
            {"title": "Heat", "kind": "by-product", "owner": user.pk}, hub=hubworld.hub
        ),
        TaskForm({"assignee": user.pk}, hub=hubworld.hub),
    ):
        field = "owner" if "owner" in form.fields else "assignee"
        assert list(form.fields[field].queryset).count(user) == 1
        assert form.is_valid(), form.errors
        assert form.cleaned_data[field] == user
