"""One code version for every stored result (issue 13): the matching snapshot and candidate
basis, stored pair values and the search index rows are all stamped by
:func:`symbiose.codeversion.tree_version`, which follows what the code computes, not its
docstrings or comments."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from symbiose import codeversion
from symbiose.codeversion import tree_version
from symbiose.impact import stored
from symbiose.matching import rows, snapshot
from symbiose.search import index

PACKAGE = Path(codeversion.__file__).resolve().parent
#: Every consumer: its cached version function and the sources it hashes.
CONSUMERS = (
    (snapshot.fingerprint, snapshot._SOURCES),
    (stored.code_version, stored.SOURCES),
    (index.knowledge_version, index.KNOWLEDGE_SOURCES),
)


def _copy(tmp_path: Path, sources: tuple[str, ...]) -> Path:
    """A copy of ``sources`` under a new ``symbiose`` folder, to edit."""
    root = tmp_path / "symbiose"
    for name in sources:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (PACKAGE / name).is_dir() else shutil.copy)(PACKAGE / name, root / name)
    return root


def _rewrite_docstrings(path: Path) -> int:
    """Replace every docstring of a class or function in ``path`` and add a comment before
    each; returns how many."""
    lines = path.read_text(encoding="utf-8").splitlines()
    defs = ast.walk(ast.parse("\n".join(lines)))
    defs = [n for n in defs if isinstance(n, ast.ClassDef | ast.FunctionDef)]
    docs = [n.body[0] for n in defs if ast.get_docstring(n)]
    for doc in sorted(docs, key=lambda d: -d.lineno):
        indent = lines[doc.lineno - 1][: doc.col_offset]
        lines[doc.lineno - 1 : doc.end_lineno] = [
            indent + "# a comment added",
            indent + '"""Edited,',
            indent + 'twice."""',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(docs)


def test_docstring_and_comment_edits_in_the_engine_and_taxonomy_keep_the_version(tmp_path):
    root = _copy(tmp_path, snapshot._SOURCES)
    before = tree_version(root, snapshot._SOURCES)
    assert before == tree_version(PACKAGE, snapshot._SOURCES)  # the copy is the shipped code
    edited = sum(_rewrite_docstrings(p) for p in sorted(root.rglob("*.py")))
    assert edited > 100
    module = root / "matching" / "engine" / "scoring.py"
    text = module.read_text(encoding="utf-8")
    module.write_text('"""A new module text."""\n' + text.split('"""', 2)[2], encoding="utf-8")
    assert tree_version(root, snapshot._SOURCES) == before


def test_a_code_change_or_a_data_change_changes_the_version(tmp_path):
    root = _copy(tmp_path, snapshot._SOURCES)
    before = tree_version(root, snapshot._SOURCES)
    module = root / "matching" / "engine" / "scoring.py"
    saved = module.read_text(encoding="utf-8")
    code = "rel = np.maximum(rel, PRIOR_RELATION * prior)"
    assert code in saved
    module.write_text(saved.replace(code, code.replace("*", "/")), encoding="utf-8")
    assert tree_version(root, snapshot._SOURCES) != before
    module.write_text(saved, encoding="utf-8")
    assert tree_version(root, snapshot._SOURCES) == before
    data = sorted((root / "taxonomy").rglob("*.csv"))[0]
    data.write_bytes(data.read_bytes() + b"\n")
    assert tree_version(root, snapshot._SOURCES) != before


def test_the_version_names_the_python_it_was_printed_by(tmp_path, monkeypatch):
    (tmp_path / "m.py").write_text("X = 1\n")
    before = tree_version(tmp_path, ["m.py"])
    monkeypatch.setattr(codeversion, "PYTHON", "3.99")
    assert tree_version(tmp_path, ["m.py"]) != before


@pytest.mark.parametrize(("version", "sources"), CONSUMERS, ids=["snapshot", "impact", "search"])
def test_every_stored_result_is_stamped_by_the_shared_version(version, sources, monkeypatch):
    """Each consumer's version follows :func:`codeversion.tree_version` of its sources: with
    the shared function answering otherwise, each answers otherwise."""
    seen = []

    def fake(root: Path, names) -> str:
        seen.append((root, tuple(names)))
        return f"fake-{len(seen)}"

    version.cache_clear()
    first = version()
    monkeypatch.setattr(codeversion, "tree_version", fake)
    version.cache_clear()
    try:
        second = version()
    finally:
        version.cache_clear()
    assert seen == [(PACKAGE, tuple(sources))]
    assert second != first


def test_the_candidate_basis_salt_follows_the_snapshot_fingerprint(monkeypatch):
    rows.code_salt.cache_clear()
    first = rows.code_salt()
    monkeypatch.setattr(snapshot, "fingerprint", lambda: "other code")
    rows.code_salt.cache_clear()
    try:
        assert rows.code_salt() != first
    finally:
        rows.code_salt.cache_clear()


def test_no_other_module_hashes_code_on_its_own():
    """``ast.dump``, or a module reading its own bytes without the shared version, anywhere
    else would be a second code version."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "tests" in path.parts or path == PACKAGE / "codeversion.py":
            continue
        text = path.read_text(encoding="utf-8")
        own_bytes = "__file__" in text and "read_bytes()" in text and "codeversion" not in text
        if "ast.dump(" in text or own_bytes:
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_the_three_consumers_parse_each_shared_file_once(monkeypatch):
    """The engine snapshot, stored values and the search index all hash the taxonomy: each
    Python file is parsed once per process, not once per consumer."""
    parsed: list[bytes] = []
    real = codeversion.code_fingerprint

    def counting(source):
        parsed.append(bytes(source))
        return real(source)

    monkeypatch.setattr(codeversion, "code_fingerprint", counting)
    monkeypatch.setattr(codeversion, "_FINGERPRINTS", {})

    def fresh_versions() -> list[str]:
        """Each consumer's version computed now, leaving no cached version behind."""
        out = []
        for version, _sources in CONSUMERS:
            version.cache_clear()
            try:
                out.append(version())
            finally:
                version.cache_clear()
        return out

    versions = fresh_versions()
    taxonomy = sorted((PACKAGE / "taxonomy").rglob("*.py"))
    taxonomy = [p for p in taxonomy if not codeversion.SKIPPED & set(p.parts)]
    assert len(taxonomy) > 10
    assert all(parsed.count(p.read_bytes()) == 1 for p in taxonomy)
    assert len(parsed) == len(set(parsed))
    monkeypatch.setattr(codeversion, "_python_fingerprint", real)  # no cache: the same versions
    assert versions == fresh_versions()


def test_an_edited_file_is_read_again_by_the_same_process(tmp_path):
    """The cache is keyed by the file's text, so an edit in a running process, even one that
    keeps the size and lands within the same clock tick, gives another version."""
    module = tmp_path / "m.py"
    module.write_text("X = 2 * 3\n")
    before = tree_version(tmp_path, ["m.py"])
    module.write_text("X = 2 / 3\n")
    assert tree_version(tmp_path, ["m.py"]) != before
    module.write_text("X = 2 * 3\n")
    assert tree_version(tmp_path, ["m.py"]) == before
