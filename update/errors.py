"""The installer's errors: one root, :class:`UpdateError`, each with a stable ``code``.

The code is a contract: it lands in ``update-state.json`` (``Attempt.code``),
the heartbeat reports it to the county, and `kiosk update` prints it. A
bundle refused by verification keeps the ``release.*`` code of its
:class:`~sync.protocol.release.ReleaseError`; everything else is ``update.*``.
The message is English for IT staff and logs and never repeats the code.
"""

from __future__ import annotations

__all__ = [
    "BuildFailedError",
    "DeferredError",
    "MigrationFailedError",
    "NoKeyError",
    "RefusedError",
    "RestartFailedError",
    "SpoolFileError",
    "UnhealthyError",
    "UnreadableError",
    "UpdateError",
    "UsbNoBundleError",
    "UsbNoSpaceError",
    "UsbNotMountedError",
    "UsbUnreadableError",
]


class UpdateError(Exception):
    """An install that did not happen; the running version is untouched or was put back.

    ``code`` is the class's, or the one given (a ``release.*`` code carried over
    from verification); ``message`` is the text without the code.
    """

    code = "update.error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NoKeyError(UpdateError):
    """No usable release key (neither ``[update] pubkey`` nor one from enrollment)."""

    code = "update.no_key"


class RefusedError(UpdateError):
    """The bundle failed verification; ``code`` is its ``release.*`` code. Nothing touched."""

    code = "release.refused"

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, code=code)


class UnreadableError(UpdateError):
    """The bundle file cannot be read."""

    code = "update.unreadable"


class DeferredError(UpdateError):
    """Not now: outside the install window, or a villager is using the kiosk
    (kiosk.update_window). Nothing was touched; the bundle stays in ``ready/`` and the
    next run (the update timer) tries again. ``reason`` is the gate's
    (``outside_window``, ``session_active``, ``session_unreadable``)."""

    code = "update.deferred"

    def __init__(self, message: str, *, version: str, reason: str) -> None:
        super().__init__(message)
        self.version = version
        self.reason = reason


class SpoolFileError(UpdateError):
    """A spool file root refuses to read: a link, not a regular file, or too large.

    The message names the file by its spool name only (a version number) and
    never quotes its content.
    """

    code = "update.unsafe_spool_file"


class BuildFailedError(UpdateError):
    """The release's venv could not be built; the message ends with pip's last lines."""

    code = "update.build_failed"


class MigrationFailedError(UpdateError):
    """The new version's ``kiosk db upgrade`` failed; switched back, database restored."""

    code = "update.migration_failed"


class RestartFailedError(UpdateError):
    """The services did not restart on the new version; switched back."""

    code = "update.restart_failed"


class UnhealthyError(UpdateError):
    """The new version did not report healthy in time; switched back."""

    code = "update.unhealthy"


class UsbNoBundleError(UpdateError):
    """No bundle file on the USB stick (top level or ``village-kiosk/``; update.usb)."""

    code = "update.usb_no_bundle"


class UsbNotMountedError(UpdateError):
    """Nothing is mounted at the stick's directory (no stick, or one in a format the
    udev rule does not mount): it is missing, or empty and not a mount point."""

    code = "update.usb_not_mounted"


class UsbUnreadableError(UpdateError):
    """The USB stick (its directory or a bundle on it) cannot be read, or a file
    on it is not a regular file of a bundle's size."""

    code = "update.usb_unreadable"


class UsbNoSpaceError(UpdateError):
    """The update spool has no room for the stick's bundle (nothing was copied)."""

    code = "update.usb_no_space"
