"""The root installer against what the unprivileged kiosk user can plant in the spool.

Issue 12: ``ready/`` is kiosk-owned; the installer runs as root. Names,
links, devices, FIFOs and unsigned pins planted there must neither leak a
file, hang the installer, nor allow a downgrade.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.release import ReleaseError, generate_private_key, verify_bundle
from sync.protocol.release.pin import sign_pin
from updater.conftest import UpdTerminal


def test_planted_file_names_are_escaped_in_update_status(term: UpdTerminal) -> None:
    ready = term.spool / "ready"
    ready.mkdir(parents=True)
    (ready / "1.0\x1b[2J\x1b]0;x\x07.tar").write_bytes(b"")
    done = term.cli("status")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "1.0\\x1b[2J\\x1b]0;x\\x07.tar" in done.stdout


SECRET = b"root-only: the county lookup key is 6b1f0c...\n" * 8


def _planted(term: UpdTerminal, name: str) -> Path:
    ready = term.spool / "ready"
    ready.mkdir(parents=True, exist_ok=True)
    return ready / name


def _secret_file(tmp_path: Path) -> Path:
    secret = tmp_path / "root-only.tar"
    secret.write_bytes(SECRET)
    secret.chmod(0o600)
    return secret


def _leaks(term: UpdTerminal, done: subprocess.CompletedProcess[str]) -> list[str]:
    """Where a fragment of SECRET turned up: output, or any file of the terminal."""
    marker = "the county lookup key"
    found = [name for name, text in (("stdout", done.stdout), ("stderr", done.stderr))
             if marker in text]
    for path in term.dir.rglob("*"):
        if path.is_file() and not path.is_symlink() and marker.encode() in path.read_bytes():
            found.append(str(path.relative_to(term.dir)))
    return found


def _refused(running: UpdTerminal) -> subprocess.CompletedProcess[str]:
    # timeout: a hang guard only (the install lock would be held for ever without the fix)
    done = running.cli("install", "--ready", timeout=120)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "update.unsafe_spool_file" in done.stderr
    assert running.dirs.current() == "1.0.0"
    return done


def test_symlink_to_a_secret_is_refused_and_nothing_leaks(running: UpdTerminal,
                                                          tmp_path: Path) -> None:
    _planted(running, "9.0.0.tar").symlink_to(_secret_file(tmp_path))
    done = _refused(running)
    assert "symbolic link" in done.stderr
    assert _leaks(running, done) == []
    assert not (running.spool / "ready" / "9.0.0.tar").is_symlink()  # handed: removed


def test_symlink_to_dev_zero_is_refused(running: UpdTerminal) -> None:
    _planted(running, "9.0.0.tar").symlink_to("/dev/zero")
    _refused(running)


def test_fifo_is_refused_without_blocking(running: UpdTerminal) -> None:
    os.mkfifo(_planted(running, "9.0.0.tar"))
    done = _refused(running)
    assert "not a regular file" in done.stderr


def test_hard_link_is_refused(running: UpdTerminal, tmp_path: Path) -> None:
    os.link(_secret_file(tmp_path), _planted(running, "9.0.0.tar"))
    done = _refused(running)
    assert _leaks(running, done) == []


def test_ready_directory_as_a_link_is_refused(running: UpdTerminal, tmp_path: Path,
                                              bundles: dict[str, Path]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(bundles["2.0.0"], elsewhere / "2.0.0.tar")
    running.spool.mkdir(parents=True, exist_ok=True)
    (running.spool / "ready").symlink_to(elsewhere)
    done = _refused(running)
    assert "not a real directory" in done.stderr


def test_pin_note_linked_to_dev_zero_does_not_hang(running: UpdTerminal,
                                                   bundles: dict[str, Path]) -> None:
    shutil.copy(bundles["0.9.0"], _planted(running, "0.9.0.tar"))
    _planted(running, "0.9.0.json").symlink_to("/dev/zero")
    done = running.cli("install", "--ready", timeout=120)
    assert done.returncode == 1 and "release.rollback" in done.stderr
    assert running.dirs.current() == "1.0.0"


def test_a_good_bundle_from_ready_still_installs(running: UpdTerminal,
                                                 bundles: dict[str, Path]) -> None:
    shutil.copy(bundles["2.0.0"], _planted(running, "2.0.0.tar"))
    done = running.cli("install", "--ready")
    assert done.returncode == 0, done.stderr
    assert running.dirs.current() == "2.0.0"
    assert list((running.spool / "ready").iterdir()) == []
    assert list((running.root / "incoming").iterdir()) == []  # root's copy is gone too


def test_unverified_header_bytes_are_not_quoted(tmp_path: Path,
                                                bundles: dict[str, Path]) -> None:
    # A file that is not a bundle: whatever its first bytes say never reaches a message.
    for content in (SECRET, SECRET[:100].ljust(512, b"\0") + bytes(1024)):
        path = tmp_path / "x.tar"
        path.write_bytes(content)
        with pytest.raises(ReleaseError) as caught:
            verify_bundle(path, generate_private_key().public_key(), now=datetime.now(UTC))
        assert "lookup key" not in caught.value.message and "root-only" not in str(caught.value)


# --- rollback needs a pin signed with the release key --------------------------------------

def _pin(key: Ed25519PrivateKey, version: str, *, scopes: tuple[str, ...] = ("county",),
         days: float = 1) -> bytes:
    now = datetime.now(UTC)
    return sign_pin(key, version, scopes, now=now - timedelta(days=2),
                    expires_at=now + timedelta(days=days))


def _downgrade_refused(running: UpdTerminal) -> None:
    done = running.cli("install", "--ready")
    assert done.returncode == 1 and "release.rollback" in done.stderr, done.stderr
    assert running.dirs.current() == "1.0.0"


def test_an_unsigned_pinned_note_allows_no_downgrade(running: UpdTerminal,
                                                     bundles: dict[str, Path]) -> None:
    shutil.copy(bundles["0.9.0"], _planted(running, "0.9.0.tar"))
    _planted(running, "0.9.0.json").write_text(json.dumps({"version": "0.9.0", "pinned": True}))
    _planted(running, "0.9.0.pin").write_text(json.dumps({"pinned": True}))
    _downgrade_refused(running)


@pytest.mark.parametrize("forgery", ["other key", "other version", "expired", "other terminal",
                                     "edited statement"])
def test_a_forged_pin_allows_no_downgrade(running: UpdTerminal, bundles: dict[str, Path],
                                          release_key: Ed25519PrivateKey, forgery: str) -> None:
    pin = {"other key": lambda: _pin(generate_private_key(), "0.9.0"),
           "other version": lambda: _pin(release_key, "0.8.0"),
           "expired": lambda: _pin(release_key, "0.9.0", days=-1),
           "other terminal": lambda: _pin(release_key, "0.9.0", scopes=("terminal:T99999",)),
           "edited statement": lambda: _edited(_pin(release_key, "0.9.9"), "0.9.9", "0.9.0"),
           }[forgery]()
    shutil.copy(bundles["0.9.0"], _planted(running, "0.9.0.tar"))
    _planted(running, "0.9.0.pin").write_bytes(pin)
    _downgrade_refused(running)


def _edited(pin: bytes, old: str, new: str) -> bytes:
    outer = json.loads(pin)
    statement = base64.b64decode(outer["statement"]).replace(old.encode(), new.encode())
    outer["statement"] = base64.b64encode(statement).decode()
    return json.dumps(outer).encode()


def test_a_pin_holds_only_for_the_version_it_names(running: UpdTerminal,
                                                   bundles: dict[str, Path],
                                                   release_key: Ed25519PrivateKey) -> None:
    # A genuine pin of 0.9.5 beside the 0.9.0 bundle renamed 0.9.5.tar: the manifest says
    # 0.9.0, which no pin allows.
    shutil.copy(bundles["0.9.0"], _planted(running, "0.9.5.tar"))
    _planted(running, "0.9.5.pin").write_bytes(_pin(release_key, "0.9.5"))
    _downgrade_refused(running)


def test_a_signed_pin_for_this_terminals_township_allows_the_downgrade(
        running: UpdTerminal, bundles: dict[str, Path], release_key: Ed25519PrivateKey) -> None:
    with running.config.open("a", encoding="utf-8") as config:
        config.write('[terminal]\ntownship = "高村镇"\n')
    shutil.copy(bundles["0.9.0"], _planted(running, "0.9.0.tar"))
    _planted(running, "0.9.0.pin").write_bytes(_pin(release_key, "0.9.0",
                                                    scopes=("township:高村镇",)))
    done = running.cli("install", "--ready")
    assert done.returncode == 0, done.stderr
    assert running.dirs.current() == "0.9.0"
