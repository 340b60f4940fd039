"""Watches fire through the task queue on what the watcher may see, and never on a hidden value.

Registry writes only queue a check (nothing is sent in the request); ``drain()`` runs the
queued tasks with the worker's own code: the watch check, then the outbox delivery.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from symbiose.registry.actions import check_save_stream
from symbiose.search.actions import check_create_watch, check_save_search
from symbiose.search.models import Notification
from tests.workers import drain, failed
from tests.world import SECRET

_capture = {}

#: The world's streams as saved (tests/world.py): a save replaces every field, so an edit
#: repeats them all and changes some.
SLAG = {"ref": "S-FJORD-SLAG", "organisation_ref": "ORG-FJORD", "direction": "offer",
        "category": "material", "title": "Manganese slag", "description": SECRET["description"],
        "composition": SECRET["composition"], "ewc_code": "10 02 02",
        "quantity": SECRET["quantity"], "unit": "t", "period": "year",
        "price_nok_per_unit": SECRET["price"], "visibility": "public",
        "sensitive_fields": "quantity;description;price;composition;location",
        "legal_status": "by-product", "lat": "58.0771", "lon": "7.8123"}  # fmt: skip
HEAT = {"ref": "S-FJORD-HEAT", "organisation_ref": "ORG-FJORD", "direction": "offer",
        "category": "heat", "title": "Surplus heat from furnace cooling", "quantity": "40",
        "unit": "GWh", "period": "year", "temperature_c": "85", "visibility": "public"}  # fmt: skip


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks):
    _capture["on_commit"] = django_capture_on_commit_callbacks


def committed(fn, *args, **kwargs):
    """Call ``fn`` and run its after-commit callbacks (queuing tasks and mails) as a real
    commit would; the test's own transaction never commits."""
    with _capture["on_commit"](execute=True):
        return fn(*args, **kwargs)


def run() -> int:
    """Run the queued tasks like a worker, and those they queue after commit (mail delivery)."""
    total = 0
    while ran := committed(drain):
        total += ran
    return total


def edit(base: dict, **changes) -> None:
    committed(check_save_stream, {**base, **changes}, acting_user=None)


def save(values: dict) -> None:
    committed(check_save_stream, values, acting_user=None)


def notes(user) -> list[tuple[str, str]]:
    return [(n.kind, n.stream_ref) for n in Notification.objects.filter(user=user).order_by("pk")]


def watch(user, **values):
    stream = values.pop("stream", None)
    w = committed(check_create_watch, values, acting_user=user, stream=stream)
    run()  # the first check records what is there and raises nothing
    assert notes(user) == [] and failed() == []
    return w


def test_a_new_stream_with_a_watched_raw_material_notifies_in_the_app_and_by_mail(world):
    watch(world.outsider, kind="crm", crm="gallium")
    mail.outbox.clear()
    save(
        {"ref": "S-FJORD-DUST2", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Zinc dust with gallium", "crm": "gallium",
         "visibility": "public"},
    )  # fmt: skip
    assert Notification.objects.count() == 0  # the request only queues a check
    assert DBTaskResult.objects.ready().filter(task_path__endswith="check_watches").exists()
    run()
    assert notes(world.outsider) == [("new", "S-FJORD-DUST2")]
    assert [m.to for m in mail.outbox] == [["outsider@example.no"]]
    assert "Zinc dust with gallium" in mail.outbox[0].body
    run()
    assert len(notes(world.outsider)) == 1  # a second pass raises nothing new


def test_a_change_to_a_hidden_field_never_fires_for_someone_who_may_not_see_it(world):
    watch(world.outsider, kind="stream", stream=world.secret_stream)
    watch(world.facilitator, kind="stream", stream=world.secret_stream)
    edit(SLAG, quantity="9999", description="new secret", composition="Ga 0.5 %",
         price_nok_per_unit="-1", lat="58.09", lon="7.85")  # fmt: skip
    run()
    assert notes(world.outsider) == []
    assert sorted(notes(world.facilitator)) == [("changed", "S-FJORD-SLAG"),
                                                ("composition", "S-FJORD-SLAG")]  # fmt: skip
    edit(SLAG, title="Manganese slag, crushed")
    run()
    assert notes(world.outsider) == [("changed", "S-FJORD-SLAG")]
    note = Notification.objects.get(user=world.outsider)
    assert note.params == {"fields": ["title"]}


def test_a_threshold_fires_when_the_visible_value_crosses_it_and_not_on_a_hidden_one(world):
    watch(world.outsider, kind="stream", stream=world.public_stream, threshold_field="quantity",
          threshold_op="above", threshold_value="50000", threshold_unit="MWh/yr")  # fmt: skip
    watch(world.outsider, kind="stream", stream=world.secret_stream, threshold_field="quantity",
          threshold_op="above", threshold_value="8000", threshold_unit="t/yr")  # fmt: skip
    edit(HEAT, quantity="45")  # 45 000 MWh/yr: still below
    edit(SLAG, quantity="9000", unit="t")  # hidden: crosses, but not for the outsider
    run()
    assert notes(world.outsider) == []
    edit(HEAT, quantity="60")
    run()
    assert notes(world.outsider) == [("threshold", "S-FJORD-HEAT")]
    edit(HEAT, quantity="70")  # still above: no second notice
    run()
    assert len(notes(world.outsider)) == 1
    edit(HEAT, quantity="30")
    run()
    edit(HEAT, quantity="55")  # back above
    run()
    assert notes(world.outsider)[-1] == ("threshold", "S-FJORD-HEAT")
    assert len(notes(world.outsider)) == 2


def test_a_watched_saved_search_fires_for_a_new_stream_that_fits(world):
    saved = check_save_search("Varme i Agder", {"category": "heat", "county": "42"},
                              acting_user=world.outsider)  # fmt: skip
    committed(check_create_watch, {"kind": "search"}, acting_user=world.outsider,
              saved_search=saved)  # fmt: skip
    run()
    save(
        {"ref": "S-FJORD-HEAT2", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "heat", "title": "Heat from the second furnace", "visibility": "public"},
    )  # fmt: skip
    save(
        {"ref": "S-OUT-HEAT", "organisation_ref": "ORG-OUT", "direction": "offer",
         "category": "heat", "title": "Heat in Bergen", "visibility": "public"},
    )  # fmt: skip
    run()
    assert notes(world.outsider) == [("new", "S-FJORD-HEAT2")]  # Bergen is not in Agder


def test_the_watch_page_lists_notifications_with_an_unread_count(client, world):
    watch(world.outsider, kind="crm", crm="gallium")
    edit(SLAG, crm="gallium", visibility="public", sensitive_fields="")
    run()
    client.force_login(world.outsider)
    for lang, words in (("nb", "1 ulest"), ("en", "1 unread")):
        page = client.get("/watches/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert words in page and "Manganese slag" in page
    client.post("/watches/read/")
    assert "1 unread" not in client.get("/watches/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    api = client.get("/api/search/notifications").json()
    assert [(n["kind"], n["read"]) for n in api] == [("new", True)]


def analyse(stream, *rows) -> None:
    from symbiose.resources.actions import do_set_composition

    committed(do_set_composition, stream,
              [{"substance": s, "content": c, "unit": u, "method": ""} for s, c, u in rows],
              acting_user=None)  # fmt: skip


def test_a_composition_change_fires_only_for_who_may_see_the_analysis(world):
    edit(SLAG, sensitive_fields="quantity;description;price;composition;location;analysis")
    analyse(world.secret_stream, ("Ga", 85, "ppm"))
    watch(world.outsider, kind="stream", stream=world.secret_stream)
    watch(world.facilitator, kind="stream", stream=world.secret_stream)
    analyse(world.secret_stream, ("Ga", 120, "ppm"))
    run()
    assert notes(world.outsider) == []
    assert notes(world.facilitator) == [("composition", "S-FJORD-SLAG")]


def test_a_content_threshold_fires_when_the_visible_content_crosses_it(world):
    analyse(world.secret_stream, ("Ga", 85, "ppm"), ("ZnO", 10, "%"))  # analysis shown
    watch(world.outsider, kind="stream", stream=world.secret_stream, threshold_field="content",
          threshold_op="above", threshold_value="100", threshold_unit="ppm",
          threshold_element="ga")  # fmt: skip
    watch(world.colleague, kind="stream", stream=world.secret_stream, threshold_field="content",
          threshold_op="above", threshold_value="10", threshold_unit="%",
          threshold_element="Zn")  # fmt: skip
    analyse(world.secret_stream, ("Ga", 95, "ppm"), ("ZnO", 10, "%"))
    run()
    assert notes(world.outsider) == []
    analyse(world.secret_stream, ("Ga", 120, "ppm"), ("ZnO", 13, "%"))  # Zn 10.4 %
    run()
    assert notes(world.outsider) == [("threshold", "S-FJORD-SLAG")]
    assert notes(world.colleague) == [("threshold", "S-FJORD-SLAG")]
    note = Notification.objects.get(user=world.outsider)
    assert "Ga" in note.message() and "100 ppm" in note.message()
    edit(SLAG, sensitive_fields="quantity;description;price;composition;location;analysis")
    analyse(world.secret_stream, ("Ga", 80, "ppm"), ("ZnO", 10, "%"))
    run()
    analyse(world.secret_stream, ("Ga", 150, "ppm"), ("ZnO", 10, "%"))  # hidden now
    run()
    assert len(notes(world.outsider)) == 1


def test_a_yearly_threshold_never_fires_on_a_one_off_lot(world):
    watch(world.outsider, kind="stream", stream=world.public_stream, threshold_field="quantity",
          threshold_op="above", threshold_value="50000", threshold_unit="MWh/yr")  # fmt: skip
    edit(HEAT, quantity="60", period="once")  # 60 000 MWh once is not 60 000 MWh a year
    run()
    assert [n for n in notes(world.outsider) if n[0] == "threshold"] == []
    edit(HEAT, quantity="60", period="year")  # the same amount, now a yearly flow: it crosses
    run()
    assert ("threshold", "S-FJORD-HEAT") in notes(world.outsider)
