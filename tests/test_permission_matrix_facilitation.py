"""Who may open which facilitation page: every role against every URL.

A facilitator sees everything in their hub and nothing outside it (404, like a missing hub); a
system facilitator reads the hubs they oversee but does not change them (403); a company sees
its hub's page and its own opportunities, never the facilitators' notes. A self-registered
company and a company invited to the hub but not yet accepted (``pending_member``) are
outsiders everywhere.
"""

from __future__ import annotations

import datetime

import pytest

from symbiose.facilitation.actions import (
    do_add_note,
    do_add_task,
    do_create_opportunity,
    do_save_workshop,
    do_shelve,
)
from tests.world import ROLES

NOTE = "Facilitator note: Fjordmetall is negotiating with a rival"
TASK = "Ask Fjordmetall about the rival offer"
OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404


@pytest.fixture
def setup(world):
    user = world.facilitator
    opp = do_create_opportunity(
        world.hub, {"title": "Heat"}, streams=[world.public_stream], acting_user=user
    )
    do_add_note(opp, NOTE, acting_user=user)
    shelved = do_create_opportunity(world.hub, {"title": "Slag"}, acting_user=user)
    entry = do_shelve(shelved, "Too far", acting_user=user)
    ws = do_save_workshop(
        world.hub, {"title": "W", "date": datetime.date(2026, 1, 1)}, acting_user=user
    )
    task = do_add_task(world.hub, {"title": TASK, "workshop": ws}, acting_user=user)
    return {"opp": opp.ref, "bank": entry.ref, "ws": ws.pk, "task": task.pk}


def expect(**by_role):
    """Expected status per role; anonymous is always sent to log in."""
    by_role.setdefault("anonymous", LOGIN)
    return by_role


INSIDE = dict(facilitator=OK, system_facilitator=OK, admin=OK)
OUTSIDERS = dict(outsider=MISSING, other_facilitator=MISSING, self_registered=MISSING,
                 pending_member=MISSING)  # fmt: skip
NOBODY_ELSE = dict(owner=MISSING, colleague=MISSING, **OUTSIDERS)
WORKSPACE_READ = expect(**INSIDE, **NOBODY_ELSE)
#: A PDF is a report job: the workspace is sent on to the job's page (symbiose/reports).
WORKSPACE_JOB = expect(**{r: 302 for r in INSIDE}, **NOBODY_ELSE)
WORKSPACE_WRITE = expect(**INSIDE, **NOBODY_ELSE) | {"system_facilitator": FORBIDDEN}
EVERYONE = expect(**{r: OK for r in ROLES if r != "anonymous"})
BANK = expect(**NOBODY_ELSE | {"other_facilitator": OK}, **INSIDE)

MATRIX = [
    ("/hub/", EVERYONE),
    ("/hub/portfolio/", EVERYONE),
    (
        "/hub/testpark/",
        expect(owner=OK, colleague=OK, **OUTSIDERS, **INSIDE),
    ),  # fmt: skip
    ("/hub/testpark/matches/", WORKSPACE_READ),
    ("/hub/testpark/opportunities/", WORKSPACE_READ),
    ("/hub/testpark/report.pdf", WORKSPACE_JOB),
    ("/hub/testpark/report.xlsx", WORKSPACE_READ),
    ("/hub/testpark/workshops/{ws}/", WORKSPACE_READ),
    ("/hub/testpark/workshops/{ws}/sheets.pdf", WORKSPACE_JOB),
    ("/hub/testpark/tasks/", WORKSPACE_READ),
    ("/hub/testpark/history/", WORKSPACE_READ),
    ("/hub/testpark/edit/", WORKSPACE_WRITE),
    ("/hub/testpark/import/", WORKSPACE_WRITE),
    ("/hub/testpark/opportunities/new/", WORKSPACE_WRITE),
    ("/hub/testpark/workshops/new/", WORKSPACE_WRITE),
    ("/hub/testpark/bank/import/", WORKSPACE_WRITE),
    ("/hub/testpark/assess/", expect(**INSIDE, **NOBODY_ELSE)),
    (
        "/hub/o/{opp}/",
        expect(owner=OK, colleague=OK, **OUTSIDERS, **INSIDE),
    ),  # fmt: skip
    ("/hub/o/{opp}/edit/", WORKSPACE_WRITE),
    ("/hub/o/{opp}/outcomes/", WORKSPACE_READ),
    ("/hub/bank/", BANK),
    ("/hub/bank/{bank}/", BANK),
    ("/hub/bank/{bank}/export.json", BANK),
    ("/hub/bank/export.json", BANK),
    ("/hub/nowhere/", expect(**{r: MISSING for r in ROLES if r != "anonymous"})),
    ("/hub/o/OPP-MISSING/", expect(**{r: MISSING for r in ROLES if r != "anonymous"})),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url,expected", MATRIX, ids=[m[0] for m in MATRIX])
def test_each_role_gets_the_expected_answer_for_each_page(
    client, world, setup, role, url, expected
):
    if role != "anonymous":
        client.force_login(world.role(role))
    response = client.get(url.format(**setup))
    assert response.status_code == expected[role], (role, url)


API_MATRIX = [
    ("/api/facilitation/hubs/testpark/opportunities", WORKSPACE_READ),
    (
        "/api/facilitation/opportunities/{opp}",
        expect(owner=OK, colleague=OK, **OUTSIDERS, **INSIDE),
    ),  # fmt: skip
    ("/api/facilitation/bank", BANK),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url,expected", API_MATRIX, ids=[m[0] for m in API_MATRIX])
def test_each_role_gets_the_expected_answer_from_the_api(client, world, setup, role, url, expected):
    if role != "anonymous":
        client.force_login(world.role(role))
    response = client.get(url.format(**setup))
    want = 401 if role == "anonymous" else expected[role]
    assert response.status_code == want, (role, url)


@pytest.mark.parametrize("role", ["owner", "colleague", *OUTSIDERS])
def test_a_company_or_other_hub_never_sees_the_facilitator_notes(client, world, setup, role):
    client.force_login(world.role(role))
    response = client.get(f"/hub/o/{setup['opp']}/")
    assert NOTE not in response.content.decode()


@pytest.mark.parametrize("role", ["facilitator", "system_facilitator", "admin"])
def test_the_hub_workspace_sees_the_facilitator_notes(client, world, setup, role):
    client.force_login(world.role(role))
    assert NOTE in client.get(f"/hub/o/{setup['opp']}/").content.decode()


def test_a_hub_list_shows_only_the_hubs_a_facilitator_works_in(client, world, setup):
    client.force_login(world.other_facilitator)
    page = client.get("/hub/").content.decode()
    assert "Annen park" in page and "Testpark" not in page


@pytest.mark.parametrize("role", ["owner", "system_facilitator", *OUTSIDERS])
def test_only_the_hub_facilitators_change_an_opportunity(client, world, setup, role):
    client.force_login(world.role(role))
    response = client.post(f"/hub/o/{setup['opp']}/note/", {"text": "sneaky"})
    assert response.status_code in (403, 404)
    response = client.post(f"/hub/o/{setup['opp']}/shelve/", {"reason": "sneaky"})
    assert response.status_code in (403, 404)


#: Follow-up tasks: the hub's whole workspace changes them (system facilitators too).
TASK_WRITES = [
    ("/hub/testpark/tasks/{task}/done/", {"done": "1"}),
    ("/hub/testpark/tasks/{task}/edit/", {"t{task}-due_date": "2027-02-01"}),
    ("/hub/testpark/workshops/{ws}/tasks/", {}),
    ("/hub/testpark/tasks/", {"title": "Sneaky task"}),
]
TASK_WRITE = expect(**{r: 302 for r in INSIDE}, **NOBODY_ELSE)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url,data", TASK_WRITES, ids=[w[0] for w in TASK_WRITES])
def test_only_the_hub_workspace_changes_follow_up_tasks(client, world, setup, role, url, data):
    from symbiose.facilitation.models import FollowUpTask
    from symbiose.registry.models import AuditEvent

    if role != "anonymous":
        client.force_login(world.role(role))
    before = AuditEvent.objects.count()
    data = {k.format(**setup): v for k, v in data.items()}
    response = client.post(url.format(**setup), data)
    assert response.status_code == TASK_WRITE[role], (role, url)
    changed = AuditEvent.objects.count() > before
    assert changed == (role in INSIDE), (role, url)
    if role not in INSIDE:
        task = FollowUpTask.objects.get(pk=setup["task"])
        assert task.status == "open" and task.due_date is None
        assert not FollowUpTask.objects.filter(title="Sneaky task").exists()


@pytest.mark.parametrize("role", ["owner", "colleague", *OUTSIDERS])
def test_a_company_or_other_hub_never_sees_follow_up_tasks(client, world, setup, role):
    client.force_login(world.role(role))
    for url in ("/hub/testpark/", f"/hub/o/{setup['opp']}/", "/hub/testpark/tasks/"):
        assert TASK not in client.get(url).content.decode(), url


@pytest.mark.parametrize("role", ["facilitator", "system_facilitator", "admin"])
def test_the_hub_workspace_sees_follow_up_tasks(client, world, setup, role):
    client.force_login(world.role(role))
    workshop = f"/hub/testpark/workshops/{setup['ws']}/"
    for url in ("/hub/testpark/", "/hub/testpark/tasks/", workshop):
        assert TASK in client.get(url).content.decode(), url
