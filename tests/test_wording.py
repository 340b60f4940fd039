"""Wording rules a template or form can break: column headers and field labels begin with a
capital letter (Django capitalises a model field's label, not one we write)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "symbiose"
#: A header cell whose first text is a translated string (icons and tags may come before it).
HEADER = re.compile(
    r'<th[^>]*>(?:<(?!/?t[hdr]\b)[^>]+>|\{%(?:(?!%\}).)*%\}|\s)*\{% (?:translate|trans) "(.)'
)

LABEL = re.compile(r'<label[^>]*>(?:<[^>]+>|\s)*\{% (?:translate|trans) "(.)')
FORM_LABEL = re.compile(r'(?<![a-z_])label=_\("(.)')


def lower_starts(pattern: re.Pattern[str], glob: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}: {m.group(0)[-40:]}"
        for path in ROOT.rglob(glob)
        if "tests" not in path.parts
        for m in pattern.finditer(path.read_text(encoding="utf-8"))
        if m.group(1).islower()
    ]


def test_field_labels_begin_with_a_capital_letter():
    lower = lower_starts(LABEL, "*.html") + lower_starts(FORM_LABEL, "*.py")
    assert not lower, "\n".join(lower)


def test_column_headers_begin_with_a_capital_letter():
    lower = [
        f"{path.relative_to(ROOT)}: {m.group(0)[-40:]}"
        for path in ROOT.rglob("*.html")
        for m in HEADER.finditer(path.read_text(encoding="utf-8"))
        if m.group(1).islower()
    ]
    assert not lower, "\n".join(lower)
