"""No import cycle between the product's modules, and no product module over 500 lines.

The import graph is read from the source with ``ast`` (the reader of
tests/test_layering.py: plain, from-, relative and literal ``import_module``
imports, at any depth — an import inside a function or under
``TYPE_CHECKING`` is a dependency too). A cycle is reported as the modules
in order, so the failure says where to cut it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from test_layering import ROOT, _imports

#: The product's top-level packages (update/ and demo/ once they exist).
PRODUCT = ("kiosk", "drivers", "sync", "ui", "county", "update", "demo")
MAX_LINES = 500


def _modules(root: Path) -> dict[str, Path]:
    """Dotted module name → file, for every module of the product packages under ``root``."""
    found: dict[str, Path] = {}
    for package in PRODUCT:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.relative_to(root).parts:
                continue  # Alembic scripts are loaded by file, not imported
            rel = path.relative_to(root).with_suffix("")
            found[".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)] = path
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the product modules it imports (an edge per import, wherever it stands)."""
    modules = _modules(root)
    return {name: {imported for _, imported in _imports(path, name)
                   if imported in modules and imported != name}
            for name, path in modules.items()}


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One cycle (``[a, b, …, a]``) per strongly connected component of more than one module.

    Tarjan's algorithm, iterative (the graph has hundreds of modules), then a
    breadth-first search inside each component for a shortest cycle through
    its first module.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return [_shortest_cycle(graph, set(c), c[0]) for c in sorted(components)]


def _shortest_cycle(graph: Mapping[str, Iterable[str]], members: set[str],
                    start: str) -> list[str]:
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph.get(node, ())):
                if nxt not in members:
                    continue
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # a component always has one


def test_no_import_cycle() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_no_module_over_500_lines() -> None:
    long = {name: n for name, path in _modules(ROOT).items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, "modules over 500 lines: " + ", ".join(
        f"{name} ({n})" for name, n in sorted(long.items()))


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}, [["a", "b", "c", "a"]]),
    ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, []),  # a diamond is no cycle
    ({"x": {"y"}, "y": {"x"}, "p": {"q"}, "q": {"r"}, "r": {"p"}},
     [["p", "q", "r", "p"], ["x", "y", "x"]]),
])
def test_cycles_are_found_and_named(graph: dict[str, set[str]],
                                    expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_the_graph_sees_imports_inside_functions() -> None:
    # The console's cycle was an import inside a function: the reader must see it.
    graph = import_graph()
    assert "county.console.pages" in graph["county.console.mount"]
    assert "county.cli.common" in graph["county.cli.receipts"]
    assert "kiosk.receipt" in graph["county.cli.receipts"]  # imported inside the handler
