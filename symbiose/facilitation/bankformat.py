"""The Bank of Opportunities exchange format (docs/bank-format.md): write and read JSON.

Reading never trusts the file: every problem is reported with the entry number and field,
in the user's language, and nothing is stored unless the whole file is clean.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.utils.translation import gettext as _

from symbiose.facilitation.models.opportunity import DIMENSIONS, KINDS, PHASES
from symbiose.inputs import text_problem
from symbiose.registry.models.stream import CATEGORIES, DIRECTIONS, PERIODS

FORMAT = "symbiose-bank-of-opportunities"
VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 1000
STREAM_KEYS = (
    "direction",
    "category",
    "title",
    "ewc_code",
    "crm",
    "annual_quantity",
    "annual_unit",
    "period",  # "once": the quantity is a one-off lot, not a yearly amount
)


def entry_to_dict(entry: Any) -> dict[str, Any]:
    return {
        "ref": entry.ref,
        "title": entry.title,
        "kind": entry.kind,
        "description": entry.description,
        "reason": entry.reason,
        "phase_reached": entry.phase_reached,
        "readiness": dict(entry.readiness),
        "streams": list(entry.streams),
        "region": entry.region,
        "shelved_at": entry.shelved_at.isoformat(),
    }


def document(entries: list[Any], *, source: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "source": source,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "entries": [entry_to_dict(e) for e in entries],
    }


class BankFormatError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _text(item: dict, key: str, where: str, problems: list[str], *, required=False, size=None):
    value = item.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(
            _("{where}, field “{field}”: write it as text.").format(where=where, field=key)
        )
        return ""
    if required and not value.strip():
        problems.append(_("{where}, field “{field}”: fill it in.").format(where=where, field=key))
    bad = text_problem(value)
    if bad:
        problems.append(
            _("{where}, field “{field}”: {problem}").format(where=where, field=key, problem=bad)
        )
    if size and len(value) > size:
        problems.append(
            _("{where}, field “{field}”: shorten it to at most {size} characters.").format(
                where=where, field=key, size=size
            )
        )
    return value.strip()


def _choice(item, key, choices, where, problems, default=None):
    value = item.get(key, default)
    allowed = [c[0] for c in choices]
    if value not in allowed:
        problems.append(
            _("{where}, field “{field}”: use one of {allowed}.").format(
                where=where, field=key, allowed=", ".join(str(a) for a in allowed)
            )
        )
    return value


def _readiness(item, where, problems) -> dict[str, int]:
    raw = item.get("readiness") or {}
    if not isinstance(raw, dict):
        problems.append(
            _("{where}, field “readiness”: give an object of dimension: level.").format(where=where)
        )
        return {}
    out = {}
    dims = dict(DIMENSIONS)
    for dim, level in raw.items():
        if dim not in dims:
            problems.append(
                _("{where}, readiness: unknown dimension “{dim}”; use {allowed}.").format(
                    where=where, dim=dim, allowed=", ".join(dims)
                )
            )
        elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 9:
            problems.append(
                _("{where}, readiness “{dim}”: give a whole number from 1 to 9.").format(
                    where=where, dim=dim
                )
            )
        else:
            out[dim] = level
    return out


def _streams(item, where, problems) -> list[dict[str, Any]]:
    raw = item.get("streams") or []
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        problems.append(_("{where}, field “streams”: give a list of objects.").format(where=where))
        return []
    out = []
    for n, s in enumerate(raw, 1):
        here = _("{where}, stream {n}").format(where=where, n=n)
        _choice(s, "direction", DIRECTIONS, here, problems)
        _choice(s, "category", CATEGORIES, here, problems)
        if s.get("period") not in (None, ""):
            _choice(s, "period", PERIODS, here, problems)
        out.append({k: s.get(k) for k in STREAM_KEYS if s.get(k) not in (None, "", [])})
    return out


def parse(data: bytes) -> list[dict[str, Any]]:
    """The entries of a bank file, checked; raises :class:`BankFormatError` with every problem."""
    if len(data) > MAX_BYTES:
        raise BankFormatError([_("The file is larger than 5 MB; split it into smaller files.")])
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        raise BankFormatError(
            [
                _("The file is not valid JSON ({error}); export it again from Symbiose.").format(
                    error=err
                )
            ]
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BankFormatError(
            [
                _("This is not a bank of opportunities file: “format” must be “{format}”.").format(
                    format=FORMAT
                )
            ]
        )
    if doc.get("version") != VERSION:
        raise BankFormatError(
            [
                _(
                    "Version {version} is not supported; this installation reads version {ours}."
                ).format(version=doc.get("version"), ours=VERSION)
            ]
        )
    entries = doc.get("entries")
    if not isinstance(entries, list) or not entries:
        raise BankFormatError([_("The file has no entries: “entries” must be a non-empty list.")])
    if len(entries) > MAX_ENTRIES:
        raise BankFormatError(
            [_("The file has more than {n} entries; split it.").format(n=MAX_ENTRIES)]
        )
    problems: list[str] = []
    out = []
    for n, item in enumerate(entries, 1):
        where = _("Entry {n}").format(n=n)
        if not isinstance(item, dict):
            problems.append(_("{where}: must be an object.").format(where=where))
            continue
        clean = {
            "ref": _text(item, "ref", where, problems, size=40),
            "title": _text(item, "title", where, problems, required=True, size=200),
            "kind": _choice(item, "kind", KINDS, where, problems, default="by-product"),
            "description": _text(item, "description", where, problems, size=20000),
            "reason": _text(item, "reason", where, problems, required=True, size=20000),
            "phase_reached": _choice(item, "phase_reached", PHASES, where, problems, default=1),
            "readiness": _readiness(item, where, problems),
            "streams": _streams(item, where, problems),
            "region": _text(item, "region", where, problems, size=200),
        }
        shelved = item.get("shelved_at")
        try:
            clean["shelved_at"] = datetime.date.fromisoformat(shelved) if shelved else None
        except (TypeError, ValueError):
            problems.append(
                _("{where}, field “shelved_at”: write the date as YYYY-MM-DD.").format(where=where)
            )
        out.append(clean)
    if problems:
        raise BankFormatError(problems)
    return out
