"""The freshness date others see never tells on a hidden edit (registry/freshness.py).

The slag stream hides its quantity, description, price, composition and location. Both its
dates are set back a year; then its owner edits one field, through the form's action or an
import file. Every viewer reads the date where it is shown (the stream API, and search for
signed-in viewers). Outsiders — a self-registered company, another hub's facilitator, a
member of another company, an anonymous visitor — must read the same date after a hidden edit
as before it; insiders must see it move (so the check would catch a leak), and everyone sees
a visible edit and a confirmation.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from symbiose.registry.actions import do_confirm_stream, do_save_stream
from symbiose.registry.importers.listing import apply_import, plan_import
from symbiose.registry.importers.sources import Sheet
from symbiose.registry.models import Stream
from symbiose.registry.template import parse_stream

SLAG = "S-FJORD-SLAG"
OUTSIDERS = ("self_registered", "other_facilitator", "outsider", "anonymous")
SEES_ALL = ("owner", "facilitator", "system_facilitator", "admin")
LONG_AGO = datetime.date(2025, 1, 15)


def _age(ref: str = SLAG) -> None:
    Stream.objects.filter(ref=ref).update(confirmed_at=LONG_AGO, shared_confirmed_at=LONG_AGO)


def seen_dates(client, world, role: str) -> set[str]:
    """Every freshness date of the slag that ``role`` can read."""
    client.logout()
    if role != "anonymous":
        client.force_login(world.role(role))
    out = {client.get(f"/api/registry/streams/{SLAG}").json()["confirmed_at"]}
    listed = client.get("/api/registry/streams").json()
    out |= {s["confirmed_at"] for s in listed if s["ref"] == SLAG}
    if role != "anonymous":
        found = client.get("/api/search/streams", {"q": "slag"}).json()["results"]
        out |= {h["stream"]["confirmed_at"] for h in found if h["stream"]["ref"] == SLAG}
    return out


def _edit(world, **values) -> None:
    """What the stream form saves: the parsed values of the fields it changes."""
    parsed = parse_stream({"ref": SLAG, **values}).data
    do_save_stream(world.org, {k: parsed[k] for k in ("ref", *values)}, acting_user=world.owner)


def _import(world, **values) -> None:
    row = {"ref": SLAG, "organisation_ref": "ORG-FJORD", "direction": "offer",
           "category": "material", "title": "Manganese slag", **values}  # fmt: skip
    plan = plan_import([Sheet("streams", "streams.csv", list(row), [(2, row)])])
    assert plan.ok, [p.message for p in plan.problems]
    apply_import(plan, acting_user=world.owner)


HIDDEN_EDITS = [
    ("form", {"quantity": "9100"}),
    ("form", {"price_nok_per_unit": "-12"}),
    ("form", {"lat": "58.0123", "lon": "7.9876"}),
    ("import", {"quantity": "9100"}),
    ("import", {"description": "Another secret recipe"}),
]


@pytest.mark.parametrize(("how", "values"), HIDDEN_EDITS)
def test_a_hidden_edit_leaves_the_date_outsiders_see(client, world, how, values):
    _age()
    before = {role: seen_dates(client, world, role) for role in (*OUTSIDERS, *SEES_ALL)}
    assert all(d == {LONG_AGO.isoformat()} for d in before.values())
    (_edit if how == "form" else _import)(world, **values)
    today = timezone.localdate().isoformat()
    for role in OUTSIDERS:
        assert seen_dates(client, world, role) == before[role], role
    for role in SEES_ALL:  # the owner's date moved: the sweep above would see a leak
        assert seen_dates(client, world, role) == {today}, role


@pytest.mark.parametrize("how", ["form", "import"])
def test_a_visible_edit_moves_the_date_for_everyone(client, world, how):
    _age()
    (_edit if how == "form" else _import)(world, title="Manganese slag, granulated")
    today = timezone.localdate().isoformat()
    for role in (*OUTSIDERS, *SEES_ALL):
        assert seen_dates(client, world, role) == {today}, role


def test_a_confirmation_moves_the_date_for_everyone(client, world):
    _age()
    do_confirm_stream(Stream.objects.get(ref=SLAG), acting_user=world.owner)
    today = timezone.localdate().isoformat()
    for role in (*OUTSIDERS, *SEES_ALL):
        assert seen_dates(client, world, role) == {today}, role


def test_hiding_a_field_is_a_visible_change_but_hiding_the_analysis_is_not(client, world):
    _age()
    stream = Stream.objects.get(ref=SLAG)
    marked = ";".join(stream.sensitive_fields)
    _edit(world, sensitive_fields=f"{marked};analysis" if "analysis" not in marked
          else marked.replace("analysis", "").strip(";"))  # fmt: skip
    assert seen_dates(client, world, "outsider") == {LONG_AGO.isoformat()}
    _edit(world, sensitive_fields="quantity;description;price;composition;location;ewc_code")
    assert seen_dates(client, world, "outsider") == {timezone.localdate().isoformat()}
