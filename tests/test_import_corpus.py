"""Every case of the import corpus (tests/import_corpus/cases/, made by make_corpus.py).

A case either reports exactly the located problems it expects and writes nothing, or imports
cleanly and the stored values read back from the database are the expected ones. Notes (absent
columns, files not read, converted codes) must be shown in both.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from django.utils import translation

from symbiose.registry.importers.listing import (
    apply_import,
    as_notes,
    from_source_problems,
    plan_import,
)
from symbiose.registry.importers.sources import SourceError, read_paths
from symbiose.registry.models import Organisation, Stream

CASES = Path(__file__).parent / "import_corpus" / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expect.json").exists())


def test_the_corpus_has_at_least_sixty_cases():
    assert len(NAMES) >= 60


def _plan(folder: Path):
    notices: list = []
    try:
        plan = plan_import(read_paths([folder], notices))
    except SourceError as err:
        plan = from_source_problems(err.problems)
    plan.notes[:0] = as_notes(notices)
    return plan


def _stored(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_corpus_case(name):
    folder = CASES / name
    expect = json.loads((folder / "expect.json").read_text(encoding="utf-8"))
    with translation.override("en"):
        if expect["before"]:
            before = _plan(folder / "before")
            assert before.ok, [p.render() for p in before.problems]
            apply_import(before, acting_user=None)
        plan = _plan(folder / "files")
        found = sorted((Path(p.label).name, p.row, p.column, p.render()) for p in plan.problems)
        wanted = expect.get("problems", [])
        assert len(found) == len(wanted), found
        for label, row, column, pattern in wanted:
            assert any(f[:3] == (label, row, column) and re.search(pattern, f[3]) for f in found), (
                pattern,
                found,
            )
        notes = [n.render() for n in plan.notes]
        for pattern in expect.get("notes", []):
            assert any(re.search(pattern, n) for n in notes), (pattern, notes)
        if wanted:
            return
        apply_import(plan, acting_user=None)
    models = {"streams": Stream, "organisations": Organisation}
    for sheet, rows in expect.get("stored", {}).items():
        for ref, fields in rows.items():
            obj = models[sheet].objects.get(ref=ref)
            for field, value in fields.items():
                assert _stored(getattr(obj, field)) == value, (ref, field)
