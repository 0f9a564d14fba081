"""The installer's gate: may it restart the kiosk now? (root side of kiosk.update_window)

Reads what the decision needs — the ``[update] window``, the kiosk's session
file, and whether the waiting bundle is signed urgent — and asks
:func:`kiosk.update_window.decide`.

The session file is written by the kiosk user, in a directory that user
owns, and root reads it: it is opened like a spool file
(update.spool.open_spool_file: no symbolic link followed, of the file or
its directory; no FIFO; a regular file with one link; at most
MAX_SESSION_BYTES), and must belong to the directory's owner. Anything else
is "unreadable" — busy until its own modification time is stale — and is
logged with the precise reason, never with its content.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.logfmt import log_event
from kiosk.session_state import MAX_SESSION_BYTES, parse_session, session_path
from kiosk.update_window import Gate, SessionReading, decide, parse_window
from update.errors import SpoolFileError
from update.spool import MAX_BUNDLE_BYTES, open_spool_file

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from update.installer import UpdaterSettings

__all__ = ["check_gate", "gate_ready", "read_session", "signed_urgent"]

log = logging.getLogger("update.gate")


def _link_time(path: Path) -> datetime | None:
    """The modification time of ``path`` itself (a link's own, not its target's)."""
    try:
        return datetime.fromtimestamp(os.lstat(path).st_mtime, UTC)
    except OSError:
        return None


def read_session(path: Path) -> SessionReading:
    """The session file at ``path`` as root may read it (see the module docstring)."""
    try:
        handle, size = open_spool_file(path.parent, path.name, max_bytes=MAX_SESSION_BYTES)
    except FileNotFoundError:
        return SessionReading("absent")
    except SpoolFileError as exc:
        return SessionReading("unreadable", heartbeat=_link_time(path), problem=exc.message)
    except OSError as exc:
        return SessionReading("unreadable", heartbeat=_link_time(path),
                              problem=f"cannot open: {exc.strerror}")
    with handle:
        info = os.fstat(handle.fileno())
        mtime = datetime.fromtimestamp(info.st_mtime, UTC)
        try:
            owner = os.stat(path.parent, follow_symlinks=False).st_uid
        except OSError as exc:
            return SessionReading("unreadable", heartbeat=mtime,
                                  problem=f"cannot stat its directory: {exc.strerror}")
        if info.st_uid != owner:
            return SessionReading("unreadable", heartbeat=mtime,
                                  problem=f"owned by uid {info.st_uid}, not by the "
                                          f"directory's owner (uid {owner})")
        data = handle.read(size)
    try:
        busy, since, heartbeat = parse_session(data)
    except ValueError as exc:
        return SessionReading("unreadable", heartbeat=mtime, problem=str(exc))
    return SessionReading("busy" if busy else "idle", since=since, heartbeat=heartbeat)


def check_gate(settings: UpdaterSettings, *, urgent: bool, now: datetime) -> Gate:
    """The gate for a release (``urgent`` as its verified manifest says) at ``now``."""
    path = session_path(settings.health_dir)
    session = read_session(path)
    if session.kind == "unreadable":
        log_event(log, logging.WARNING, "update_session_file_unreadable", file=str(path),
                  problem=session.problem)
    return decide(now=now, window=parse_window(settings.window), urgent=urgent,
                  session=session)


def signed_urgent(bundle: Path, key: Ed25519PublicKey, *, channel: str) -> bool:
    """Whether the spool's ``bundle`` carries a manifest signed urgent with ``key``.

    Reads only the manifest and its signature (opened as a spool file); a
    bundle that is not readable or does not verify counts as not urgent — the
    full verification, and the gate asked again with the verified manifest
    (installer.install_bundle), decide in the end. Raises nothing.
    """
    from sync.protocol.release import MAX_MANIFEST_BYTES, ReleaseError
    from sync.protocol.release.delta import verify_manifest
    from sync.protocol.release.tar import read_member, scan_structure

    try:
        handle, _size = open_spool_file(bundle.parent, bundle.name, max_bytes=MAX_BUNDLE_BYTES)
        with handle:
            members = scan_structure(handle)
            manifest_bytes = read_member(handle, members[0], MAX_MANIFEST_BYTES)
            signature = read_member(handle, members[1], 256)
        manifest = verify_manifest(manifest_bytes, signature, key, now=datetime.now(UTC),
                                   channel=channel)
    except (OSError, IndexError, ReleaseError, SpoolFileError) as exc:
        log_event(log, logging.INFO, "update_urgency_unknown", bundle=bundle.name,
                  error=getattr(exc, "message", None) or str(exc))
        return False
    return manifest.urgent


def gate_ready(bundle: Path, settings: UpdaterSettings, key: Ed25519PublicKey, *,
               now: datetime) -> Gate:
    """The gate for the spool's ``bundle`` before root copies it out of ``ready/``.

    The signed manifest is read only when urgency matters (a window is set and
    ``now`` is outside it).
    """
    window = parse_window(settings.window)
    urgent = window is not None and not window.contains(now) and \
        signed_urgent(bundle, key, channel=settings.channel)
    return check_gate(settings, urgent=urgent, now=now)
