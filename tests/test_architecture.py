"""Rules that keep the house standing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from symbiose.taxonomy.categories import CATEGORY_KEYS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "symbiose"
PURE = [
    PACKAGE / "matching" / "engine",
    PACKAGE / "impact" / "calc",
    PACKAGE / "taxonomy" / "ewc.py",
    PACKAGE / "taxonomy" / "categories.py",
    PACKAGE / "taxonomy" / "lists.py",
    PACKAGE / "taxonomy" / "materials.py",
    PACKAGE / "taxonomy" / "search",
    PACKAGE / "taxonomy" / "classify.py",
    PACKAGE / "taxonomy" / "matcher.py",
    PACKAGE / "taxonomy" / "letters.py",
    PACKAGE / "taxonomy" / "codeclass.py",
    PACKAGE / "taxonomy" / "knowledge.py",
    PACKAGE / "taxonomy" / "legal.py",
    PACKAGE / "taxonomy" / "nace_versions.py",
    PACKAGE / "taxonomy" / "elements.py",
    PACKAGE / "taxonomy" / "criticality.py",
    PACKAGE / "taxonomy" / "technologies.py",
    PACKAGE / "resources" / "validation.py",
    PACKAGE / "registry" / "importers" / "dialects.py",
    PACKAGE / "registry" / "importers" / "numbers.py",
    PACKAGE / "registry" / "importers" / "limits.py",
    PACKAGE / "registry" / "importers" / "xlsx.py",
    PACKAGE / "registry" / "units.py",
    PACKAGE / "registry" / "validation.py",
    PACKAGE / "registry" / "template.py",
    PACKAGE / "textmarks.py",
]


def python_files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            # "from symbiose.taxonomy import ewc" imports the module symbiose.taxonomy.ewc
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize(
    "path",
    [p for base in PURE if base.exists() for p in python_files(base)],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_pure_packages_import_no_django(path):
    bad = {m for m in imported_modules(path) if m == "django" or m.startswith("django.")}
    impure = {
        m
        for m in imported_modules(path)
        if m.startswith("symbiose.")
        and not any(
            m.startswith(ok)
            for ok in (
                "symbiose.matching.engine",
                "symbiose.impact.calc",
                "symbiose.taxonomy.ewc",
                "symbiose.taxonomy.categories",
                "symbiose.taxonomy.lists",
                "symbiose.taxonomy.materials",
                "symbiose.taxonomy.search",
                "symbiose.taxonomy.classify",
                "symbiose.taxonomy.matcher",
                "symbiose.taxonomy.origin",
                "symbiose.taxonomy.letters",
                "symbiose.taxonomy.codeclass",
                "symbiose.taxonomy.knowledge",
                "symbiose.taxonomy.legal",
                "symbiose.taxonomy.nace_versions",
                "symbiose.taxonomy.elements",
                "symbiose.resources.validation",
                "symbiose.registry.importers.dialects",
                "symbiose.registry.importers.numbers",
                "symbiose.registry.importers.limits",
                "symbiose.registry.importers.xlsx",
                "symbiose.registry.units",
                "symbiose.registry.validation",
                "symbiose.registry.template",
                "symbiose.textmarks",
            )
        )
    }
    assert not bad, f"{path} imports Django: {bad}"
    assert not impure, f"{path} imports Django-side modules: {impure}"


def all_python() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize(
    "path",
    all_python() + sorted((ROOT / "tests").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_python_file_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


# A call of one of these on a manager or queryset writes rows.
QUERYSET_WRITES = {
    *("create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"),
    *("update", "delete"),
}
QUERYSET_READS = {
    *("all", "filter", "exclude", "select_related", "prefetch_related", "order_by"),
    *("select_for_update", "using", "annotate", "only", "defer", "distinct"),
}


def _queryset_like(node: ast.expr) -> bool:
    """Whether an expression is (probably) a manager or queryset: ``X.objects``, ``x.y_set``,
    or a chain through ``filter``/``exclude``/``all``/..."""
    while True:
        if isinstance(node, ast.Attribute):
            if node.attr == "objects" or node.attr.endswith("_set"):
                return True
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in QUERYSET_READS:
                return True
            node = node.func.value
        else:
            return False


def model_writes(source: str) -> list[int]:
    """Line numbers of model writes: ``.save()``/``.delete()`` on anything, and creates,
    updates and bulk writes on a manager or queryset (``# write-ok`` on the line allows one)."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if name in {"save", "delete"} or (
            name in QUERYSET_WRITES and _queryset_like(node.func.value)
        ):
            span = lines[node.lineno - 1 : node.end_lineno]
            if not any("# write-ok" in line for line in span):
                found.append(node.lineno)
    return sorted(found)


@pytest.mark.parametrize(
    ("source", "writes"),
    [
        ("s.save()", True),
        ("Stream.objects.create(ref='x')", True),
        ("Stream.objects.filter(pk=1).update(title='x')", True),
        ("Stream.objects.bulk_update(rows, ['title'])", True),
        ("org.stream_set.all().delete()", True),
        ("hub.membership_set.get_or_create(user=u)", True),
        ("Stream.objects.filter(pk=1).update(title='x')  # write-ok: setup", False),
        ("context.update(title='x')", False),
        ("seen.update(words)", False),
        ("Stream.objects.filter(pk=1).first()", False),
    ],
)
def test_the_write_finder_tells_writes_from_reads(source, writes):
    assert bool(model_writes(source)) is writes


def test_model_writes_happen_only_in_actions():
    offenders = []
    for path in all_python():
        rel = path.relative_to(ROOT)
        if path.name in {"actions.py"} or "actions" in path.parts or "tests" in path.parts:
            continue
        if any(part in {"engine", "calc"} for part in path.parts):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        offenders += [f"{rel}:{n}: {lines[n - 1].strip()}" for n in model_writes(source)]
    assert not offenders, "\n".join(offenders)


# --- Layers -------------------------------------------------------------------------------
#: The layers, lowest first. A module may import from its own layer and the layers below,
#: never from one above; within a layer the packages import each other without cycles. Every
#: package and top-level module of ``symbiose`` must be in exactly one layer: a new app adds
#: its name here, in the layer of the highest app it needs (see docs/architecture.md).
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "textmarks",
        "spreadsheet",
        "checks",
        "settings",
        "mail",
        "backup",
        "bulkinsert",
        "formats",
        "taskworker",
        "codeversion",
    ),
    ("taxonomy",),
    ("registry", "inputs", "reports", "resources"),
    ("matching",),
    ("impact",),
    ("facilitation",),
    ("ledger",),
    ("contact", "regional"),
    ("web", "search"),
    ("api", "urls", "cli", "wsgi"),
)
# resources, regional and search were built while the layers were drawn. resources sits with
# the registry: the registry's importers and exporters read its composition rows.


def _unit(module: str) -> str | None:
    """The package or top-level module of ``symbiose`` that a dotted name belongs to."""
    parts = module.split(".")
    return parts[1] if parts[0] == "symbiose" and len(parts) > 1 else None


def _imports_of(path: Path) -> list[tuple[str, int]]:
    """Every ``symbiose`` module a file imports (at any depth: lazy imports count too)."""
    package = list(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return [(name, line) for name, line in found if name.startswith("symbiose.")]


def layered_files() -> list[Path]:
    return [p for p in all_python() if "tests" not in p.parts]


def test_every_package_is_in_exactly_one_layer():
    units = {_unit(".".join(p.relative_to(ROOT).with_suffix("").parts)) for p in layered_files()}
    units.discard(None)
    units.discard("__init__")
    placed = [u for layer in LAYERS for u in layer]
    assert len(placed) == len(set(placed)), "a package is in two layers"
    missing = sorted(units - set(placed))
    assert not missing, f"add {missing} to LAYERS in tests/test_architecture.py"


def test_no_module_imports_a_higher_layer():
    rank = {unit: i for i, layer in enumerate(LAYERS) for unit in layer}
    offenders = []
    for path in layered_files():
        mine = _unit(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, line in _imports_of(path):
            theirs = _unit(name)
            if mine in rank and theirs in rank and rank[theirs] > rank[mine]:
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {name}")
    assert not offenders, "\n".join(offenders)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycle_spans_two_packages():
    """Within a layer packages may import each other, but no chain of imports leads back:
    a cycle between two packages is one room that pretends to be two."""
    files = {_module_name(p): p for p in layered_files()}

    def module_of(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    graph = {
        mod: {m for name, _line in _imports_of(path) if (m := module_of(name)) and m != mod}
        for mod, path in files.items()
    }

    def reaches(start: str, goal: str) -> bool:
        seen, todo = {start}, [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    cycles = sorted(
        f"{a} -> {b} -> ... -> {a}"
        for a, targets in graph.items()
        for b in targets
        if _unit(a) != _unit(b) and reaches(b, a)
    )
    assert not cycles, "\n".join(cycles)


# --- Category names appear only in the specification --------------------------------------
def category_groups(source: str) -> list[int]:
    """Line numbers of literal collections (tuple, list, set, dict keys) that name two or more
    categories: a rule that treats some categories alike, which belongs in the specification
    as a property (``pipe_bound``, ``thermal``, ...)."""
    keys = set(CATEGORY_KEYS)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        else:
            continue
        named = {e.value for e in items if isinstance(e, ast.Constant) and e.value in keys}
        if len(named) >= 2:
            found.append(node.lineno)
    return found


@pytest.mark.parametrize(
    ("source", "groups"),
    [
        ('if c in ("heat", "cold"): pass', True),
        ('UNITS = {"material": "t/yr", "gas": "t/yr"}', True),
        ('ok = frozenset({"water", "heat", "cold"})', True),
        ('if c == "heat": pass', False),
        ('SHARES = [("material", 0.7), ("heat", 0.1)]', False),
        ('KINDS = ("material", "ewc", "crm")', False),
    ],
)
def test_the_group_finder_finds_lists_of_categories(source, groups):
    assert bool(category_groups(source)) is groups


def test_no_code_outside_the_specification_lists_categories():
    """Adding a category is a change in ``taxonomy/categories.py`` plus its data: no other
    module may list categories (a value model may still test for its own category)."""
    spec = PACKAGE / "taxonomy" / "categories.py"
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == spec or {"tests", "migrations"} & set(path.parts):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        offenders += [
            f"{path.relative_to(ROOT)}:{n}: {lines[n - 1].strip()}" for n in category_groups(source)
        ]
    assert not offenders, "\n".join(offenders)
