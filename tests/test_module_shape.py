"""No product module over 500 lines, and no import cycle between product modules.

Checked on the source, like tests/test_layering.py (with the same import reader,
tests/import_reader.py: plain, from-, relative and ``import_module`` imports, also
those inside functions). A failure names each cycle's modules in import order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_reader import ROOT, imports

CHECKED = ("kiosk", "drivers", "sync", "update", "ui", "county", "demo")
MAX_LINES = 500


def _modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).with_suffix("")
            found[".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)] = path
    return found


def _graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Each module's imports of other product modules (an import of a name in a
    module counts as an import of that module)."""
    modules = _modules(root, packages)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        deps = set()
        for _, imported in imports(path, module):
            parts = imported.split(".")
            owner = next((".".join(parts[:i]) for i in range(len(parts), 0, -1)
                          if ".".join(parts[:i]) in modules), None)
            if owner is not None and owner != module:
                deps.add(owner)
        graph[module] = deps
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def _cycle_through(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A shortest import path from ``group[0]`` back to itself inside ``group`` (for the
    failure message: where to cut)."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    return group


def test_no_product_module_is_over_500_lines() -> None:
    long = {module: n for module, path in _modules(ROOT, CHECKED).items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_import_cycle() -> None:
    graph = _graph(ROOT, CHECKED)
    cycles = [" → ".join(_cycle_through(graph, group)) for group in _cycles(graph)]
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_a_cycle_is_named_in_import_order() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    [group] = _cycles(graph)
    assert _cycle_through(graph, group) == ["a", "b", "c", "a"]


def test_the_console_pages_are_a_dependency_of_mounting_only() -> None:
    # The console's cycle was an import inside a function (web → pages → web): mounting now
    # lives in its own module, which imports the pages; the pages import the helpers.
    graph = _graph(ROOT, CHECKED)
    assert "county.console.pages" in graph["county.console.mount"]
    assert "county.console.web" in graph["county.console.pages"]
    assert "county.console.pages" not in graph["county.console.web"]


@pytest.mark.parametrize("lazy", [False, True])
def test_the_cycle_check_finds_a_cycle(tmp_path: Path, lazy: bool) -> None:
    (tmp_path / "sync" / "protocol").mkdir(parents=True)
    for package in ("sync", "sync/protocol"):
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "sync" / "a.py").write_text("from sync.protocol.b import f\n")
    indent = "def g() -> None:\n    " if lazy else ""
    (tmp_path / "sync" / "protocol" / "b.py").write_text(f"{indent}from ..a import x\n")
    (tmp_path / "sync" / "c.py").write_text("from sync import a\n")
    assert _cycles(_graph(tmp_path, ("sync",))) == [["sync.a", "sync.protocol.b"]]
