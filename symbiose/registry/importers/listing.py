"""Import of the listing template: plan first (preview), then apply all or nothing.

The same plan serves ``symbiose import`` and the web preview: every problem is reported with
file, row and column; if there is any problem nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from symbiose.registry import template as tpl
from symbiose.registry.actions import (
    ORGANISATION_FIELDS,
    STREAM_FIELDS,
)
from symbiose.registry.importers import partial
from symbiose.registry.importers.composition import apply_composition, plan_composition
from symbiose.registry.importers.deposits import apply_deposits, plan_deposits
from symbiose.registry.importers.numbers import normalise_column
from symbiose.registry.importers.sources import Sheet, SourceProblem
from symbiose.registry.models import Organisation, Stream
from symbiose.registry.signals import bulk_changes
from symbiose.resources.validation import (
    COMPOSITION_COLUMNS,
    DEPOSIT_COLUMNS,
    REQUIRED_COMPOSITION_COLUMNS,
    REQUIRED_DEPOSIT_COLUMNS,
)
from symbiose.textmarks import N_

COLUMNS = {
    "organisations": tpl.ORGANISATION_COLUMNS,
    "streams": tpl.STREAM_COLUMNS,
    "composition": COMPOSITION_COLUMNS,
    "deposits": DEPOSIT_COLUMNS,
}
REQUIRED = {
    "organisations": tpl.REQUIRED_ORGANISATION_COLUMNS,
    "streams": tpl.REQUIRED_STREAM_COLUMNS,
    "composition": REQUIRED_COMPOSITION_COLUMNS,
    "deposits": REQUIRED_DEPOSIT_COLUMNS,
}
PARSERS = {"organisations": tpl.parse_organisation, "streams": tpl.parse_stream}
#: Numeric columns and the largest value each allows (None: no upper bound).
NUMBER_COLUMNS = {
    "organisations": {"lat": 90, "lon": 180},
    "streams": {
        "quantity": None,
        "temperature_c": 2000,
        "price_nok_per_unit": None,
        "lat": 90,
        "lon": 180,
    },
    "composition": {"content": None},
}


@dataclass
class Problem:
    """One thing wrong in the files: where it is and what, as a translatable template."""

    label: str
    row: int
    column: str
    template: str
    params: dict[str, Any]

    def message(self, translate: Callable[[str], str] = lambda s: s) -> str:
        """What is wrong, without where."""
        return translate(self.template).format(**self.params)

    def render(self, translate: Callable[[str], str] = lambda s: s) -> str:
        message = self.message(translate)
        where = ":".join(str(p) for p in (self.label, self.row or "", self.column) if p != "")
        return f"{where}: {message}"


@dataclass
class PlannedRow:
    sheet: str
    label: str
    row: int
    ref: str
    action: str  # "create" | "update" | "unchanged"
    changes: list[str]
    data: dict[str, Any]


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: What the user should know but that does not stop the import (absent columns kept,
    #: files not read, codes converted): shown in the preview and printed by the CLI.
    notes: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, sheet: str, action: str) -> int:
        return sum(1 for r in self.rows if r.sheet == sheet and r.action == action)


def from_source_problems(problems: list[SourceProblem]) -> ImportPlan:
    return ImportPlan(
        problems=[Problem(p.label, p.row, p.column, p.template, p.params) for p in problems]
    )


def as_notes(notices: list[SourceProblem]) -> list[Problem]:
    """Source notices (files a folder import did not read) as plan notes."""
    return [Problem(p.label, p.row, p.column, p.template, p.params) for p in notices]


def _check_header(sheet: Sheet, plan: ImportPlan) -> bool:
    known = COLUMNS[sheet.name]
    fine = True
    for col in sheet.header:
        if col and col not in known:
            plan.problems.append(
                Problem(
                    sheet.label,
                    1,
                    col,
                    N_("unknown column {column}; the template's columns are: {columns}"),
                    {"column": col, "columns": ", ".join(known)},
                )
            )
            fine = False
    for col in REQUIRED[sheet.name]:
        if col not in sheet.header:
            plan.problems.append(
                Problem(
                    sheet.label, 1, col, N_("required column {column} is missing"), {"column": col}
                )
            )
            fine = False
    return fine


#: Refs per ``IN (...)`` query: below SQLite's variable limit, few round trips.
LOOKUP_CHUNK = 5000
#: How often (in rows) ``plan_import`` reports progress.
PROGRESS_EVERY = 500

Progress = Callable[[int, int], None]


def plan_import(
    sheets: list[Sheet],
    *,
    nace_revision: str = "",
    nace_choices: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Check every row of every sheet and work out what would be created or changed.

    ``nace_revision`` ("2.1") is the NACE revision of rows that do not say, for data sets
    Symbiose itself ships in Rev. 2.1 (the evaluation sets); a user's file says it per row.
    ``nace_choices`` maps an organisations row number ("5") to the Rev. 2.1 code the user
    chose in the preview for a code that needed a choice. ``progress(done, total)`` is called
    every ``PROGRESS_EVERY`` rows and at the end (a job's page shows it as a percentage).

    The registry is read a few times per sheet (existing rows and known organisations in
    chunks of ``LOOKUP_CHUNK`` refs), never once per row.
    """
    plan = ImportPlan()
    org_refs: set[str] = set()  # organisations defined in the files
    total = sum(len(s.rows) for s in sheets if s.name in COLUMNS)
    done = 0
    for name in ("organisations", "streams"):
        seen: dict[str, str] = {}
        for sheet in (s for s in sheets if s.name == name):
            if _check_header(sheet, plan):
                _read_numbers(sheet, plan)
                existing = partial.existing_rows(sheet)
                partial.note_absent_columns(sheet, plan, existing)
                stored = _Stored(sheet)
                for number, raw in sheet.rows:
                    raw = partial.merge(sheet, raw, existing)
                    if nace_revision and not str(raw.get("nace_revision") or "").strip():
                        raw = {**raw, "nace_revision": nace_revision}
                    chosen = (nace_choices or {}).get(str(number))
                    if chosen and name == "organisations":
                        raw = {**raw, "nace": chosen, "nace_revision": "2.1"}
                    _plan_row(plan, sheet, number, raw, seen, org_refs, stored)
                    done += 1
                    if progress and done % PROGRESS_EVERY == 0:
                        progress(done, total)
            else:
                done += len(sheet.rows)
    in_file = {str(raw.get("ref") or "").strip() for s in sheets if s.name == "streams"
               for _n, raw in s.rows}  # fmt: skip
    for sheet in (s for s in sheets if s.name == "composition"):
        if _check_header(sheet, plan):
            _read_numbers(sheet, plan)
            plan_composition(plan, sheet, in_file)
        done += len(sheet.rows)
    for sheet in (s for s in sheets if s.name == "deposits"):
        if _check_header(sheet, plan):
            plan_deposits(plan, sheet, in_file)
        done += len(sheet.rows)
    if progress:
        progress(total, total)
    return plan


def _chunks(values: list[str]):
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


class _Stored:
    """The registry rows one sheet names, read in a few queries: existing rows by ref and,
    for streams, which organisation refs exist."""

    def __init__(self, sheet: Sheet) -> None:
        refs = sorted({str(raw.get("ref") or "").strip() for _n, raw in sheet.rows} - {""})
        self.rows: dict[str, Any] = {}
        self.organisations: set[str] = set()
        if sheet.name == "organisations":
            for chunk in _chunks(refs):
                self.rows.update((o.ref, o) for o in Organisation.objects.filter(ref__in=chunk))
            return
        for chunk in _chunks(refs):
            found = Stream.objects.filter(ref__in=chunk).select_related("organisation")
            self.rows.update((s.ref, s) for s in found)
        org_refs = sorted(
            {str(raw.get("organisation_ref") or "").strip() for _n, raw in sheet.rows} - {""}
        )
        for chunk in _chunks(org_refs):
            self.organisations.update(
                Organisation.objects.filter(ref__in=chunk).values_list("ref", flat=True)
            )


def _read_numbers(sheet: Sheet, plan: ImportPlan) -> None:
    """Apply the one number rule (importers/numbers.py) to each numeric column of a sheet."""
    for column, maximum in NUMBER_COLUMNS[sheet.name].items():
        if column not in sheet.header:
            continue
        values, problems = normalise_column([raw.get(column) for _n, raw in sheet.rows], maximum)
        for (_number, raw), value in zip(sheet.rows, values, strict=True):
            raw[column] = value
        for p in problems:
            plan.problems.append(
                Problem(sheet.label, sheet.rows[p.index][0], column, p.template, p.params)
            )


def checked_row(
    plan: ImportPlan,
    sheet: Sheet,
    number: int,
    raw: dict[str, object],
    parse: Callable[[dict[str, object]], tpl.RowResult],
) -> tuple[tpl.RowResult, Callable[..., None]]:
    """Parse row ``number`` of ``sheet`` with ``parse``, adding its own problems (more cells
    than columns, the parser's errors) to ``plan``; every sheet's rows are read so.

    Returns the result and ``problem(column, template, **params)``, which adds another
    problem at this row (rules across rows: repeated or unknown references).
    """

    def problem(column: str, template: str, **params: Any) -> None:
        plan.problems.append(Problem(sheet.label, number, column, template, params))

    if raw.pop("\0extra", False):
        problem("", N_("this row has more cells than the header has columns"))
    result = parse(raw)
    for err in result.errors:
        problem(err.field, err.template, **err.params)
    return result, problem


def sheet_refs(sheet: Sheet, column: str = "stream_ref") -> set[str]:
    """Every reference a sheet's rows name in ``column`` (to read the stored ones at once)."""
    return {str(raw.get(column) or "").strip() for _n, raw in sheet.rows}


def _plan_row(
    plan: ImportPlan,
    sheet: Sheet,
    number: int,
    raw: dict[str, object],
    seen: dict[str, str],
    org_refs: set[str],
    stored: _Stored,
) -> None:
    """Check one row, including rules across rows: unique refs, known organisation."""

    result, problem = checked_row(plan, sheet, number, raw, PARSERS[sheet.name])
    for note in result.notes:
        plan.notes.append(Problem(sheet.label, number, note.field, note.template, note.params))
    ref = result.data.get("ref")
    if ref and ref in seen:
        problem(
            "ref", N_("reference {ref} appears twice (also at {where})"), ref=ref, where=seen[ref]
        )
    elif ref:
        seen[ref] = f"{sheet.label}:{number}"
    if sheet.name == "organisations" and ref:
        org_refs.add(ref)
    org_ref = result.data.get("organisation_ref")
    if sheet.name == "streams" and org_ref and org_ref not in org_refs:
        if org_ref not in stored.organisations:
            problem(
                "organisation_ref",
                N_("no organisation with reference {ref} in the file or the registry"),
                ref=org_ref,
            )
    if not result.errors and ref:
        plan.rows.append(_planned(sheet.name, sheet.label, number, result.data, stored))


def _planned(
    sheet: str, label: str, number: int, data: dict[str, Any], stored: _Stored
) -> PlannedRow:
    fields = ORGANISATION_FIELDS if sheet == "organisations" else STREAM_FIELDS
    existing = stored.rows.get(data["ref"])
    if existing is None:
        return PlannedRow(sheet, label, number, data["ref"], "create", [], data)
    changes = [f for f in fields if f in data and getattr(existing, f) != data[f]]
    if sheet == "streams":
        if existing.organisation.ref != data["organisation_ref"]:
            changes.append("organisation_ref")
        if data.get("confirmed_at") and data["confirmed_at"] != existing.confirmed_at:
            changes.append("confirmed_at")
    return PlannedRow(
        sheet, label, number, data["ref"], "update" if changes else "unchanged", changes, data
    )


class ImportFailed(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(f"{len(plan.problems)} problem(s)")


@transaction.atomic
def apply_import(
    plan: ImportPlan, *, acting_user: Any, data_source: str = "imported"
) -> dict[str, int]:
    """Write a clean plan; raises :class:`ImportFailed` (writing nothing) if it has problems."""
    if not plan.ok:
        raise ImportFailed(plan)
    with bulk_changes():
        _apply(plan, acting_user=acting_user, data_source=data_source)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in plan.rows:
        key = {"create": "created", "update": "updated"}.get(row.action, "unchanged")
        counts[key] += 1
    return counts


def _apply(plan: ImportPlan, *, acting_user: Any, data_source: str) -> None:
    """Write the plan's rows in bulk (``importers/actions.py``): organisations, then streams."""
    from symbiose.registry.importers.actions import do_save_organisations, do_save_streams

    orgs = do_save_organisations(
        [r.data for r in plan.rows if r.sheet == "organisations"],
        acting_user=acting_user, data_source=data_source,
    )  # fmt: skip
    do_save_streams(
        [r.data for r in plan.rows if r.sheet == "streams"], orgs,
        acting_user=acting_user, data_source=data_source,
    )  # fmt: skip
    apply_composition(plan, acting_user=acting_user)
    apply_deposits(plan, acting_user=acting_user)
