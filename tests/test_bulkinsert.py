"""``insert_many`` writes exactly the rows ``bulk_create`` writes, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

from django.forms.models import model_to_dict

from symbiose.bulkinsert import insert_many, update_values
from symbiose.matching.models import Candidate
from symbiose.registry.models import AuditEvent, Organisation, Stream


def _stream(org, ref: str, **extra) -> Stream:
    return Stream(ref=ref, organisation=org, direction="offer", category="material",
                  title=f"Slag {ref} ✓ «æøå»", quantity=12.5, unit="t", period="year",
                  confirmed_at=datetime.date(2026, 3, 1), **extra)  # fmt: skip


def _rows(model, refs, key="ref", skip=("id", "created_at", "updated_at", "at")):
    rows = {}
    for obj in model.objects.filter(**{f"{key}__in": refs}):
        data = model_to_dict(obj)
        rows[getattr(obj, key)] = {k: v for k, v in data.items() if k not in skip}
    return rows


def test_insert_many_writes_what_bulk_create_writes(world):
    org = world.org
    Stream.objects.bulk_create([_stream(org, "S-BC-1", description="a\nb", temperature_c=80.0)])
    written = insert_many(Stream, [_stream(org, "S-IM-1", description="a\nb", temperature_c=80.0)])
    assert written == 1
    by_ref = _rows(Stream, ["S-BC-1", "S-IM-1"])
    bulk, fast = by_ref["S-BC-1"], by_ref["S-IM-1"]
    assert bulk.pop("ref") != fast.pop("ref")
    assert bulk.pop("title") == "Slag S-BC-1 ✓ «æøå»" and fast.pop("title") == "Slag S-IM-1 ✓ «æøå»"
    assert bulk == fast
    stamped = Stream.objects.get(ref="S-IM-1")
    assert stamped.created_at is not None and stamped.updated_at is not None


def test_insert_many_prepares_json_and_foreign_keys(world):
    offer, need = world.public_stream, world.secret_stream
    reasons = [["template {x}", {"x": 1.5, "name": "Ål"}, ["location"], "what"]]
    insert_many(Candidate, [Candidate(offer=offer, need=need, score=0.25, feasible=True,
                                      distance_km=None, components={"what": 0.5},
                                      reasons=reasons, rank=1.25)])  # fmt: skip
    stored = Candidate.objects.get(offer=offer, need=need)
    assert stored.reasons == reasons and stored.components == {"what": 0.5}
    assert stored.distance_km is None and stored.feasible is True and stored.rank == 1.25
    assert stored.computed_at is not None
    insert_many(AuditEvent, [AuditEvent(actor=world.owner, verb="created", object_type="stream",
                                        object_ref="S-X", data={"fields": ["title"]})])  # fmt: skip
    event = AuditEvent.objects.get(object_ref="S-X")
    assert event.actor == world.owner and event.data == {"fields": ["title"]}
    assert insert_many(Organisation, []) == 0


def test_rows_given_as_mappings_get_the_defaults_and_stamps(world):
    insert_many(AuditEvent, [{"actor_id": None, "verb": "updated", "object_type": "stream",
                              "object_ref": "S-MAP"}])  # fmt: skip
    event = AuditEvent.objects.get(object_ref="S-MAP")
    assert event.data == {} and event.actor is None and event.at is not None
    Stream.objects.bulk_create([_stream(world.org, "S-BC-2")])
    given = ("ref", "organisation_id", "direction", "category", "title", "quantity", "unit",
             "period", "confirmed_at")  # fmt: skip
    fields = {name: getattr(_stream(world.org, "S-MAP-1"), name) for name in given}
    insert_many(Stream, [fields])
    rows = _rows(Stream, ["S-BC-2", "S-MAP-1"])
    bulk, fast = rows["S-BC-2"], rows["S-MAP-1"]
    for row in (bulk, fast):
        row.pop("ref"), row.pop("title")
    assert bulk == fast


def test_update_values_sets_one_column_of_the_given_rows_only(world):
    org = world.org
    Stream.objects.bulk_create([_stream(org, f"S-UV-{k}", temperature_c=10.0) for k in range(3)])
    pks = dict(Stream.objects.filter(ref__startswith="S-UV-").values_list("ref", "pk"))
    given = [(55.5, pks["S-UV-0"]), (None, pks["S-UV-2"])]
    assert update_values(Stream, "temperature_c", given, batch=1) == 2
    after = dict(Stream.objects.filter(ref__startswith="S-UV-").values_list("ref", "temperature_c"))
    assert after == {"S-UV-0": 55.5, "S-UV-1": 10.0, "S-UV-2": None}
    titles = set(Stream.objects.filter(ref__startswith="S-UV-").values_list("title", flat=True))
    assert titles == {f"Slag S-UV-{k} ✓ «æøå»" for k in range(3)}
    assert update_values(Stream, "temperature_c", []) == 0
