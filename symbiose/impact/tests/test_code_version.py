"""The code version in a stored value's stamp changes with what the code computes, not with
its docstrings or comments: an edited docstring must not make every stored value stale."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from symbiose.codeversion import code_fingerprint, tree_version
from symbiose.impact import stored

PACKAGE = Path(stored.__file__).resolve().parents[1]


def _copy(tmp_path: Path) -> Path:
    """A copy of the value model's calculators and their data, to edit."""
    root = tmp_path / "symbiose"
    shutil.copytree(PACKAGE / "impact" / "calc", root / "impact" / "calc")
    shutil.copytree(PACKAGE / "impact" / "data", root / "impact" / "data")
    return root


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_docstring_and_comment_edits_keep_the_version(tmp_path):
    root = _copy(tmp_path)
    before = tree_version(root, ["impact"])
    exchange = root / "impact" / "calc" / "exchange.py"
    text = exchange.read_text(encoding="utf-8")
    first_doc = re.search(r'"""(.+?)"""', text, re.S)
    assert first_doc is not None
    _edit(exchange, first_doc.group(0), '"""Rewritten module text, over\n\ntwo paragraphs."""')
    _edit(exchange, "\ndef ", "\n# a new comment\n\n\ndef ")  # a comment and blank lines
    edited = sum(_rewrite_docstrings(p) for p in (root / "impact" / "calc").glob("*.py"))
    assert edited > 50
    assert tree_version(root, ["impact"]) == before


def _rewrite_docstrings(path: Path) -> int:
    """Replace every docstring of a class or function in ``path``; returns how many."""
    lines = path.read_text(encoding="utf-8").splitlines()
    docs = [
        node.body[0]
        for node in ast.walk(ast.parse("\n".join(lines)))
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)
    ]
    for doc in sorted(docs, key=lambda d: -d.lineno):
        indent = lines[doc.lineno - 1][: doc.col_offset]
        lines[doc.lineno - 1 : doc.end_lineno] = [indent + '"""Edited,', indent + 'twice."""']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(docs)


def test_a_code_change_or_a_data_change_changes_the_version(tmp_path):
    root = _copy(tmp_path)
    before = tree_version(root, ["impact"])
    exchange = root / "impact" / "calc" / "exchange.py"
    saved = exchange.read_text(encoding="utf-8")
    _edit(exchange, " + ", " - ")  # one operator in the value model
    changed = tree_version(root, ["impact"])
    assert changed != before
    exchange.write_text(saved, encoding="utf-8")
    assert tree_version(root, ["impact"]) == before  # the same code: the same version again
    data = next((root / "impact" / "data").glob("*.csv"))
    data.write_bytes(data.read_bytes() + b"\n")
    assert tree_version(root, ["impact"]) != before


def test_a_string_that_is_a_value_still_counts():
    a = code_fingerprint('LABEL = "heat delivered"\n')
    assert a != code_fingerprint('LABEL = "heat lost"\n')
    assert code_fingerprint('def f():\n    "only a docstring"\n') == code_fingerprint(
        "def f():\n    'another docstring'\n"
    )


def test_the_stamp_version_is_the_shipped_tree_version():
    assert stored.code_version() == tree_version(PACKAGE, stored.SOURCES)
