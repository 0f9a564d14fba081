"""python-escpos's printer database, loaded from a cache instead of parsed at every start.

python-escpos parses its 96 kB ``capabilities.json`` with the pure-Python YAML
parser when it is imported (0.3 s and more on a kiosk) and caches the result as
a pickle in a *fresh* ``mkdtemp()`` directory of every process unless told
otherwise: by default the cache is never hit. (It still creates that empty
temporary directory on every import — python-escpos 3.1 evaluates ``mkdtemp()``
even when the variable is set; nothing here can stop that.)

Imported first by :mod:`drivers.printer` (before anything imports escpos), this
module points python-escpos at a private cache directory of this user
(``ESCPOS_CAPABILITIES_PICKLE_DIR``, its documented switch) and writes the
pickle there atomically from a JSON parse of the same file (tests check it
equals what escpos's YAML parse gives), so escpos loads the pickle and never
writes one itself (two processes starting at once cannot read a half-written
file). The directory must be ours alone (0700, our uid): a pickle runs code
when loaded. When it cannot be had, or the variable is already set, nothing
changes and python-escpos does what it does by default.
"""

from __future__ import annotations

import json
import os
import pickle
import platform
import stat
import sys
from importlib.resources import files
from pathlib import Path

from kiosk.files import atomic_writer

__all__ = ["ENV", "prepare"]

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def _private_dir() -> Path | None:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    directory = base / "village-kiosk" / "escpos"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(directory)
    except (OSError, RuntimeError):  # RuntimeError: no home directory to be found
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return directory


def prepare() -> Path | None:
    """Set up the cache unless escpos is already loaded or the variable is set; returns
    the cache directory in use (None: python-escpos's default). Never raises."""
    if "escpos.capabilities" in sys.modules or ENV in os.environ:
        return None
    directory = _private_dir()
    if directory is None:
        return None
    try:
        source = Path(str(files("escpos") / "capabilities.json"))
        target = directory / f"{platform.python_version()}.capabilities.pickle"
        if not target.exists() or target.stat().st_mtime <= source.stat().st_mtime:
            data = json.loads(source.read_text(encoding="utf-8"))
            with atomic_writer(target) as out:
                pickle.dump(data, out, protocol=2)
    except (OSError, ValueError):
        return None
    os.environ[ENV] = str(directory)
    return directory


prepare()
