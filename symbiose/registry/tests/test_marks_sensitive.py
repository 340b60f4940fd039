"""The database keeps ``Stream.marks_sensitive`` and the partial indexes pages read through.

Pages find the streams someone is refused through partial indexes instead of reading every
stream (``registry.access.unseen_stream_parts``, ``facilitation.ranking.hiding_streams``). A
stream missing from them would be shown as plain or visible, so the flag must follow the
sensitive fields on every write path: form saves, the contact form's marking, an import's
bulk insert and bulk update. The database computes it (a generated column), whatever path
wrote the row.
"""

from __future__ import annotations

import pytest

from symbiose.registry.access import unseen_stream_parts, visible_stream_q
from symbiose.registry.actions import check_save_stream, do_archive_stream, do_mark_sensitive
from symbiose.registry.importers.listing import apply_import, plan_import
from symbiose.registry.importers.sources import Sheet
from symbiose.registry.models import Stream
from symbiose.registry.models.stream import UNREAD_MARKS
from symbiose.registry.viewers import AnonymousViewer, OutsiderViewer

pytestmark = pytest.mark.django_db


def _flags_follow_marks() -> None:
    flagged = set(Stream.objects.filter(marks_sensitive=True).values_list("ref", flat=True))
    marked = {s.ref for s in Stream.objects.all() if s.sensitive_fields not in UNREAD_MARKS}
    assert flagged == marked
    assert marked  # the world has streams marking fields: the comparison means something


def _import(rows: list[dict[str, str]], actor) -> None:
    sheet = Sheet("streams", "streams.csv", list(rows[0]), [(n + 2, r) for n, r in enumerate(rows)])
    plan = plan_import([sheet])
    assert plan.ok, [p.message for p in plan.problems]
    apply_import(plan, acting_user=actor)


def test_flag_follows_the_marks_on_every_write_path(world):
    _flags_follow_marks()  # the world's streams, saved through the actions
    row = {"organisation_ref": world.org.ref, "direction": "offer", "category": "material",
           "title": "Slagg", "ewc_code": "10 02 02"}  # fmt: skip
    _import([{**row, "ref": "S-IMP-PLAIN", "sensitive_fields": ""},
             {**row, "ref": "S-IMP-PRICE", "sensitive_fields": "price"}], world.owner)  # fmt: skip
    _flags_follow_marks()  # inserted in bulk
    _import([{**row, "ref": "S-IMP-PLAIN", "sensitive_fields": "quantity"},
             {**row, "ref": "S-IMP-PRICE", "sensitive_fields": ""}], world.owner)  # fmt: skip
    _flags_follow_marks()  # updated in bulk
    assert Stream.objects.get(ref="S-IMP-PLAIN").sensitive_fields == ["quantity"]
    plain = Stream.objects.get(ref="S-IMP-PRICE")
    do_mark_sensitive(plain, ["identity"], acting_user=world.owner)
    _flags_follow_marks()
    check_save_stream({**row, "ref": "S-IMP-PRICE", "sensitive_fields": "analysis"},
                      acting_user=world.owner)  # fmt: skip
    _flags_follow_marks()
    assert not Stream.objects.get(ref="S-IMP-PRICE").marks_sensitive


@pytest.mark.parametrize("role", ["anonymous", "outsider_viewer", "outsider", "owner",
                                  "facilitator", "system_facilitator", "admin"])  # fmt: skip
def test_unseen_parts_are_every_stream_the_viewer_may_not_see(world, role):
    stream = Stream.objects.filter(visibility="public").first()
    do_archive_stream(stream, acting_user=None)  # archived: seen by no one, the admin too
    viewer = {"anonymous": AnonymousViewer(), "outsider_viewer": OutsiderViewer()}.get(role)
    viewer = viewer or world.role(role)
    unseen = set()
    for part in unseen_stream_parts(viewer):
        unseen |= set(part.values_list("id", flat=True))
    expected = set(Stream.objects.exclude(visible_stream_q(viewer)).values_list("id", flat=True))
    assert unseen == expected
    assert stream.id in unseen
    visibilities = set(Stream.objects.filter(id__in=unseen).values_list("visibility", flat=True))
    if role in ("anonymous", "outsider"):  # the world hides members and facilitator streams
        assert visibilities - {"public"}, visibilities
