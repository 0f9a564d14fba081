"""`county import` on a terminal shows progress, with tqdm (the county extra) or without it.

The import runs as a real process with its stderr on a pseudo-terminal, as
when IT staff type the command; "tqdm not installed" is an interpreter whose
``import tqdm`` fails.
"""

from __future__ import annotations

import csv
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ROWS = 12_000
_RUN = ("import sys\n"
        "if sys.argv[1] == 'no-tqdm':\n"
        "    sys.modules['tqdm'] = None  # import tqdm raises ImportError\n"
        "from county.cli import main\n"
        "sys.exit(main(sys.argv[2:]))\n")


def _big_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["身份证号", "项目", "金额(元)", "发放日期"])
        for i in range(ROWS):
            writer.writerow(["431226195903224821", "低保", f"{i + 1}.00", "2024-03-05"])
    return path


def _import_on_a_terminal(tmp_path: Path, mode: str) -> tuple[int, str, str]:
    """Run `county import --dry-run` with stderr on a pty: (exit code, stdout, stderr)."""
    master, slave = pty.openpty()
    # A terminal has a size (a pty starts with 0 columns, where tqdm draws nothing).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, mode, "import", str(_big_file(tmp_path / "big.csv")),
             "--dry-run", "--db", f"sqlite:///{tmp_path / 'county.db'}"],
            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, timeout=600,
            check=False)
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the pty's other side is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return done.returncode, done.stdout.decode(), b"".join(chunks).decode(errors="replace")


@pytest.mark.parametrize("mode", ["no-tqdm", "tqdm"])
def test_import_progress_with_and_without_tqdm(tmp_path: Path, mode: str) -> None:
    code, out, err = _import_on_a_terminal(tmp_path, mode)
    assert code == 0, err
    assert f"big.csv: {ROWS} rows, {ROWS} good, 0 bad" in out
    assert "Traceback" not in err
    if mode == "no-tqdm":
        assert "big.csv: 5,000 rows checked …" in err
    else:
        assert re.search(r"\rbig\.csv: 10000 rows \[\d\d:\d\d", err), err  # tqdm's bar
        assert "rows checked" not in err
