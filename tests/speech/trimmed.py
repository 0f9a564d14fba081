"""A real espeak-ng data directory with one voice taken out (for "no voice" tests).

The package's ``espeak-ng-data`` is linked file by file into a temporary directory,
its ``lang`` tree copied without the voice's file; ``espeak-ng --path=DIR`` then
runs the real engine without that voice (it would otherwise fall back silently to
another one).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def _data_dir() -> Path:
    out = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True,
                         check=True).stdout
    return Path(out.split("Data at:")[1].strip())


def espeak_data_without(voice_file: str, into: Path) -> Path:
    """``into`` holding an ``espeak-ng-data`` without ``lang/<voice_file>`` (e.g.
    ``gmw/en-US``); returns ``into`` for ``EspeakSpeaker(data_path=…)``."""
    source, data = _data_dir(), into / "espeak-ng-data"
    data.mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name != "lang":
            (data / entry.name).symlink_to(entry)
    shutil.copytree(source / "lang", data / "lang")
    (data / "lang" / voice_file).unlink()
    return into
