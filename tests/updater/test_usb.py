"""A release from a USB stick (issue 14): verified as syncd verifies, handed over to ready/.

The "stick" is a temporary directory holding real signed bundles (updater.fakerelease);
the terminal is a real install tree. Refusals leave ``ready/`` empty and say why.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config import load_config
from kiosk.usb_check import UsbCheck, last_usb_check
from sync.protocol.release import generate_private_key
from update import usb
from update.cli import root_in_users_spool
from update.usb import check_usb
from updater.conftest import UpdTerminal
from updater.fakerelease import make_bundle


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stick(tmp_path: Path, *files: tuple[str, Path]) -> Path:
    """A directory playing a mounted stick: ``(name on the stick, bundle)`` copied in."""
    stick = tmp_path / "stick"
    stick.mkdir(parents=True, exist_ok=True)
    for name, bundle in files:
        (stick / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundle, stick / name)
    return stick


def _check(term: UpdTerminal, stick: Path) -> UsbCheck:
    return check_usb(stick, load_config(term.config), now=datetime.now(UTC))


def _ready(term: UpdTerminal) -> list[str]:
    ready = term.spool / "ready"
    return sorted(p.name for p in ready.iterdir()) if ready.is_dir() else []


def test_a_good_bundle_is_handed_to_ready_and_the_stick_is_left_alone(
        term: UpdTerminal, bundles: dict[str, Path], tmp_path: Path) -> None:
    stick = _stick(tmp_path, ("village-kiosk-2.0.0.bundle", bundles["2.0.0"]))
    on_stick = _sha(stick / "village-kiosk-2.0.0.bundle")
    check = _check(term, stick)
    assert (check.result, check.version, check.code) == ("ready", "2.0.0", "")
    assert check.source == "village-kiosk-2.0.0.bundle"
    assert _ready(term) == ["2.0.0.tar"]
    handed = term.spool / "ready" / "2.0.0.tar"
    assert _sha(handed) == on_stick == _sha(bundles["2.0.0"])
    assert handed.stat().st_mode & 0o777 == 0o644
    assert _sha(stick / "village-kiosk-2.0.0.bundle") == on_stick  # copied, never moved
    assert list((term.spool / "usb-copy").glob("*.part")) == []
    assert last_usb_check(term.spool) == check


def test_the_village_kiosk_folder_and_several_bundles_give_the_newest_valid(
        term: UpdTerminal, bundles: dict[str, Path], tmp_path: Path) -> None:
    foreign = make_bundle(tmp_path / "foreign", "3.0.0", key=generate_private_key())
    stick = _stick(tmp_path, ("1.0.0.tar", bundles["1.0.0"]),
                   ("village-kiosk/village-kiosk-2.0.0.BUNDLE", bundles["2.0.0"]),
                   ("village-kiosk/village-kiosk-3.0.0.bundle", foreign),
                   ("._village-kiosk-9.0.0.bundle", foreign),  # macOS shadow file: ignored
                   ("notes.txt", foreign))
    check = _check(term, stick)
    assert (check.result, check.version) == ("ready", "2.0.0")
    assert check.source == "village-kiosk/village-kiosk-2.0.0.BUNDLE"
    assert _ready(term) == ["2.0.0.tar"]


BAD = ["wrong_key", "expired", "older", "truncated", "damaged"]


def _bad(case: str, bundles: dict[str, Path], key: Ed25519PrivateKey, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    if case == "wrong_key":
        return make_bundle(out, "2.0.0", key=generate_private_key())
    if case == "expired":
        return make_bundle(out, "2.0.0", key=key, now=datetime.now(UTC) - timedelta(days=40),
                           expires_in=timedelta(days=30))
    if case == "older":  # nothing installed: the running code's version, 0.1.0
        return make_bundle(out, "0.0.9", key=key)
    data = bytearray(bundles["2.0.0"].read_bytes())
    if case == "truncated":  # a copy pulled out half-way
        del data[len(data) // 2:]
    else:
        data[data.index(b"PK\x03\x04") + 200] ^= 0x01  # one bit inside the wheel
    bad = out / "2.0.0.tar"
    bad.write_bytes(bytes(data))
    return bad


CODES = {"wrong_key": "release.wrong_key", "expired": "release.expired",
         "older": "release.rollback", "truncated": "release.truncated",
         "damaged": "release.file_mismatch"}


@pytest.mark.parametrize("case", BAD)
def test_bad_bundles_are_refused_with_their_reason_and_nothing_in_ready(
        term: UpdTerminal, bundles: dict[str, Path], release_key: Ed25519PrivateKey,
        tmp_path: Path, case: str) -> None:
    stick = _stick(tmp_path, ("village-kiosk/update.bundle",
                              _bad(case, bundles, release_key, tmp_path / "made")))
    check = _check(term, stick)
    assert (check.result, check.code) == ("refused", CODES[case])
    assert check.message and check.source == "village-kiosk/update.bundle"
    assert _ready(term) == []
    assert last_usb_check(term.spool) == check
    # The CLI (what IT staff run) says the same and fails.
    done = term.cli("from-usb", str(stick))
    assert done.returncode == 1
    assert CODES[case] in done.stderr and "refused" in done.stderr
    assert _ready(term) == []


def test_a_refused_newer_bundle_does_not_hide_a_valid_older_one(
        term: UpdTerminal, bundles: dict[str, Path], release_key: Ed25519PrivateKey,
        tmp_path: Path) -> None:
    broken = _bad("damaged", bundles, release_key, tmp_path / "made")
    stick = _stick(tmp_path, ("2.0.0.tar", broken), ("1.0.0.tar", bundles["1.0.0"]))
    check = _check(term, stick)
    assert (check.result, check.version) == ("ready", "1.0.0")
    assert _ready(term) == ["1.0.0.tar"]


def test_several_refusals_name_each_file(term: UpdTerminal, bundles: dict[str, Path],
                                         release_key: Ed25519PrivateKey,
                                         tmp_path: Path) -> None:
    stick = _stick(tmp_path, ("a.tar", _bad("expired", bundles, release_key, tmp_path / "e")),
                   ("b.tar", _bad("truncated", bundles, release_key, tmp_path / "t")))
    check = _check(term, stick)
    assert check.result == "refused"
    assert check.message == "a.tar: release.expired; b.tar: release.truncated"


def test_an_empty_stick_a_missing_mount_and_links(term: UpdTerminal, bundles: dict[str, Path],
                                                   tmp_path: Path) -> None:
    stick = _stick(tmp_path)
    (stick / "photos").mkdir()
    empty = _check(term, stick)
    assert (empty.result, empty.code) == ("empty", "update.usb_no_bundle")
    missing = _check(term, tmp_path / "not-there")
    assert (missing.result, missing.code) == ("failed", "update.usb_not_mounted")
    (tmp_path / "mount-point").mkdir()  # empty, not a mount point: no stick in
    nothing = _check(term, tmp_path / "mount-point")
    assert (nothing.result, nothing.code) == ("failed", "update.usb_not_mounted")
    # A link on the stick is not followed (it could point at any file of the kiosk's).
    (stick / "2.0.0.tar").symlink_to(bundles["2.0.0"])
    linked = _check(term, stick)
    assert (linked.result, linked.code) == ("refused", "update.usb_unreadable")
    assert "symbolic link" in linked.message
    assert _ready(term) == []


def test_a_file_over_the_size_cap_is_not_read(term: UpdTerminal, bundles: dict[str, Path],
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    stick = _stick(tmp_path, ("2.0.0.tar", bundles["2.0.0"]))
    monkeypatch.setattr(usb, "USB_MAX_BUNDLE_BYTES", bundles["2.0.0"].stat().st_size - 1)
    check = _check(term, stick)
    assert (check.result, check.code) == ("refused", "update.usb_unreadable")
    assert "more than the" in check.message
    assert _ready(term) == []


def test_the_installed_version_is_not_handed_over_again(
        running: UpdTerminal, bundles: dict[str, Path], tmp_path: Path) -> None:
    stick = _stick(tmp_path, ("1.0.0.tar", bundles["1.0.0"]))
    check = _check(running, stick)
    assert (check.result, check.version) == ("current", "1.0.0")
    assert _ready(running) == []


def test_end_to_end_the_installer_installs_the_usb_bundle(
        running: UpdTerminal, bundles: dict[str, Path], tmp_path: Path) -> None:
    stick = _stick(tmp_path, ("village-kiosk/village-kiosk-2.0.0.bundle", bundles["2.0.0"]))
    done = running.cli("from-usb", str(stick))
    assert done.returncode == 0, done.stderr
    assert "good: village-kiosk 2.0.0 verified" in done.stdout
    assert _ready(running) == ["2.0.0.tar"]
    # What village-kiosk-update.path starts when ready/ has a bundle: root's installer.
    installed = running.cli("install", "--ready")
    assert installed.returncode == 0, installed.stderr
    assert running.dirs.current() == "2.0.0" and running.current_runs() == "2.0.0"
    assert _ready(running) == []
    # An older bundle on a stick afterwards is a rollback, refused.
    old = _stick(tmp_path / "second", ("1.0.0.tar", bundles["1.0.0"]))
    refused = running.cli("from-usb", str(old))
    assert refused.returncode == 1 and "release.rollback" in refused.stderr
    assert _ready(running) == []


def test_the_default_path_is_the_configured_mount_dir(
        term: UpdTerminal, bundles: dict[str, Path], tmp_path: Path) -> None:
    stick = _stick(tmp_path, ("2.0.0.tar", bundles["2.0.0"]))
    term.config.write_text(term.config.read_text(encoding="utf-8")
                           + f'usb_dir = "{stick}"\n', encoding="utf-8")
    done = term.cli("from-usb")
    assert done.returncode == 0, done.stderr
    assert _ready(term) == ["2.0.0.tar"]
    assert os.stat(term.spool / "ready" / "2.0.0.tar").st_size == bundles["2.0.0"].stat().st_size



def test_root_is_sent_to_the_spool_owner() -> None:
    # Files root left in the kiosk user's spool would block the kiosk user's next check.
    assert root_in_users_spool(0, 999)
    assert not root_in_users_spool(0, 0)  # a root-owned spool (tests, a bare machine)
    assert not root_in_users_spool(999, 999)  # the kiosk user
