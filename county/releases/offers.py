"""What a terminal is offered in its heartbeat answer, and which bundles it may download."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from packaging.version import InvalidVersion, Version
from sqlalchemy import Connection, select

from county.releases.models import Release, ReleaseScope
from county.releases.scope import rows_covering
from county.scope import TerminalScope
from sync.protocol import API_PREFIX, ReleaseInfo

__all__ = ["StoredBundle", "offer_for", "release_for_download"]


def _newer(candidate: str, running: str) -> bool:
    try:
        return Version(candidate) > Version(running)
    except InvalidVersion:
        return candidate != running  # a development build reports no PEP 440 version


def offer_for(conn: Connection, who: TerminalScope, *, running: str, now: datetime,
              channel: str | None = None) -> ReleaseInfo | None:
    """The release the terminal ``who`` (running version ``running``) should install, if any.

    Its pin if a pinned scope contains it — the latest pin when several do —
    even a lower version (``pinned`` tells the terminal to accept that);
    else the newest release published to a scope containing it, if newer
    than ``running``. Withdrawn and expired releases are never offered (a
    terminal would refuse an expired one anyway), nor releases of another
    ``channel`` than the terminal's (it would refuse those too, and fetch
    them again at every heartbeat); ``None``: a terminal too old to say.
    """
    offerable = [Release.withdrawn_at.is_(None), rows_covering(who)]
    if channel is not None:
        offerable.append(Release.channel == channel)
    pin = conn.execute(
        select(Release.version, Release.size, Release.sha256, Release.expires_at,
               ReleaseScope.pin_statement)
        .join(ReleaseScope, ReleaseScope.version == Release.version)
        .where(ReleaseScope.pinned_at.is_not(None), *offerable)
        .order_by(ReleaseScope.pinned_at.desc(), ReleaseScope.id.desc()).limit(1)).first()
    if pin is not None:
        if pin.expires_at <= now or pin.version == running:
            return None
        return _info(pin.version, pin.size, pin.sha256, pinned=True, pin=pin.pin_statement)
    rows = conn.execute(
        select(Release.version, Release.size, Release.sha256, Release.expires_at).distinct()
        .join(ReleaseScope, ReleaseScope.version == Release.version)
        .where(*offerable)).all()
    live = [r for r in rows if r.expires_at > now]
    if not live:
        return None
    best = max(live, key=lambda r: Version(r.version))
    if not _newer(best.version, running):
        return None
    return _info(best.version, best.size, best.sha256, pinned=False)


def _info(version: str, size: int, sha256: str, *, pinned: bool,
          pin: str | None = None) -> ReleaseInfo:
    return ReleaseInfo(version=version, url=f"{API_PREFIX}/releases/{version}", size=size,
                       sha256=sha256, pinned=pinned, pin=pin)


@dataclass(frozen=True)
class StoredBundle:
    """A published bundle file as the database records it."""

    version: str
    path: Path
    size: int
    sha256: str


def release_for_download(conn: Connection, who: TerminalScope,
                         version: str) -> StoredBundle | None:
    """The stored bundle of ``version`` if ``who`` may download it (published to a scope
    containing it; a pin is such a scope too)."""
    row = conn.execute(select(Release.path, Release.size, Release.sha256)
                       .where(Release.version == version,
                              Release.withdrawn_at.is_(None))).first()
    if row is None:
        return None
    if conn.execute(select(ReleaseScope.id).where(
            ReleaseScope.version == version, rows_covering(who)).limit(1)).first() is None:
        return None
    return StoredBundle(version, Path(row.path), row.size, row.sha256)
