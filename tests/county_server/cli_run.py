"""The `county` command run in this process for a test, its output captured."""

from __future__ import annotations

import pytest

from county.cli.main import main

__all__ = ["run"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `county ARGV` in-process; (exit code, stdout, stderr)."""
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err
