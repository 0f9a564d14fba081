"""Installing releases: the good path, refusals that touch nothing, automatic reverts."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.timefmt import format_local_zoned
from sync.protocol.release import (
    ReleaseError,
    generate_private_key,
    load_public_key,
    verify_bundle,
)
from sync.protocol.release.pin import sign_pin
from update.cli import status_json
from update.errors import UpdateError
from updater.conftest import UpdTerminal, tree_fingerprint, write_update_terminal
from updater.fakerelease import db_marker, make_bundle

KIOSK = [sys.executable, "-c", "import sys; from kiosk.cli.main import main; sys.exit(main())"]


def test_good_update_installs_switches_and_keeps_the_old_one(
        running: UpdTerminal, bundles: dict[str, Path]) -> None:
    assert running.current_runs() == "1.0.0"
    assert db_marker(running.db) == "1.0.0"
    # Leftovers in syncd's spool: stale ones go with the install, a newer one stays.
    for name in ("downloads/1.5.0.tar.part", "ready/1.9.json", "downloads/2.1.0.tar.part"):
        (running.spool / name).parent.mkdir(parents=True, exist_ok=True)
        (running.spool / name).write_bytes(b"x")
    done = running.cli("install", str(bundles["2.0.0"]))
    assert done.returncode == 0, done.stderr
    assert "2.0.0 installed and healthy" in done.stdout
    dirs = running.dirs
    assert (dirs.current(), dirs.previous()) == ("2.0.0", "1.0.0")
    assert os.readlink(running.root / "current") == "releases/2.0.0"
    assert running.current_runs() == "2.0.0"
    assert db_marker(running.db) == "2.0.0"
    assert (running.root / "releases" / "2.0.0" / "VERIFIED").is_file()
    assert [p.name for p in running.spool.glob("*/*")] == ["2.1.0.tar.part"]
    assert not list((running.root / "releases").glob("*.tmp"))
    status = json.loads(running.cli("status", "--json").stdout)
    assert status["current"] == "2.0.0" and status["previous"] == "1.0.0"
    assert status["installed"] == ["1.0.0", "2.0.0"]
    assert status["last_attempt"]["result"] == "ok"
    assert status["in_flight"] is None
    # The same version again changes nothing.
    assert running.install(bundles["2.0.0"]).changed is False
    # A third version: the oldest is pruned, current and previous stay.
    running.install(bundles["3.0.0"])
    assert running.dirs.installed() == ["2.0.0", "3.0.0"]
    assert (running.dirs.current(), running.dirs.previous()) == ("3.0.0", "2.0.0")


def _bad_bundle(case: str, bundles: dict[str, Path], *, key: Ed25519PrivateKey,
                out: Path) -> Path:
    """A bundle that must be refused, made from the good 2.0.0 one."""
    good = bundles["2.0.0"]
    data = bytearray(good.read_bytes())
    if case == "tampered_file":
        data[data.index(b"PK\x03\x04") + 200] ^= 0x01  # a byte inside the wheel
    elif case == "tampered_manifest":
        at = data.index(b'"channel": "stable"')
        data[at:at + 19] = b'"channel": "stablf"'
    elif case == "truncated":
        del data[len(data) * 2 // 3:]
    elif case == "wrong_key":
        return make_bundle(out.parent / "other", "2.0.0", key=generate_private_key())
    elif case == "expired":
        return make_bundle(out.parent / "expired", "2.0.0", key=key,
                           now=datetime.now(UTC) - timedelta(days=40),
                           expires_in=timedelta(days=30))
    else:
        assert case == "rollback"
        return bundles["0.9.0"]
    out.write_bytes(bytes(data))
    return out


REFUSALS = [
    ("tampered_file", "release.file_mismatch", "sha"),
    ("tampered_manifest", "release.bad_signature", "altered after signing"),
    ("wrong_key", "release.wrong_key", "not with the trusted key"),
    ("expired", "release.expired", "expire"),
    ("rollback", "release.rollback", "lower"),
    ("truncated", "release.truncated", ""),
]


def _error_line(stderr: str) -> str:
    """The one line `kiosk update install` refuses a bundle with."""
    return next(line for line in stderr.splitlines() if line.startswith("kiosk: error:"))


@pytest.mark.parametrize(("case", "code", "wording"), REFUSALS)
def test_bad_bundles_are_refused_and_touch_nothing(
        running: UpdTerminal, bundles: dict[str, Path], release_key: Ed25519PrivateKey,
        tmp_path: Path, case: str, code: str, wording: str) -> None:
    bad = _bad_bundle(case, bundles, key=release_key, out=tmp_path / f"{case}.tar")
    before = tree_fingerprint(running.root)
    db_before = running.db.read_bytes()
    if case != "rollback":  # verify checks the bundle alone; rollback needs the terminal
        with pytest.raises(ReleaseError) as caught:
            verify_bundle(bad, release_key.public_key(), now=datetime.now(UTC))
        assert caught.value.code == code
    done = running.cli("install", str(bad))
    assert done.returncode == 1
    assert code in done.stderr
    assert wording in done.stderr.lower()
    assert code in _error_line(done.stderr)
    assert tree_fingerprint(running.root) == before
    assert running.db.read_bytes() == db_before
    assert running.current_runs() == "1.0.0"
    status = status_json(running.settings())
    assert status["last_attempt"]["result"] == "refused"
    assert status["last_attempt"]["code"] == code


def test_each_refusal_says_something_different(
        running: UpdTerminal, bundles: dict[str, Path], release_key: Ed25519PrivateKey,
        tmp_path: Path) -> None:
    messages = {}
    for case, code, _ in REFUSALS:
        bad = _bad_bundle(case, bundles, key=release_key, out=tmp_path / f"{case}.tar")
        done = running.cli("install", str(bad))
        assert done.returncode == 1 and code in done.stderr, (case, done.stderr)
        messages[case] = _error_line(done.stderr)
    assert len(set(messages.values())) == len(REFUSALS) == 6, messages
    assert running.current_runs() == "1.0.0"


def test_verify_accepts_a_good_bundle_with_an_explicit_key(
        running: UpdTerminal, bundles: dict[str, Path], tmp_path: Path) -> None:
    pubkey = running.dir / "release-public.pem"
    done = running.cli("verify", str(bundles["2.0.0"]), "--pubkey", str(pubkey))
    assert done.returncode == 0, done.stderr
    assert "good: village-kiosk 2.0.0, channel stable" in done.stdout
    # The same expiry as `county release build` printed: Beijing time, saying so.
    expires = verify_bundle(bundles["2.0.0"], load_public_key(pubkey), now=datetime.now(UTC),
                            channel="stable").manifest.expires_at
    assert f"expires {format_local_zoned(expires)}" in done.stdout
    assert format_local_zoned(expires).endswith(" UTC+8")
    wrong = tmp_path / "wrong.pem"
    from sync.protocol.release import public_key_pem
    wrong.write_bytes(public_key_pem(generate_private_key().public_key()))
    refused = running.cli("verify", str(bundles["2.0.0"]), "--pubkey", str(wrong))
    assert refused.returncode == 1 and "release.wrong_key" in refused.stderr


def test_a_pinned_lower_version_installs(running: UpdTerminal,
                                         bundles: dict[str, Path]) -> None:
    done = running.cli("install", str(bundles["0.9.0"]), "--allow-downgrade")
    assert done.returncode == 0, done.stderr
    assert running.dirs.current() == "0.9.0" and running.current_runs() == "0.9.0"


def test_a_release_that_does_not_start_is_reverted(running: UpdTerminal,
                                                   bundles: dict[str, Path]) -> None:
    with pytest.raises(UpdateError) as caught:
        running.install(bundles["2.0.0-no_start"])
    assert caught.value.code == "update.unhealthy"
    assert "ui, syncd did not report 2.0.0 healthy" in caught.value.message
    dirs = running.dirs
    assert dirs.current() == "1.0.0" and running.current_runs() == "1.0.0"
    assert dirs.installed() == ["1.0.0"]  # the failed version is gone
    assert db_marker(running.db) == "1.0.0"  # the migrated database was restored
    # The old version was restarted and is healthy again.
    mark = json.loads((running.health / "ui.json").read_text())
    assert mark["version"] == "1.0.0"
    status = running.cli("status")
    assert "failed [update.unhealthy]" in status.stdout


def test_a_failed_migration_reverts(running: UpdTerminal, bundles: dict[str, Path]) -> None:
    done = running.cli("install", str(bundles["2.0.0-bad_migration"]))
    assert done.returncode == 1
    assert "update.migration_failed" in done.stderr and "migration 0042" in done.stderr
    assert running.dirs.current() == "1.0.0" and running.current_runs() == "1.0.0"
    assert running.dirs.installed() == ["1.0.0"]
    assert db_marker(running.db) == "1.0.0"
    status = status_json(running.settings())
    assert status["last_attempt"]["code"] == "update.migration_failed"
    assert status["in_flight"] is None


def test_a_failing_restart_command_reverts(running: UpdTerminal, bundles: dict[str, Path],
                                           release_key: Ed25519PrivateKey) -> None:
    # A restart command that works only for 1.0.0, like a unit that refuses the new version.
    only_old = ["sh", "-c", f'test "$(readlink {running.root}/current)" = releases/1.0.0 '
                            '|| { echo "Job failed" >&2; exit 1; }']
    term = write_update_terminal(running.dir, release_key, restart=only_old)
    with pytest.raises(UpdateError) as caught:
        term.install(bundles["2.0.0"])
    assert caught.value.code == "update.restart_failed"
    assert "exited 1: Job failed" in caught.value.message
    assert term.dirs.current() == "1.0.0" and term.current_runs() == "1.0.0"
    assert db_marker(term.db) == "1.0.0"
    assert status_json(term.settings())["last_attempt"]["code"] == "update.restart_failed"


def test_the_kiosk_command_has_the_update_group(term: UpdTerminal,
                                                bundles: dict[str, Path]) -> None:
    done = subprocess.run([*KIOSK, "update", "verify", str(bundles["3.0.0"]), "--config",
                           str(term.config)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "good: village-kiosk 3.0.0" in done.stdout


def test_ready_bundles_from_syncd_install_and_a_signed_pin_allows_a_lower_version(
        running: UpdTerminal, bundles: dict[str, Path],
        release_key: Ed25519PrivateKey) -> None:
    ready = running.spool / "ready"
    ready.mkdir(parents=True)
    shutil.copyfile(bundles["0.9.0"], ready / "0.9.0.tar")
    refused = running.cli("install", "--ready")
    assert refused.returncode == 1 and "release.rollback" in refused.stderr
    assert list(ready.iterdir()) == []  # tried once; syncd fetches it again if still offered
    shutil.copyfile(bundles["0.9.0"], ready / "0.9.0.tar")
    (ready / "0.9.0.pin").write_bytes(sign_pin(release_key, "0.9.0", ["county"],
                                              now=datetime.now(UTC),
                                              expires_at=datetime.now(UTC) + timedelta(days=1)))
    done = running.cli("install", "--ready")
    assert done.returncode == 0, done.stderr
    assert running.dirs.current() == "0.9.0" and running.current_runs() == "0.9.0"
    assert list(ready.iterdir()) == []
    nothing = running.cli("install", "--ready")
    assert nothing.returncode == 0 and "nothing to install" in nothing.stdout


#: The restart command of the carry-over test: on 2.0.0 a villager files a
#: complaint, then the version dies without reporting healthy; on 1.0.0 the
#: usual fake start (health marks).
_FILE_THEN_DIE = '''
import os, subprocess, sys
from pathlib import Path
from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.store import open_store
root, db, health = sys.argv[1:4]
if os.readlink(os.path.join(root, "current")).endswith("2.0.0"):
    engine = open_store(Path(db))
    filed = file_complaint(engine, ComplaintDraft(Reason.WRONG_AMOUNT, text="新版本上投诉"),
                           terminal_code="QS01")
    engine.dispose()
    open(os.path.join(root, "..", "ticket-on-2.0.0"), "w").write(filed.ticket_no)
    sys.exit(0)
sys.exit(subprocess.call([os.path.join(root, "current", "venv", "bin", "kiosk"), "start",
                          "--health-dir", health]))
'''


def test_complaints_filed_before_a_revert_are_carried_over(
        running: UpdTerminal, bundles: dict[str, Path], release_key: Ed25519PrivateKey) -> None:
    from kiosk.complaints import ComplaintDraft, Reason, file_complaint
    from kiosk.store import open_store

    engine = open_store(running.db)  # the real kiosk schema beside the fake release's marker
    before = file_complaint(engine, ComplaintDraft(Reason.NOT_RECEIVED, text="更新前投诉"),
                            terminal_code="QS01")
    engine.dispose()
    restart = [sys.executable, "-c", _FILE_THEN_DIE, str(running.root), str(running.db),
               str(running.health)]
    term = write_update_terminal(running.dir, release_key, restart=restart)
    with pytest.raises(UpdateError) as caught:
        term.install(bundles["2.0.0-no_start"])
    assert caught.value.code == "update.unhealthy"
    assert term.dirs.current() == "1.0.0"
    assert db_marker(term.db) == "1.0.0"  # the backup was restored …
    during = (running.dir / "ticket-on-2.0.0").read_text()
    conn = sqlite3.connect(term.db)
    try:
        rows = conn.execute("SELECT ticket_no, text FROM complaint ORDER BY id").fetchall()
    finally:
        conn.close()
    # … and the complaint filed on 2.0.0 survived it, with the ticket the villager holds.
    assert rows == [(before.ticket_no, "更新前投诉"), (during, "新版本上投诉")]
    assert not (term.root / "backup" / "abandoned.db").exists()
