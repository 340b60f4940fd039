"""One version of "the code a stored result was computed by", shared by every stamp.

Results kept in the database or on disk carry the version of the code and data they were
computed with, so a deploy that changes what they would be makes them stale:

* the matching engine's snapshot and every stored candidate's ``basis``
  (:func:`symbiose.matching.snapshot.fingerprint`, :func:`symbiose.matching.rows.code_salt`);
* stored pair values (:func:`symbiose.impact.stored.code_version`);
* the search index rows (:func:`symbiose.search.index.knowledge_version`).

They all use :func:`tree_version`, which reads Python files by what they compute
(:func:`code_fingerprint`: the syntax tree without docstrings, comments or layout) and data
files by their bytes. So a docstring or comment edited in the engine or the taxonomy no longer
rebuilds every candidate row (234 s of CPU at 100 000 streams), while any change to code or
data does.

The syntax tree's printed form (``ast.dump``) is not stable across Python minor versions
(3.13 stopped printing empty fields, for one), so the version is salted with the running
Python's major.minor: moving to another Python makes stored results stale once, which is
safe, instead of comparing trees printed two ways, which could keep a stale result.

Several consumers hash overlapping folders (the taxonomy is in all three), each once per
process. Parsing is almost all of the cost (about 0.1 s per folder, several times that under
load; listing and reading every file takes a few milliseconds), so each Python file's
fingerprint is kept per process by the hash of its bytes (:func:`_python_fingerprint`): a
folder is parsed once however many consumers hash it, and a file edited while the process
runs is still read afresh, so the cache can never return the version of other code.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

#: Files that count, by suffix: Python by its syntax tree, the others by their bytes.
SUFFIXES = frozenset({".py", ".csv", ".json", ".txt"})
#: The running Python's major.minor, which prints the syntax trees.
PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"
#: Folders that compute nothing a stored result depends on.
SKIPPED = frozenset({"tests", "migrations", "management", "locale", "__pycache__"})


def tree_version(root: Path, sources: Iterable[str]) -> str:
    """A short hash of what the files under ``root`` named by ``sources`` compute.

    ``sources`` are folders or files relative to ``root`` (the ``symbiose`` package for the
    callers). Python files count by :func:`code_fingerprint`, data files (CSV, JSON, text)
    by their bytes; tests, migrations, management commands and translations are left out.
    The running Python's major.minor is part of the hash (see the module text).

    >>> here = Path(__file__).parent
    >>> tree_version(here, ["codeversion.py"]) == tree_version(here, ["codeversion.py"])
    True
    >>> len(tree_version(here, ["codeversion.py"]))
    12
    """
    digest = hashlib.sha1(f"python {PYTHON}".encode())
    for name in sources:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for p in files:
            rel = p.relative_to(root)
            if p.suffix not in SUFFIXES or SKIPPED & set(rel.parts):
                continue
            digest.update(rel.as_posix().encode() + b"\0")
            data = p.read_bytes()
            digest.update(_python_fingerprint(data) if p.suffix == ".py" else data)
            digest.update(b"\0")
    return digest.hexdigest()[:12]


#: :func:`code_fingerprint` of each Python source read in this process, by its bytes' SHA-1.
_FINGERPRINTS: dict[bytes, bytes] = {}


def _python_fingerprint(source: bytes) -> bytes:
    """:func:`code_fingerprint` of ``source``, parsed once per process per distinct text.

    >>> _python_fingerprint(b"x = 1\\n") is _python_fingerprint(b"x = 1\\n")
    True
    """
    key = hashlib.sha1(source).digest()
    found = _FINGERPRINTS.get(key)
    if found is None:
        found = _FINGERPRINTS[key] = code_fingerprint(source)
    return found


class _NoDocstrings(ast.NodeTransformer):
    """Drops every statement that is only a string: docstrings and other bare strings,
    which do nothing when the code runs."""

    def visit_Expr(self, node: ast.Expr) -> ast.AST | None:
        value = node.value
        return None if isinstance(value, ast.Constant) and isinstance(value.value, str) else node


def code_fingerprint(source: bytes | str) -> bytes:
    r'''What a Python file computes, without its docstrings, comments and layout: its syntax
    tree (no line numbers) with bare strings removed.

    >>> a = code_fingerprint('def f(x):\n    """Double."""\n    return 2 * x  # twice\n')
    >>> a == code_fingerprint('def f(x):\n\n    return 2*x\n')
    True
    >>> a == code_fingerprint('def f(x):\n    return 3 * x\n')
    False
    '''
    tree = _NoDocstrings().visit(ast.parse(source))
    return ast.dump(tree, annotate_fields=False).encode()
