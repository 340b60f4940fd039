"""Issue 11.4: the attacks that recovered hidden values through matching now learn nothing
finer than the rounding.

Each test runs the attack from an outsider's account through the API and records everything
it sees (its transcript); the same attack against two different hidden values in the same
bucket must give identical transcripts, so the attack cannot tell them apart.
"""

from __future__ import annotations

import json

import pytest

from symbiose.matching.actions import do_recompute_all, do_refresh_stream
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream

#: The slag offer's hidden site, and another one 12 km away (a hidden site is placed at
#: the centre of the area shown: its owner's municipality).
SITE, SITE_SAME_CELL = ("58.0771", "7.8123"), ("58.0212", "7.9871")
ATTACKER_NEED = {
    "ref": "S-OUT-NEED", "organisation_ref": "ORG-OUT", "direction": "need",
    "category": "material", "title": "Manganese slag", "ewc_code": "10 02 02",
    "quantity": "500", "unit": "t", "period": "year", "visibility": "public",
    "lat": "58.30", "lon": "7.30",
}  # fmt: skip


def save(user, values: dict) -> Stream:
    stream, _ = check_save_stream(values, acting_user=user)
    do_refresh_stream(stream.pk)
    return stream


def move_target(world, lat: str, lon: str, quantity: str = "7373.25") -> None:
    """The owner moves (or re-sizes) the hidden slag stream: the secret the attack is after."""
    s = world.secret_stream
    save(world.owner, {
        "ref": s.ref, "organisation_ref": "ORG-FJORD", "direction": "offer",
        "category": "material", "title": s.title, "description": s.description,
        "composition": s.composition, "ewc_code": "10 02 02", "quantity": quantity,
        "unit": "t", "period": "year", "price_nok_per_unit": "-4321.5",
        "visibility": "public", "legal_status": "by-product",
        "sensitive_fields": "quantity;description;price;composition;location",
        "lat": lat, "lon": lon,
    })  # fmt: skip


@pytest.fixture
def attack(client, world):
    save(world.outsider, ATTACKER_NEED)
    do_recompute_all()
    client.force_login(world.outsider)
    return client


def slag_row(client, **params) -> dict | None:
    query = "&".join(f"{k}={v}" for k, v in {"limit": 100, **params}.items())
    rows = client.get(f"/api/matching/streams/S-OUT-NEED/matches?{query}").json()
    return next((r for r in rows if r["offer"]["ref"] == "S-FJORD-SLAG"), None)


def binary_search_distance(client, steps: int = 26) -> tuple[float, list]:
    """The attack of the issue: halve the ``max_km`` interval until the slag drops out."""
    low, high, seen = 0.0, 1000.0, []
    for _ in range(steps):
        mid = (low + high) / 2
        present = slag_row(client, max_km=mid) is not None
        seen.append(present)
        low, high = (low, mid) if present else (mid, high)
    return high, seen


def test_binary_search_on_max_km_finds_only_the_rounded_distance(attack, world):
    move_target(world, *SITE)
    found, transcript = binary_search_distance(attack)
    shown = slag_row(attack)["distance_km"]
    assert shown % 10 == 0 and abs(found - shown) < 1e-3  # it converges on the bucket
    move_target(world, *SITE_SAME_CELL)
    assert binary_search_distance(attack) == (found, transcript)


def test_moving_ones_own_site_cannot_trilaterate_a_hidden_site(attack, world):
    def walk() -> list:
        seen = []
        for i in range(12):  # a walk of small steps around the target
            lat, lon = 57.95 + 0.021 * i, 7.60 + 0.037 * i
            save(world.outsider, {**ATTACKER_NEED, "lat": f"{lat:.4f}", "lon": f"{lon:.4f}"})
            row = slag_row(attack)
            seen.append((row["distance_km"], row["score"], row["feasible"], row["reasons"]))
        return seen

    move_target(world, *SITE)
    first = walk()
    assert all(d % 10 == 0 for d, *_ in first)
    move_target(world, *SITE_SAME_CELL)
    assert walk() == first


def test_editing_ones_own_quantity_does_not_reveal_a_hidden_quantity(attack, world):
    def edits() -> list:
        seen = []
        for q in ("100", "1000", "7000", "7373", "7400", "20000"):
            save(world.outsider, {**ATTACKER_NEED, "quantity": q})
            row = slag_row(attack)
            seen.append((row["score"], row["feasible"], json.dumps(row["reasons"])))
        return seen

    move_target(world, *SITE, quantity="7373.25")
    first = edits()
    move_target(world, *SITE, quantity="150")
    assert edits() == first


def test_the_score_an_insider_sees_is_the_stored_one(attack, world):
    from symbiose.matching.access import matches_for_stream
    from symbiose.matching.models import Candidate

    move_target(world, *SITE)
    stored = Candidate.objects.get(offer__ref="S-FJORD-SLAG", need__ref="S-OUT-NEED")
    [mine] = [m for m in matches_for_stream(world.owner, world.secret_stream, limit=100)
              if m.need["ref"] == "S-OUT-NEED"]  # fmt: skip
    assert mine.score == stored.score and mine.distance_km == stored.distance_km
    outsider = slag_row(attack)
    assert outsider["distance_rounded"] and outsider["score"] != stored.score


@pytest.fixture
def far_heat(world):
    """Outsider AS needs 3 GWh/yr of heat 20 km north of Fjordmetall's furnace and hides its
    site: too far to pipe so little heat (about 5 km pays), so infeasible, but only because
    of the hidden site. Outsider AS is in Kristiansand here: a hidden site is ranked at the
    centre of its owner's municipality, a few km from the furnace."""
    from symbiose.registry.models import Organisation

    Organisation.objects.filter(ref="ORG-OUT").update(municipality="Kristiansand")
    save(world.outsider, {
        "ref": "S-OUT-HEAT", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "heat", "title": "Heat for drying", "quantity": "3", "unit": "GWh",
        "period": "year", "temperature_c": "60", "visibility": "public",
        "sensitive_fields": "location", "lat": "58.33", "lon": "8.05",
    })  # fmt: skip
    do_recompute_all()
    from symbiose.matching.models import Candidate

    stored = Candidate.objects.get(offer__ref="S-FJORD-HEAT", need__ref="S-OUT-HEAT")
    assert not stored.feasible
    return world


def test_a_check_that_needs_a_hidden_location_is_not_applied_for_the_viewer(far_heat):
    from symbiose.matching.access import matches_for_stream

    w = far_heat
    [seen] = [m for m in matches_for_stream(w.owner, w.public_stream, limit=100)
              if m.need["ref"] == "S-OUT-HEAT"]  # fmt: skip
    assert seen.feasible and seen.distance_rounded
    assert not any(r["kind"] == "blocking" for r in seen.reasons)
    [own] = [m for m in matches_for_stream(w.outsider, w.secret_stream.__class__.objects.get(
        ref="S-OUT-HEAT"), limit=100) if m.offer["ref"] == "S-FJORD-HEAT"]  # fmt: skip
    assert not own.feasible  # its owner sees its own site: the check applies


def test_the_match_board_filters_and_sorts_on_visible_feasibility(far_heat):
    from symbiose.facilitation.board import Filters, board

    w = far_heat
    feasible = Filters(feasibility="feasible")
    pairs = {(i["match"].offer["ref"], i["match"].need["ref"])
             for i in board(w.facilitator, w.hub, feasible)["page"]}  # fmt: skip
    assert ("S-FJORD-HEAT", "S-OUT-HEAT") in pairs
