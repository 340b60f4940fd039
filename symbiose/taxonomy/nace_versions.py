"""Reading NACE codes people bring: Rev. 2.1 (SN2025), Rev. 2 (SN2007), with a national fifth digit.

Pure module. Symbiose stores NACE Rev. 2.1 codes. Spreadsheets, ERPs and registrations still
carry NACE Rev. 2 / SN2007 codes, often with the Norwegian fifth digit (``24.420``). The same
four digits can mean different activities in the two revisions (Rev. 2 38.32 "Recovery of
sorted materials" is Rev. 2.1 38.32 "Landfilling or permanent storage"), so a code is never
reinterpreted silently:

* a code that exists only in Rev. 2.1, or in both with the same title, is kept;
* a Rev. 2 code is converted through the official correspondence table
  (``data/nace_rev2_rev21.csv``) when the table has it: a one-to-one row is applied and noted,
  a one-to-many row asks the user to choose among its Rev. 2.1 codes;
* without a row in that table, a Rev. 2 code (or a code whose title differs between the two
  revisions, when the revision is not given) asks the user to choose; the Rev. 2.1 classes
  with the same title are offered as suggestions, marked as such, never applied.

Both code lists come from python-stdnum (``eu/nace20``: Eurostat RAMON NACE_REV2,
``eu/nace21``: Eurostat NACE Rev. 2.1). See ``data/README.md`` for the correspondence table.

>>> read_nace("24.420").code
'24.42'
>>> read_nace("38.32").kind
'choose'
>>> read_nace("38.32", revision="2.1").code
'38.32'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from symbiose.textmarks import N_

DATA = Path(__file__).parent / "data"
REVISION_WORDS = {
    "2.1": "2.1",
    "rev 2.1": "2.1",
    "nace 2.1": "2.1",
    "sn2025": "2.1",
    "2": "2",
    "2.0": "2",
    "rev 2": "2",
    "nace 2": "2",
    "sn2007": "2",
}


@dataclass(frozen=True)
class NaceReading:
    """What a written NACE code means here.

    ``kind`` is ``kept`` (a Rev. 2.1 code), ``converted`` (a Rev. 2 code converted one-to-one
    by the official table: ``code`` is the Rev. 2.1 code, ``template`` a note), ``choose``
    (the user must pick one of ``candidates``; ``template`` says why) or ``invalid``.
    """

    kind: str
    code: str = ""
    candidates: tuple[str, ...] = ()
    template: str = ""
    params: dict[str, object] = field(default_factory=dict)


def _walk(name: str) -> dict[str, str]:
    from stdnum import numdb

    out: dict[str, str] = {}
    for _l, low, _h, props, groups in numdb.get(name).prefixes:
        out[low] = props.get("label", "")
        if low.isalpha():
            continue
        for _gl, glow, _gh, gprops, classes in groups:
            out[low + glow] = gprops.get("label", "")
            for _cl, clow, _ch, cprops, _children in classes:
                out[low + glow + clow] = cprops.get("label", "")
    return {code: " ".join(label.split()) for code, label in out.items()}


@lru_cache(maxsize=1)
def titles() -> tuple[dict[str, str], dict[str, str]]:
    """English titles of every Rev. 2 and Rev. 2.1 code, keyed by compact code ("2442")."""
    return _walk("eu/nace20"), _walk("eu/nace21")


@lru_cache(maxsize=1)
def official_table() -> dict[str, tuple[str, ...]]:
    """The official Rev. 2 → Rev. 2.1 correspondence (compact codes), from the shipped CSV."""
    table: dict[str, list[str]] = {}
    with (DATA / "nace_rev2_rev21.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            table.setdefault(_compact(row["rev2"]), []).append(_compact(row["rev21"]))
    return {code: tuple(dict.fromkeys(targets)) for code, targets in table.items()}


def _compact(text: str) -> str:
    return re.sub(r"[\s.]", "", text).upper()


def fmt(compact: str) -> str:
    """Write a compact code as Eurostat does: "C", "24", "24.4", "24.42"."""
    if compact.isalpha() or len(compact) <= 2:
        return compact
    return f"{compact[:2]}.{compact[2:]}"


def label(compact: str, revision: str = "2.1") -> str:
    rev2, rev21 = titles()
    return (rev21 if revision == "2.1" else rev2).get(compact, "")


def _same_title(compact: str) -> tuple[str, ...]:
    """Rev. 2.1 classes with the Rev. 2 title, or else the Rev. 2.1 classes of the same
    group when that group kept its title: suggestions for the user, never applied."""
    rev2, rev21 = titles()
    wanted = rev2.get(compact, "").lower()
    same = tuple(c for c, t in rev21.items() if t.lower() == wanted and len(c) == len(compact))
    group = compact[:3]
    if same or len(compact) != 4 or rev2.get(group, "").lower() != rev21.get(group, "-").lower():
        return same
    return tuple(c for c in rev21 if len(c) == 4 and c[:3] == group)


def _choice(rev2_code: str, *, also_21: bool, table: dict[str, tuple[str, ...]]) -> NaceReading:
    official = table.get(rev2_code, ())
    suggested = () if official else _same_title(rev2_code)
    candidates = tuple(dict.fromkeys(((rev2_code,) if also_21 else ()) + official + suggested))
    listed = "; ".join(f"{fmt(c)} {label(c)}" for c in candidates) or "—"
    params = {"code": fmt(rev2_code), "rev2": label(rev2_code, "2"), "candidates": listed}
    if also_21:
        params["rev21"] = label(rev2_code)
        template = (
            N_("{code} means “{rev21}” in NACE Rev. 2.1 (SN2025) but “{rev2}” in Rev. 2 "
               "(SN2007); choose the Rev. 2.1 code you mean: {candidates} (or add the column "
               "nace_revision with 2.1 or 2)")
            if official
            else N_("{code} means “{rev21}” in NACE Rev. 2.1 (SN2025) but “{rev2}” in Rev. 2 "
                    "(SN2007); choose the Rev. 2.1 code you mean: {candidates} (besides {code}, "
                    "suggestions by title or group, not from the official correspondence "
                    "table; or add the column nace_revision with 2.1 or 2)")
        )  # fmt: skip
    elif official:
        template = N_("{code} “{rev2}” is a NACE Rev. 2 (SN2007) code that the official "
                      "table splits; choose the Rev. 2.1 code: {candidates}")  # fmt: skip
    else:
        template = N_("{code} “{rev2}” is a NACE Rev. 2 (SN2007) code; write its Rev. 2.1 "
                      "(SN2025) code. Suggestions by title or group (not the official "
                      "correspondence table): {candidates}")  # fmt: skip
    return NaceReading("choose", "", candidates, template, params)


def read_nace(
    text: str, revision: str = "", table: dict[str, tuple[str, ...]] | None = None
) -> NaceReading:
    """Read a written NACE code (see the module docstring); ``revision`` is ``"2.1"``,
    ``"2"`` or empty (unknown); ``table`` replaces the shipped correspondence (tests)."""
    table = official_table() if table is None else table
    rev2, rev21 = titles()
    raw = text.strip()
    compact = _compact(raw)
    if re.fullmatch(r"\d{5}", compact):
        compact = compact[:4]  # the national (SN) fifth digit refines a NACE class
    revision = REVISION_WORDS.get(revision.strip().lower(), revision.strip())
    if not (compact.isalpha() and len(compact) == 1) and not re.fullmatch(r"\d{2,4}", compact):
        return NaceReading(
            "invalid", template=N_("{value} is not a NACE code"), params={"value": raw}
        )
    in2, in21 = compact in rev2, compact in rev21
    if revision == "2.1" or (in21 and not in2):
        if in21:
            return _kept(compact, raw)
        if not in2:
            return NaceReading(
                "invalid", template=N_("{value} is not a NACE Rev. 2.1 code"), params={"value": raw}
            )
        return _choice(compact, also_21=False, table=table)
    if not in2:
        return NaceReading(
            "invalid",
            template=N_("{value} is neither a NACE Rev. 2.1 nor a Rev. 2 code"),
            params={"value": raw},
        )
    same = in21 and rev2[compact].lower() == rev21[compact].lower()
    official = table.get(compact, ())
    if revision == "2":
        if len(official) == 1:
            return _converted(compact, official[0])
        if same and not official:
            return _kept(compact, raw)
        return _choice(compact, also_21=False, table=table)
    # The revision is not given and the code exists in Rev. 2.
    if same and (not official or official == (compact,)):
        return _kept(compact, raw)
    if not in21 and len(official) == 1:
        return _converted(compact, official[0])
    return _choice(compact, also_21=in21, table=table)


def _kept(compact: str, raw: str) -> NaceReading:
    """A code kept as it is; a national fifth digit dropped is noted."""
    if re.fullmatch(r"\d{5}", _compact(raw)):
        return NaceReading(
            "kept",
            fmt(compact),
            (),
            N_("{value} is a national (SN) subclass; stored as NACE class {code} “{title}”"),
            {"value": raw, "code": fmt(compact), "title": label(compact)},
        )
    return NaceReading("kept", fmt(compact))


def _converted(old: str, new: str) -> NaceReading:
    return NaceReading(
        "converted",
        fmt(new),
        (new,),
        N_("NACE Rev. 2 code {old} “{old_title}” converted to Rev. 2.1 {new} “{new_title}” "
           "(official correspondence table)"),
        {"old": fmt(old), "old_title": label(old, "2"), "new": fmt(new), "new_title": label(new)},
    )  # fmt: skip
