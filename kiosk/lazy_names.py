"""Names a package exports but loads on first use (PEP 562), for a quick command line.

A package whose ``__init__`` imports every submodule makes each light
submodule (``sync.protocol.errors``) cost as much as the heaviest
(pydantic's models). With :func:`lazy_names` the package lists where each
name lives and loads that module when the name is first read::

    __getattr__, __dir__ = lazy_names(__name__, {"Name": "submodule", ...})

with the same imports under ``if TYPE_CHECKING:`` for type checkers.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, home: Mapping[str, str]
               ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: ``home`` maps a name to its submodule."""

    def __getattr__(name: str) -> Any:
        where = home.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{where}"), name)
        setattr(sys.modules[package], name, value)  # the next read is a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(home))

    return __getattr__, __dir__
