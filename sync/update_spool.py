"""The spool syncd fills and root empties: ``downloads/V.tar.part`` and ``ready/V.tar``.

syncd (unprivileged) downloads into ``downloads/`` and moves a verified
bundle to ``ready/`` (sync.release_fetch); `kiosk update install --ready`
(root) takes the newest from there and, once an update is kept, deletes
what is no longer needed.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from packaging.version import InvalidVersion, Version

from sync.release_dirs import version_key

__all__ = ["clean_spool", "newest_ready"]


def _version_of(path: Path) -> Version:
    """The version a spool file is named after (``1.4.0.tar``, ``1.4.0.tar.part``,
    ``1.4.0.json``); raises ``InvalidVersion``."""
    return version_key(path.name.split(".tar")[0].removesuffix(".json"))


def newest_ready(ready: Path) -> Path | None:
    """The bundle with the highest version in the spool's ``ready/`` directory."""
    best: tuple[Version, Path] | None = None
    for path in ready.glob("*.tar"):
        try:
            key = _version_of(path)
        except InvalidVersion:
            continue
        if best is None or key > best[0]:
            best = (key, path)
    return best[1] if best else None


def clean_spool(spool: Path, installed: str) -> list[str]:
    """Delete downloads and handed-over bundles of ``installed`` and lower versions."""
    ceiling = version_key(installed)
    removed = []
    for pattern in ("downloads/*.tar.part", "ready/*.tar", "ready/*.json"):
        for path in spool.glob(pattern):
            try:
                stale = _version_of(path) <= ceiling
            except InvalidVersion:
                continue
            if stale:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                removed.append(f"{path.parent.name}/{path.name}")
    return removed
