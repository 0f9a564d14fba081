"""The on-disk layout of installed releases, and the crash-safe moves on it.

::

    ROOT/releases/1.3.0/      complete: venv/, manifest.json, manifest.sig, VERIFIED
    ROOT/releases/1.4.0.tmp/  the unpacked bundle while 1.4.0 is being built
    ROOT/current  -> releases/1.4.0
    ROOT/previous -> releases/1.3.0
    ROOT/store/sha256/HEX     the wheels of the installed versions, by content hash

The store is what a terminal already holds when a release is fetched file by
file (sync/release_fetch_files.py, docs/releases.md): the installer puts
every wheel of a version it built there, and drops those no complete
version's ``manifest.json`` lists any more. Its files are public (0644: they
are the signed release's wheels) so the unprivileged sync daemon reads them.

A version directory is *complete* once its ``VERIFIED`` file exists: that
file is written (and fsynced, after everything else was synced) as the very
last step of building it, so a directory without it is a half-done build
and is deleted at the next start. The links are only ever replaced by
renaming a fresh link over them, so a kill -9 at any instant leaves the old
link or the new one, never none. Every function here runs on the caller's
thread and raises ``OSError`` for file-system trouble.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from kiosk.files import atomic_write_bytes, fsync_dir

__all__ = ["RecoverReport", "ReleaseDirs", "version_key"]

VERIFIED = "VERIFIED"
_TMP = ".tmp"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def version_key(version: str) -> Version:
    """The PEP 440 order of ``version`` (raises ``InvalidVersion``)."""
    return Version(version)


@dataclass(frozen=True)
class RecoverReport:
    """What :meth:`ReleaseDirs.recover` found and did."""

    current: str | None
    relinked: bool
    removed: tuple[str, ...]


class ReleaseDirs:
    """The release tree under ``root`` (e.g. /opt/village-kiosk)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.releases = root / "releases"
        self.current_link = root / "current"
        self.previous_link = root / "previous"

    # --- paths ---------------------------------------------------------------------------

    def path_of(self, version: str) -> Path:
        """The directory of a (possibly not yet complete) version."""
        if not version or "/" in version or version.startswith(".") or version.endswith(_TMP):
            raise ValueError(f"not a usable version directory name: {version!r}")
        return self.releases / version

    def stage_of(self, version: str) -> Path:
        """Where the bundle of ``version`` is unpacked while it is being installed."""
        return self.releases / f"{version}{_TMP}"

    def venv_python(self, version: str) -> Path:
        """The interpreter of a version's venv."""
        return self.path_of(version) / "venv" / "bin" / "python"

    def kiosk_command(self, version: str) -> Path:
        """The `kiosk` console script of a version's venv."""
        return self.path_of(version) / "venv" / "bin" / "kiosk"

    @property
    def store(self) -> Path:
        """The content-addressed store of wheels (``ROOT/store/sha256``)."""
        return self.root / "store" / "sha256"

    def stored(self, sha256: str) -> Path | None:
        """The stored file with that SHA-256 (its content is not re-checked), or None."""
        if not _SHA256.fullmatch(sha256):
            return None
        path = self.store / sha256
        return path if path.is_file() and not path.is_symlink() else None

    def keep_in_store(self, files: Iterable[tuple[Path, str]]) -> None:
        """Put each ``(file, sha256)`` in the store (a hard link when the file system
        allows, else a copy), durably; the caller vouches for the hashes (the installer
        passes wheels it has just verified)."""
        self.store.mkdir(parents=True, exist_ok=True, mode=0o755)
        for source, sha256 in files:
            if not _SHA256.fullmatch(sha256):
                raise ValueError(f"not a SHA-256: {sha256!r}")
            final = self.store / sha256
            if final.is_file():
                continue
            fresh = self.store / f".{sha256}{_TMP}"
            with contextlib.suppress(FileNotFoundError):
                fresh.unlink()
            try:
                os.link(source, fresh)
            except OSError:
                shutil.copyfile(source, fresh)
                with open(fresh, "rb+") as handle:
                    os.fsync(handle.fileno())
            os.chmod(fresh, 0o644)
            os.replace(fresh, final)
        fsync_dir(self.store)

    def prune_store(self) -> list[str]:
        """Delete stored files no complete version lists; returns their hashes."""
        if not self.store.is_dir():
            return []
        wanted: set[str] = set()
        for version in self.installed():
            wanted |= _listed_hashes(self.path_of(version) / "manifest.json")
        doomed = [p for p in self.store.iterdir() if p.name not in wanted]
        for path in doomed:
            path.unlink(missing_ok=True)
        if doomed:
            fsync_dir(self.store)
        return sorted(p.name for p in doomed if _SHA256.fullmatch(p.name))

    def ensure(self) -> None:
        """Create ``root`` and ``root/releases`` if needed."""
        self.releases.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def lock(self, *, wait: bool = True) -> Iterator[None]:
        """Hold the install lock (``ROOT/.lock``): one installer or recovery at a time.

        Raises ``BlockingIOError`` when ``wait`` is false and someone else holds it.
        """
        self.ensure()
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            yield
        finally:
            os.close(fd)  # closing drops the flock

    # --- what is there -------------------------------------------------------------------

    def is_complete(self, version: str) -> bool:
        """True if ``releases/VERSION`` was built to the end (it has ``VERIFIED``)."""
        try:
            path = self.path_of(version)
        except ValueError:
            return False
        return (path / VERIFIED).is_file() and self.venv_python(version).exists()

    def installed(self) -> list[str]:
        """Complete versions, oldest first (PEP 440 order)."""
        if not self.releases.is_dir():
            return []
        found = [p.name for p in self.releases.iterdir()
                 if p.is_dir() and not p.is_symlink() and self.is_complete(p.name)]
        return sorted(found, key=_sort_key)

    def _link_version(self, link: Path) -> str | None:
        try:
            target = os.readlink(link)
        except OSError:
            return None
        parts = Path(target).parts
        if len(parts) != 2 or parts[0] != "releases":
            return None
        return parts[1]

    def current(self) -> str | None:
        """The version ``current`` points at, if it points at a complete one."""
        version = self._link_version(self.current_link)
        return version if version is not None and self.is_complete(version) else None

    def previous(self) -> str | None:
        """The version ``previous`` points at, if it points at a complete one."""
        version = self._link_version(self.previous_link)
        return version if version is not None and self.is_complete(version) else None

    # --- changes -------------------------------------------------------------------------

    def mark_verified(self, version: str, record: dict[str, object]) -> None:
        """Make ``releases/VERSION`` complete: sync everything, then write ``VERIFIED``.

        ``os.sync()`` first so that after a power cut a directory with
        ``VERIFIED`` never holds files whose data did not reach the disk.
        """
        path = self.path_of(version)
        os.sync()
        atomic_write_bytes(path / VERIFIED,
                           json.dumps(record, sort_keys=True).encode("utf-8") + b"\n",
                           mode=0o644)

    def point(self, link: Path, version: str | None) -> None:
        """Atomically make ``link`` point at ``releases/VERSION`` (None: remove it)."""
        if version is None:
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
            fsync_dir(link.parent)
            return
        fresh = link.with_name(f".{link.name}.new")
        with contextlib.suppress(FileNotFoundError):
            fresh.unlink()
        # Relative target: the tree stays valid when mounted elsewhere (tests, rescue boot).
        os.symlink(Path("releases") / version, fresh)
        os.replace(fresh, link)
        fsync_dir(link.parent)

    def remove(self, version_dir: Path) -> None:
        """Delete a version (or stage) directory: renamed aside first, so a kill
        mid-way never leaves a half-deleted directory under its real name."""
        if not version_dir.exists() and not version_dir.is_symlink():
            return
        doomed = version_dir if version_dir.name.endswith(_TMP) else \
            version_dir.with_name(f"{version_dir.name}.del{_TMP}")
        if doomed != version_dir:
            if doomed.exists():
                shutil.rmtree(doomed)
            os.replace(version_dir, doomed)
            fsync_dir(doomed.parent)
        shutil.rmtree(doomed, ignore_errors=True)

    def recover(self) -> RecoverReport:
        """Repair the tree after a crash (call with :meth:`lock` held).

        Deletes stage directories and versions without ``VERIFIED``; if
        ``current`` is missing, dangling or aimed at an incomplete version it
        is pointed at ``previous`` when that is complete, else at the newest
        complete version; a dangling ``previous`` is removed.
        """
        self.ensure()
        for stray in (self.root / ".current.new", self.root / ".previous.new"):
            with contextlib.suppress(FileNotFoundError):
                stray.unlink()
        removed: list[str] = []
        for entry in sorted(self.releases.iterdir()):
            if entry.name.endswith(_TMP) or not self.is_complete(entry.name):
                self.remove(entry)
                removed.append(entry.name)
        relinked = False
        if self.current() is None:
            target = self.previous()
            if target is None:
                done = self.installed()
                target = done[-1] if done else None
            if target is not None:
                self.point(self.current_link, target)
                relinked = True
        if self.previous() is None and self.previous_link.is_symlink():
            self.point(self.previous_link, None)
        return RecoverReport(self.current(), relinked, tuple(removed))

    def prune(self, keep: int) -> list[str]:
        """Delete complete versions beyond the newest ``keep`` (never current or previous).

        Returns the versions deleted.
        """
        protected = {v for v in (self.current(), self.previous()) if v is not None}
        others = [v for v in reversed(self.installed()) if v not in protected]
        room = max(0, keep - len(protected))
        doomed = others[room:]
        for version in doomed:
            self.remove(self.path_of(version))
        return doomed


def _listed_hashes(manifest: Path) -> set[str]:
    """The SHA-256s a version's ``manifest.json`` lists (empty when unreadable: its
    files are then simply not kept)."""
    try:
        files = json.loads(manifest.read_bytes()).get("files", [])
        return {f["sha256"] for f in files
                if isinstance(f, dict) and isinstance(f.get("sha256"), str)}
    except (OSError, ValueError, AttributeError):
        return set()


def _sort_key(version: str) -> tuple[int, Version | str]:
    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)
