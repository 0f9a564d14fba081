"""Build a release's venv offline from the wheels of its bundle.

``python -m venv --without-pip`` plus the running interpreter's own pip
aimed at the new venv (``pip --python``) takes about a second; a venv with
its own pip (ensurepip) takes ten times as long, so that is only the
fallback when this interpreter has no pip. Nothing is fetched from a
network: ``--no-index --find-links WHEELS``. The terminal's venv installs the
project with its ``kiosk`` extra (Qt, serial, PC/SC, ESC/POS): the manifest's
``village-kiosk==V`` becomes ``village-kiosk[kiosk]==V``. A release built
before that extra existed has those in its core dependencies; pip only warns
that it has no such extra.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from update.errors import BuildFailedError

__all__ = ["TERMINAL_EXTRA", "build_venv", "clean_env", "terminal_requirement"]

#: The extra of the project a terminal installs (pyproject.toml).
TERMINAL_EXTRA = "kiosk"

#: Longest a pip install may take (seconds): PySide6 wheels are large.
PIP_TIMEOUT_S = 1800


def clean_env() -> dict[str, str]:
    """This process's environment without what would leak our venv into another's."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_INDEX_URL",
                 "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_REQUIRE_VIRTUALENV"):
        env.pop(name, None)
    return env


def _run(argv: list[str], what: str) -> None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=PIP_TIMEOUT_S,
                              env=clean_env(), check=False)
    except subprocess.TimeoutExpired:
        raise BuildFailedError(f"{what}: took longer than {PIP_TIMEOUT_S} s") from None
    except OSError as exc:
        raise BuildFailedError(f"{what}: {exc.strerror}") from None
    if done.returncode != 0:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise BuildFailedError(f"{what}: exit {done.returncode}: {tail}")


def terminal_requirement(requirement: str) -> str:
    """``NAME==V`` with the terminal's extra: ``NAME[kiosk]==V`` (unchanged if it has extras)."""
    name, sep, rest = requirement.partition("==")
    if not sep or "[" in name:
        return requirement
    return f"{name}[{TERMINAL_EXTRA}]=={rest}"


def build_venv(venv: Path, wheels: Path, *, requirement: str) -> None:
    """Create ``venv`` and install ``requirement`` from ``wheels`` only, with the
    terminal's extra (:func:`terminal_requirement`).

    Blocks for seconds (tiny bundles) to minutes (the real one). Raises
    :class:`BuildFailedError`.
    """
    python = sys.executable
    common = ["install", "--quiet", "--no-index", "--find-links", str(wheels),
              "--disable-pip-version-check", "--no-cache-dir", "--no-input",
              terminal_requirement(requirement)]
    if importlib.util.find_spec("pip") is not None:
        _run([python, "-m", "venv", "--without-pip", str(venv)], "python -m venv")
        _run([python, "-m", "pip", "--python", str(venv / "bin" / "python"), *common],
             "pip install")
    else:
        _run([python, "-m", "venv", str(venv)], "python -m venv")
        _run([str(venv / "bin" / "python"), "-m", "pip", *common], "pip install")
