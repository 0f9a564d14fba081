"""``county release build``: turn a folder of wheels or a project checkout into a signed bundle.

Runs on the offline machine that holds the private key. A project checkout
is built with ``python -m pip wheel`` (the project with its ``kiosk`` extra —
what a terminal installs — and every dependency, pinned by what pip
resolves); ``--find-links DIR`` makes that build offline.
A checkout whose own version (``pyproject.toml`` and ``kiosk/__init__.py``)
is not ``--version`` is copied aside and built with ``--version`` written into
both files: the checkout itself is never changed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from county.errors import CountyError
from sync.protocol.release import PRODUCT, KeyFileError, Manifest, load_private_key, write_bundle

__all__ = ["BuildError", "build_release", "check_wheels"]


class BuildError(CountyError):
    """The bundle cannot be built (message for people)."""

    code = "release.build_failed"


def check_wheels(wheels: Sequence[Path], version: str) -> None:
    """Refuse a wheel set without exactly one village-kiosk wheel of ``version``.

    Also refuses two wheels of one distribution (pip would install either)
    and names that are not wheel names. Raises :class:`BuildError`.
    """
    seen: dict[str, str] = {}
    project: list[str] = []
    for wheel in wheels:
        try:
            name, wheel_version, _build, _tags = parse_wheel_filename(wheel.name)
        except (InvalidWheelFilename, InvalidVersion) as exc:
            raise BuildError(f"{wheel.name}: not a wheel file name ({exc})") from None
        if name in seen:
            raise BuildError(f"two wheels of {name}: {seen[name]} and {wheel.name}")
        seen[name] = wheel.name
        if name == canonicalize_name(PRODUCT):
            project.append(str(wheel_version))
    if not project:
        raise BuildError(f"no {PRODUCT} wheel among {len(wheels)} wheel(s)")
    if Version(project[0]) != Version(version):
        raise BuildError(f"the {PRODUCT} wheel is version {project[0]}, not {version}")


def _pip_wheel(checkout: Path, into: Path, *, find_links: Path | None,
               no_build_isolation: bool) -> None:
    command = [sys.executable, "-m", "pip", "wheel", f"{checkout}[kiosk]",
               "--wheel-dir", str(into),
               "--disable-pip-version-check", "--no-input", "--quiet"]
    if find_links is not None:
        command += ["--no-index", "--find-links", str(find_links)]
    if no_build_isolation:
        command.append("--no-build-isolation")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-8:]
        raise BuildError("pip wheel failed:\n  " + "\n  ".join(tail))


_VERSION_LINES = (("pyproject.toml", re.compile(r'^version = "([^"\n]*)"$', re.M)),
                  ("kiosk/__init__.py", re.compile(r'^__version__ = "([^"\n]*)"$', re.M)))
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info",
                                     "__pycache__", ".mypy_cache", ".ruff_cache", "node_modules")


def stamped_checkout(checkout: Path, version: str, scratch: Path) -> Path:
    """``checkout`` itself when its version is ``version`` (or it has not both version
    lines: another project, whose wheel check then speaks), else a copy under ``scratch``
    with ``version`` written into ``pyproject.toml`` and ``kiosk/__init__.py`` (the
    version the wheel gets and the one the running kiosk reports)."""
    found: list[str] = []
    for name, pattern in _VERSION_LINES:
        path = checkout / name
        match = pattern.search(path.read_text("utf-8")) if path.is_file() else None
        if match is None:
            return checkout
        found.append(match.group(1))
    if all(_is_version(v) and Version(v) == Version(version) for v in found):
        return checkout
    copy = scratch / "checkout"
    shutil.copytree(checkout, copy, ignore=_NOT_COPIED, symlinks=True)
    for name, pattern in _VERSION_LINES:
        path = copy / name
        text = path.read_text("utf-8")
        line = pattern.search(text)
        if line is None:  # the copy differs from what was just read: someone edits it
            raise BuildError(f"{checkout / name} changed while it was being copied")
        path.write_text(text[:line.start(1)] + version + text[line.end(1):], "utf-8")
    return copy


def _is_version(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True


def build_release(src: Path, out: Path, *, version: str, key_path: Path, channel: str,
                  expires_days: int, now: datetime, python: str = "cp311",
                  find_links: Path | None = None,
                  no_build_isolation: bool = False, urgent: bool = False) -> Manifest:
    """Build the bundle ``out`` of release ``version`` from ``src``; returns its manifest.

    ``src`` is a folder of ``.whl`` files (used as they are) or a project
    checkout (a folder with ``pyproject.toml`` or ``setup.py``, built with
    pip, at ``version``: :func:`stamped_checkout`). Blocks for as long as pip
    takes. ``urgent`` signs the release urgent (installed outside the terminals'
    install window, never during a villager session). Raises :class:`BuildError`.
    """
    try:
        key = load_private_key(key_path)
    except (OSError, KeyFileError) as exc:
        raise BuildError(f"cannot read the signing key: {exc}") from None
    if expires_days < 1:
        raise BuildError("--expires-days must be at least 1")
    if not src.is_dir():
        raise BuildError(f"{src} is not a folder (of wheels, or a project checkout)")
    with tempfile.TemporaryDirectory(prefix="release-build-") as tmp:
        if (src / "pyproject.toml").is_file() or (src / "setup.py").is_file():
            try:
                Version(version)
            except InvalidVersion:
                raise BuildError(f"--version {version!r} is not a PEP 440 version") from None
            checkout = stamped_checkout(src, version, Path(tmp))
            (Path(tmp) / "wheels").mkdir()
            _pip_wheel(checkout, Path(tmp) / "wheels", find_links=find_links,
                       no_build_isolation=no_build_isolation)
            wheels = sorted((Path(tmp) / "wheels").glob("*.whl"))
        else:
            wheels = sorted(src.glob("*.whl"))
            if not wheels:
                raise BuildError(f"{src} holds no .whl files and no pyproject.toml")
        check_wheels(wheels, version)
        # The project wheel first: people reading the manifest look for it.
        wheels.sort(key=lambda w: (parse_wheel_filename(w.name)[0] != canonicalize_name(PRODUCT),
                                   w.name))
        try:
            return write_bundle(out, wheels, version=version, channel=channel,
                                expires_at=now + timedelta(days=expires_days),
                                private_key=key, python=python, now=now, urgent=urgent)
        except ValueError as exc:
            raise BuildError(str(exc)) from None
