"""The root installer against what the unprivileged kiosk user can plant in the spool.

Issue 12: ``ready/`` is kiosk-owned; the installer runs as root. Names,
links, devices, FIFOs and unsigned pins planted there must neither leak a
file, hang the installer, nor allow a downgrade.
"""

from __future__ import annotations

from updater.conftest import UpdTerminal


def test_planted_file_names_are_escaped_in_update_status(term: UpdTerminal) -> None:
    ready = term.spool / "ready"
    ready.mkdir(parents=True)
    (ready / "1.0\x1b[2J\x1b]0;x\x07.tar").write_bytes(b"")
    done = term.cli("status")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "1.0\\x1b[2J\\x1b]0;x\\x07.tar" in done.stdout
