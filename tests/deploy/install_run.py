"""deploy/install.sh run into a throwaway root, and what that root holds afterwards."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

__all__ = ["DEPLOY", "INSTALL", "REPO", "install", "snapshot"]

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
INSTALL = DEPLOY / "install.sh"


def install(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``install.sh --root ROOT ARGS`` to completion (five minutes at most)."""
    return subprocess.run(["bash", str(INSTALL), "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300, check=False)


def snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry under ``root``: mode, mtime (ns) and content or link target."""
    entries: dict[str, tuple[int, int, str]] = {}
    for path in [root, *root.rglob("*")]:
        st = path.lstat()
        if path.is_symlink():
            what = "-> " + os.readlink(path)
        elif path.is_file():
            what = path.read_bytes().hex()
        else:
            what = "dir"
        entries[str(path.relative_to(root))] = (st.st_mode, st.st_mtime_ns, what)
    return entries
