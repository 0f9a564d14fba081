"""`county` and `python -m county.cli` fail the same way: one line on stderr, the same exit code.

Under ``python -m`` the old single-module CLI was loaded twice, so ``main``
caught another ``CliError`` class than the handlers raised and a failure
printed a traceback. Each case runs both ways in a fresh process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

#: The two ways to run the county CLI: the installed script and the module.
COUNTY = {"script": [str(Path(sys.executable).with_name("county"))],
          "module": [sys.executable, "-m", "county.cli"]}


def _run(how: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COUNTY[how], *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-errors")
    (root / "typo.toml").write_text("[county]\ndatabase = 'x'\n", encoding="utf-8")
    (root / "hours.toml").write_text("[county]\nsilent_hours = 'six'\n", encoding="utf-8")
    (root / "keys").mkdir()
    (root / "keys" / "private.pem").write_text("", encoding="utf-8")
    return root


#: (arguments, what the one line says); {db} is a fresh SQLite database in the work folder.
CASES = [
    (["verify-receipt", "https://example.org/not-a-receipt", "--db", "{db}"],
     "county verify-receipt: not a genuine receipt: "),
    (["terminals", "--config", "typo.toml"],
     "county terminals: bad config typo.toml: unknown key(s) database in [county]"),
    (["terminals", "--config", "hours.toml", "--db", "{db}"],
     "county terminals: bad config hours.toml: [county] silent_hours must be"),
    (["item", "list", "--config", "missing.toml"], "county item: bad config missing.toml: "),
    (["item", "list", "--db", "nosuchdriver://x"], "county item: "),
    (["complaints", "show", "C9999999", "--db", "{db}"], "county complaints: "),
    (["import", "missing.xlsx", "--db", "{db}"], "county import: "),
    (["release", "keygen", "--out", "keys"], "county release: "),
    (["release", "publish", "9.9.9", "--bundle", "missing.bundle", "--db", "{db}"],
     "county release: the county trusts no release key yet"),
    (["payments", "withdraw", "999999", "--reason", "test", "--db", "{db}"],
     "county payments: "),
    (["notice", "add", "--kind", "政策", "--title", "t", "--body-file", "missing.txt",
      "--db", "{db}"], "county notice: cannot read missing.txt: No such file or directory"),
    (["complaints", "reply", "C0000001", "--text-file", "keys", "--db", "{db}"],
     "county complaints: cannot read keys: Is a directory"),
]


@pytest.mark.parametrize(("args", "start"), CASES, ids=lambda v: v[0] if isinstance(v, list)
                         else None)
def test_one_line_and_exit_1_both_ways(workdir: Path, args: list[str], start: str) -> None:
    db = f"sqlite:///{workdir / 'county.db'}"
    argv = [a.replace("{db}", db) for a in args]
    answers = {how: _run(how, argv, workdir) for how in COUNTY}
    for how, proc in answers.items():
        assert proc.returncode == 1, (how, proc.stderr)
        assert proc.stdout == "", how
        [line] = proc.stderr.splitlines()  # one line, never a traceback
        assert line.startswith(start), (how, line)
    script, module = answers["script"], answers["module"]
    assert (script.returncode, script.stdout, script.stderr) == (
        module.returncode, module.stdout, module.stderr)


def test_a_usage_error_is_exit_2_both_ways(workdir: Path) -> None:
    answers = [_run(how, ["terminals", "--no-such-option"], workdir) for how in COUNTY]
    assert [a.returncode for a in answers] == [2, 2]
    assert answers[0].stderr == answers[1].stderr
    assert answers[0].stderr.splitlines()[-1].startswith("county: error: unrecognized arguments")
