"""The installer's errors: one root with stable codes, printed by `kiosk update` as before."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.release import ReleaseCode
from update import errors
from update.errors import (
    BuildFailedError,
    DeferredError,
    MigrationFailedError,
    NoKeyError,
    RefusedError,
    RestartFailedError,
    SpoolFileError,
    UnhealthyError,
    UnreadableError,
    UpdateError,
    UsbNoBundleError,
    UsbNoSpaceError,
    UsbNotMountedError,
    UsbUnreadableError,
)
from updater.conftest import write_update_terminal

# The codes are a contract (update-state.json, the heartbeat, docs/it-staff-guide.md).
CODES: dict[type[UpdateError], str] = {
    NoKeyError: "update.no_key",
    UnreadableError: "update.unreadable",
    SpoolFileError: "update.unsafe_spool_file",
    BuildFailedError: "update.build_failed",
    MigrationFailedError: "update.migration_failed",
    RestartFailedError: "update.restart_failed",
    UnhealthyError: "update.unhealthy",
    UsbNoBundleError: "update.usb_no_bundle",
    UsbUnreadableError: "update.usb_unreadable",
    UsbNoSpaceError: "update.usb_no_space",
    UsbNotMountedError: "update.usb_not_mounted",
}


def test_every_installer_error_is_an_update_error_with_its_code() -> None:
    declared = {cls for _, cls in inspect.getmembers(errors, inspect.isclass)
                if cls.__module__ == errors.__name__}
    assert declared == {UpdateError, RefusedError, DeferredError, *CODES}
    for cls, code in CODES.items():
        exc = cls("the venv is gone")
        assert isinstance(exc, UpdateError)
        assert (cls.code, exc.code, exc.message) == (code, code, "the venv is gone")
        assert str(exc) == "the venv is gone"  # the message does not repeat the code


def test_a_deferred_install_says_why() -> None:
    exc = DeferredError("waiting for window 02:00-05:00 (Beijing time)", version="1.5.0",
                        reason="outside_window")
    assert isinstance(exc, UpdateError)
    assert (exc.code, exc.version, exc.reason) == ("update.deferred", "1.5.0", "outside_window")
    assert str(exc) == "waiting for window 02:00-05:00 (Beijing time)"


def test_a_refused_bundle_keeps_the_release_code_of_its_verification() -> None:
    exc = RefusedError("expired on 2026-11-01", code=ReleaseCode.EXPIRED)
    assert isinstance(exc, UpdateError)
    assert exc.code == "release.expired"
    assert RefusedError("x", code="release.rollback").code == "release.rollback"
    assert UnhealthyError("x").code == "update.unhealthy"  # instances do not share codes


@pytest.mark.parametrize("action", ["install", "verify"])
def test_no_release_key_is_one_line_with_update_no_key(
        tmp_path: Path, release_key: Ed25519PrivateKey, bundles: dict[str, Path],
        action: str) -> None:
    # Neither [update] pubkey nor an enrollment: nothing can be verified.
    term = write_update_terminal(tmp_path / "t", release_key, pubkey_file=False)
    done = term.cli(action, str(bundles["1.0.0"]))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("kiosk: error: update.no_key: no usable release key: ")
    assert term.dirs.current() is None
