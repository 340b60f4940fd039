"""The Norwegian and English catalogues are complete and compiled."""

from __future__ import annotations

import ast
import gettext
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "symbiose"
CATALOGUES = sorted(ROOT.glob("**/locale/nb/LC_MESSAGES/django.po"))
MARKERS = {"_", "N_", "gettext", "gettext_lazy", "pgettext", "ngettext"}


def entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each singular entry of a catalogue."""
    out = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        if "msgid_plural" in block or "msgctxt" in block:
            continue
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if not m:
            continue
        parts = [re.findall(r'"((?:[^"\\]|\\.)*)"', g) for g in m.groups()]
        msgid, msgstr = ("".join(json.loads(f'"{p}"') for p in ps) for ps in parts)
        if msgid:
            out.append((msgid, msgstr, "#, fuzzy" in block or ", fuzzy" in block))
    return out


def test_every_app_with_user_facing_text_has_a_norwegian_catalogue():
    apps = {p.parts[len(ROOT.parts)] for p in CATALOGUES}
    assert {"registry", "matching", "impact", "taxonomy", "web", "facilitation"} <= apps


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_norwegian_catalogue_is_complete_and_not_fuzzy(po):
    missing = [msgid for msgid, msgstr, fuzzy in entries(po) if not msgstr or fuzzy]
    assert not missing, f"{len(missing)} untranslated in {po}: {missing[:10]}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run compilemessages for {po}"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [msgid for msgid, msgstr, _ in entries(po) if compiled.gettext(msgid) != msgstr]
    assert not stale, f"{po.with_suffix('.mo')} is stale: {stale[:5]}"


def literal_messages() -> set[tuple[str, str]]:
    """(file, text) for every string literal passed straight to a translation marker."""
    found = set()
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in MARKERS
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):  # fmt: skip
                found.add((str(path.relative_to(ROOT)), node.args[0].value))
    return found


def test_every_marked_string_in_the_code_is_in_a_catalogue():
    known = {msgid for po in CATALOGUES for msgid, _, _ in entries(po)}
    absent = sorted((f, t) for f, t in literal_messages() if t not in known)
    assert not absent, f"{len(absent)} strings missing; run makemessages: {absent[:10]}"


ALL_CATALOGUES = sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def message_keys(text: str) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every active entry of a catalogue's text, in order.

    Obsolete entries (``#~``) and the header (empty msgid) are left out; continued strings
    are joined. An entry starts at its ``msgctxt`` or ``msgid`` line, so two entries that a
    merge left without a blank line between them still count as two.

    >>> message_keys('msgid ""\\nmsgstr "h"\\n\\nmsgctxt "unit"\\nmsgid "t"\\nmsgstr "tonn"')
    [('unit', 't')]
    """
    entries: list[dict[str, str]] = []
    current = last = None
    for line in text.splitlines():
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
        if m:
            current = m.group(1)
            opens = current == "msgctxt" or (current == "msgid" and last != "msgctxt")
            if opens or not entries:
                entries.append({})
            entries[-1][current] = json.loads(m.group(2))
            last = current
        elif line.startswith('"') and current:
            entries[-1][current] += json.loads(line)
        elif not line.strip() or line.startswith("#"):
            current, last = None, None
    return [(e.get("msgctxt", ""), e["msgid"]) for e in entries if e.get("msgid")]


def duplicates(text: str) -> list[tuple[str, str]]:
    """Keys that occur more than once in a catalogue (a union merge leaves them behind)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for key in message_keys(text):
        if key in seen:
            out.append(key)
        seen.add(key)
    return out


def test_the_duplicate_finder_tells_contexts_apart_and_reads_continued_lines():
    text = "\n\n".join([
        'msgid "Stream"\nmsgstr "Strøm"',
        'msgctxt "electricity"\nmsgid "Stream"\nmsgstr "Strøm (elektrisk)"',
        'msgid ""\n"Stre"\n"am"\nmsgstr "Strøm"',
        '#~ msgid "Stream"\n#~ msgstr "Strøm"',
        'msgctxt "electricity"\nmsgid "Stream"\nmsgstr "Strøm"\nmsgid "Map"\nmsgstr "Kart"',
        'msgid "Map"\nmsgstr "Kart"',
    ])  # fmt: skip
    assert duplicates(text) == [("", "Stream"), ("electricity", "Stream"), ("", "Map")]
    assert duplicates("\n\n".join(text.split("\n\n")[:2])) == []


@pytest.mark.parametrize("po", ALL_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_catalogue_has_a_message_twice(po):
    found = duplicates(po.read_text(encoding="utf-8"))
    assert not found, f"{len(found)} duplicated in {po} (keep one entry each): {found[:10]}"


def glued(text: str) -> list[int]:
    """Line numbers where an entry starts right after the previous one's msgstr, with no blank
    line between: a union merge leaves that, and readers that split on blank lines (and this
    file's completeness checks) would then skip the second entry.

    >>> glued('msgid "a"\\nmsgstr "b"\\n#: x.py:1\\nmsgid "c"\\nmsgstr "d"\\n\\nmsgid "e"')
    [3]
    """
    out, previous = [], ""
    for number, line in enumerate(text.splitlines(), start=1):
        ends_entry = previous.startswith(("msgstr", '"'))  # a msgstr or its continued lines
        starts_entry = line.startswith(("#", "msgctxt", "msgid "))
        if ends_entry and starts_entry and not line.startswith("#~"):
            out.append(number)
        previous = line
    return out


@pytest.mark.parametrize("po", ALL_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_catalogue_entry_stands_apart(po):
    found = glued(po.read_text(encoding="utf-8"))
    assert not found, f"{po}: put a blank line before lines {found[:10]}"


#: Source strings whose Norwegian differs by grammar or sense between apps, on purpose:
#: gender and number ("feasible", "Implemented"), a verb or a noun ("Preview"), a task's
#: owner or a stream's owner ("Owner"), a permission or a grant ("granted"), a factor's
#: remark or a facilitator's note ("note").
SENSE_DIFFERS = {"feasible", "Implemented", "Preview", "Owner", "granted", "note"}


def test_one_term_has_one_norwegian_word_across_apps():
    """A term ("EWC code", "Deposits", "candidate matches") reads the same on every page."""
    words: dict[str, set[str]] = {}
    for po in CATALOGUES:
        for msgid, msgstr, _fuzzy in entries(po):
            if msgstr and msgid not in SENSE_DIFFERS:
                words.setdefault(msgid, set()).add(msgstr[:1].lower() + msgstr[1:])
    assert {m: w for m, w in words.items() if len(w) > 1} == {}
