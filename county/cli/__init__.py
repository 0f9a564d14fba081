"""The `county` command line: a dispatcher plus one module per command group.

``common`` the error (:class:`~county.cli.common.CliError`), the shared
options, the database and JSON output; ``main`` the parser and the exit
codes; one module per command group (``serve``, ``seed_demo``, ``terminals``
(enroll and terminals), ``complaints``, ``items``, ``notices``, ``settings``,
``imports``, ``payments``, ``receipts``, ``release``, ``users``), each with a
``register(subparsers)`` function listed in :data:`county.cli.main.GROUPS`.
``python -m county.cli`` runs ``__main__``, which imports this package once:
the handlers and ``main`` share one ``CliError`` class.
"""

from __future__ import annotations

from county.cli.main import main

__all__ = ["main"]
