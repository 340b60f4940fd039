"""History pages: every audit event reads as a translated sentence, never as a raw verb."""

from __future__ import annotations

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from symbiose.facilitation import history
from symbiose.facilitation.actions import (
    do_add_facilitator,
    do_add_note,
    do_add_task,
    do_advance_phase,
    do_assess_hub,
    do_assess_readiness,
    do_create_opportunity,
    do_generate_tasks,
    do_pick_up,
    do_remove_hub_member,
    do_save_workshop,
    do_set_check,
    do_set_task_done,
    do_shelve,
    do_update_opportunity,
    do_update_task,
)
from symbiose.facilitation.models.opportunity import EXIT_CRITERIA
from symbiose.registry.actions import audit, do_create_user
from symbiose.registry.models import AuditEvent

ROOT = Path(__file__).resolve().parents[3] / "symbiose"
#: Actions whose audit rows show on facilitation history pages.
WRITERS = sorted((ROOT / "facilitation" / "actions").glob("*.py")) + [ROOT / "ledger/actions.py"]


def verbs_in(path: Path) -> set[str]:
    """The verbs passed to ``audit()`` in a module: literals, both sides of ``a if c else b``,
    and string constants assigned to a variable passed as the verb."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def strings(node: ast.AST, scope: ast.AST) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return strings(node.body, scope) | strings(node.orelse, scope)
        if isinstance(node, ast.Name):
            return {
                v
                for a in ast.walk(scope)
                if isinstance(a, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)
                for v in strings(a.value, scope)
            }
        raise AssertionError(f"{path}: cannot read the verb {ast.dump(node)}")

    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        for call in ast.walk(func):
            if (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "audit"
                    and len(call.args) >= 2):  # fmt: skip
                found |= strings(call.args[1], func)
    return found


def all_verbs() -> set[str]:
    return set().union(*(verbs_in(p) for p in WRITERS))


def test_the_verb_finder_sees_the_verbs_of_every_kind_of_call():
    verbs = all_verbs()
    assert {"phase", "checked", "unchecked", "workshop-created", "workshop-updated"} <= verbs
    assert {"exchange-opened", "task-done", "task-reopened", "tasks-generated"} <= verbs


@pytest.mark.parametrize("verb", sorted(all_verbs()))
def test_every_verb_the_actions_write_has_a_sentence(verb):
    assert verb in history.SENTENCES, f"add a sentence for {verb!r} to history.SENTENCES"


@pytest.fixture
def story(hubworld):
    """An opportunity taken through most of what a facilitator does, by a named facilitator."""
    user = do_create_user("kari@example.no", None, acting_user=None, name="Kari Nordmann")
    do_add_facilitator(hubworld.hub, user, acting_user=hubworld.facilitator)
    hubworld.kari = user
    opp = do_create_opportunity(hubworld.hub, {"title": "Heat to town"}, acting_user=user)
    do_update_opportunity(opp, {"next_step": "Call them", "due_date": datetime.date(2026, 5, 1)},
                          acting_user=user)  # fmt: skip
    for key, _label in EXIT_CRITERIA[1]:
        do_set_check(opp, 1, key, True, acting_user=user)
    do_set_check(opp, 1, EXIT_CRITERIA[1][0][0], False, acting_user=user)
    do_set_check(opp, 1, EXIT_CRITERIA[1][0][0], True, acting_user=user)
    do_advance_phase(opp, acting_user=user)
    do_assess_readiness(opp, {"technological": 5}, acting_user=user)
    do_assess_readiness(opp, {"business": 4, "ecological": 6}, acting_user=user)
    do_add_note(opp, "", SimpleUploadedFile("offer-letter.pdf", b"%PDF-1.4"), acting_user=user)
    do_add_note(opp, "Spoke to the mayor", acting_user=user)
    entry = do_shelve(opp, "The town postponed the grid", acting_user=user)
    do_pick_up(entry, hubworld.hub, acting_user=user)
    ws = do_save_workshop(hubworld.hub, {"title": "Spring", "date": datetime.date(2026, 3, 1)},
                          acting_user=user)  # fmt: skip
    do_save_workshop(hubworld.hub, {"title": "Spring workshop"}, workshop=ws, acting_user=user)
    do_generate_tasks(ws, acting_user=user)
    task = do_add_task(hubworld.hub, {"title": "Book the room"}, acting_user=user)
    do_update_task(task, {"assignee": user, "due_date": datetime.date(2026, 4, 1)},
                   acting_user=user)  # fmt: skip
    do_set_task_done(task, True, acting_user=user)
    do_set_task_done(task, False, acting_user=user)
    do_assess_hub(hubworld.hub, {"emissions": (4, "")}, acting_user=user)
    do_remove_hub_member(hubworld.hub, hubworld.varme, acting_user=user)
    hubworld.opp = opp
    return hubworld


def history_text(client, url: str, language: str) -> str:
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return re.search(r'<ul class="history">(.*?)</ul>', page, re.S).group(1)


OPPORTUNITY_EN = [
    "Kari Nordmann created the opportunity “Heat to town”",
    "Kari Nordmann changed the opportunity: next step is now “Call them”; "
    "due date is now “2026-05-01”",
    "Kari Nordmann ticked “A facilitator or partnership is appointed” in phase 1",
    "Kari Nordmann unticked “Materials, energy streams and actors are mapped” in phase 1",
    "Kari Nordmann moved the opportunity from Mapping and opportunities to Selection and "
    "mobilisation",
    "Kari Nordmann set technological readiness to 5",
    "Kari Nordmann set business readiness to 4, ecological readiness to 6",
    "Kari Nordmann attached the document offer-letter",
    "Kari Nordmann added a note",
    "Kari Nordmann shelved it to the bank (BANK-",
    "): The town postponed the grid",
]
OPPORTUNITY_NB = [
    "Kari Nordmann opprettet muligheten «Heat to town»",
    "Kari Nordmann flyttet muligheten fra Kartlegging og muligheter til Utvelgelse og mobilisering",
    "Kari Nordmann satte teknologisk modenhet til 5",
    "Kari Nordmann la den i mulighetsbanken (BANK-",
]


@pytest.mark.parametrize("language,sentences", [("en", OPPORTUNITY_EN), ("nb", OPPORTUNITY_NB)])
def test_the_opportunity_history_reads_as_sentences(client, story, language, sentences):
    client.force_login(story.kari)
    text = history_text(client, f"/hub/o/{story.opp.ref}/", language)
    for sentence in sentences:
        assert sentence in text, sentence
    lines = re.findall(r"</time> · (.*?)</li>", text)
    assert len(lines) >= 12
    for line in lines:  # a sentence about someone, with no raw key or field name
        assert line.startswith("Kari Nordmann ") and not re.search(r"=|next_step|due_date", line), (
            line
        )
        assert not [v for v in all_verbs() if "-" in v and v in line], line


HUB_EN = [
    "Kari Nordmann planned the workshop “Spring”",
    "Kari Nordmann edited the workshop “Spring workshop”",
    "Kari Nordmann added the task “Book the room”",
    "Kari Nordmann changed the task “Book the room”: assigned to Kari Nordmann, due 2026-04-01",
    "Kari Nordmann marked the task “Book the room” done",
    "Kari Nordmann opened the task “Book the room” again",
    "Kari Nordmann scored the hub&#x27;s portfolio criteria: Emissions cut 4",
    "Kari Nordmann removed ORG-VARME from the hub",
    "facilitator@example.no made Kari Nordmann a facilitator of the hub",
    "Kari Nordmann generated follow-up tasks from the workshop “Spring workshop”: 0",
]


def test_the_hub_history_reads_as_sentences(client, story):
    client.force_login(story.facilitator)
    text = history_text(client, reverse("facilitation:hub-history", args=["testpark"]), "en")
    for sentence in HUB_EN:
        assert sentence in text, sentence
    assert "task-done" not in text and "members-added" not in text


def test_every_event_of_the_story_has_its_own_sentence_in_both_languages(story):
    events = AuditEvent.objects.filter(object_type__in=["opportunity", "hub", "followuptask"])
    assert {e.verb for e in events} >= {"phase", "readiness", "note", "shelved", "task-updated"}
    for event in events:
        for language in ("en", "nb"):
            with translation.override(language):
                text = history.describe(event, "Book the room")
                assert text != history._fallback(history.actor_name(event.actor), "x"), event
                assert text != history._fallback(
                    history.actor_name(event.actor), event.object_type
                ), event
        with translation.override("en"):
            english = history.describe(event, "Book the room")
        with translation.override("nb"):
            assert history.describe(event, "Book the room") != english, event.verb


@pytest.mark.parametrize(
    "language,expected",
    [("en", "Kari Nordmann changed the opportunity"), ("nb", "Kari Nordmann endret muligheten")],
)
def test_an_unknown_verb_reads_as_a_translated_sentence_not_a_key(story, language, expected):
    audit(story.kari, "frobnicated", story.opp, widget="x")
    audit(story.kari, "phase", story.opp, old="nonsense")  # data a sentence cannot use
    with translation.override(language):
        texts = [history.describe(e) for e in history.opportunity_events(story.opp)[:2]]
    assert texts == [expected, expected]


def test_a_deleted_user_reads_as_the_system(story):
    event = audit(None, "note", story.opp, document="")
    with translation.override("en"):
        assert history.describe(event) == "The system added a note"


def test_the_history_names_people_with_a_fixed_number_of_queries(hubworld):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(8):
        user = do_create_user(f"p{n}@example.no", None, acting_user=None, name=f"Person {n}")
        task = do_add_task(hubworld.hub, {"title": f"Task {n}"}, acting_user=hubworld.facilitator)
        do_update_task(task, {"assignee": user}, acting_user=hubworld.facilitator)
    events, subjects = history.hub_events(hubworld.hub)
    updates = events.filter(verb="task-updated").order_by("id")
    counts, texts = [], []
    for size in (2, 8):
        with translation.override("en"), CaptureQueriesContext(connection) as queries:
            texts = [row["text"] for row in history.rows(updates[:size], subjects)]
        counts.append(len(queries))
    assert counts[0] == counts[1] == 2  # the events, then everyone they name
    assert [f"assigned to Person {n}" in text for n, text in enumerate(texts)] == [True] * 8
