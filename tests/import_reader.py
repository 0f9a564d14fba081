"""The import reader of tests/test_layering.py and tests/test_module_shape.py: every import
a project module makes, read from its source with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["ROOT", "imports"]

#: The project's root directory (the one holding kiosk/, county/, ...).
ROOT = Path(__file__).resolve().parents[1]


def _is_module(dotted: str) -> bool:
    """Whether ``dotted`` names one of the project's modules or packages."""
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in the module ``module`` at ``path``: plain,
    from-, relative, and ``import_module``/``__import__`` with a literal name, also those
    inside functions. ``from p import m`` counts as an import of ``p.m``, and of ``p`` too
    unless every name imported is one of the project's modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            # ``from kiosk import clock`` imports the module kiosk.clock (and kiosk's
            # __init__, which imports nothing): judge the module, not the package.
            submodules = [alias.name for alias in node.names if _is_module(f"{name}.{alias.name}")]
            if len(submodules) < len(node.names):
                found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if fname in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found
