"""The county's records of published releases: publish, list, unpin, withdraw.

What is checked before (the trusted key, the bundle, the pin) is in
:mod:`county.releases.verify`; storing the file in :mod:`county.releases.store`;
which terminals a scope covers in :mod:`county.releases.scope`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from packaging.version import Version
from sqlalchemy import Connection, Engine, func, insert, or_, select, update

from county.listing_rows import ReleaseRow
from county.models import Terminal
from county.releases.errors import PublishError
from county.releases.models import Release, ReleaseScope
from county.releases.scope import Scope, covers, rows_within, terminals_in
from county.tx import writing

__all__ = ["PublishResult", "ReleaseRow", "UnpinResult", "list_releases", "publish",
           "stored_bundle", "unpin", "withdraw"]


@dataclass(frozen=True)
class PublishResult:
    """What ``publish`` did: the stored file, the scopes added, the terminals pinned."""

    version: str
    channel: str
    path: Path
    new_file: bool
    scopes_added: tuple[str, ...]
    terminals_in_scope: int
    pinned: int
    urgent: bool = False


def publish(engine: Engine, version: str, bundle_path: Path, *, releases_dir: Path,
            scopes: Sequence[Scope], pin: bool, now: datetime,
            pin_file: bytes | None = None) -> PublishResult:
    """Verify ``bundle_path`` with the trusted key, store it, offer it to ``scopes``.

    Publishing a version again with the same bundle adds scopes (widening a
    pilot); with a different bundle it is refused. ``pin`` pins ``scopes`` to
    this version: every terminal in them, including terminals enrolled there
    later, is offered it even when it runs a newer one (pins of scopes inside
    them are lifted: the newer pin overrides them). ``pin_file`` is the pin
    signed offline (`county release pin`): it must verify with the trusted key,
    pin this version, be unexpired and name every scope pinned (or the county);
    it is stored and offered with the release, and terminals roll back only
    with it — a pin without one is recorded but no terminal acts on it. The
    bundle is copied into ``releases_dir`` (hashed while copied, fsynced,
    renamed into place) before the database row is written. Runs on the caller's thread; raises
    :class:`PublishError` (untrusted county, bad bundle, version mismatch,
    withdrawn version) and ``OSError``.
    """
    # The signature checks (cryptography) load to publish, not to list releases.
    from county.releases.store import store_bundle
    from county.releases.verify import checked_pin, trusted_key, verified_bundle

    with engine.connect() as conn:
        key = trusted_key(conn)
        existing = conn.execute(select(Release).where(Release.version == version)).first()
    if key is None:
        raise PublishError("the county trusts no release key yet: run "
                           "`county release trust PUBLIC.pem` first")
    bundle = verified_bundle(bundle_path, key, version, now=now)
    scopes = list(scopes) or [Scope("county")]
    statement = checked_pin(pin_file, key, version, scopes, now=now) if pin else None
    if existing is not None:
        if existing.withdrawn_at is not None:
            raise PublishError(f"release {version} was withdrawn; publish a new version")
        if existing.sha256 != bundle.sha256:
            raise PublishError(f"release {version} was already published with a different "
                               "bundle; give the new build a new version")
        stored, new_file = Path(existing.path), False
    else:
        stored, new_file = store_bundle(bundle, releases_dir), True
    with writing(engine) as conn:
        if existing is None:
            conn.execute(insert(Release).values(
                version=version, channel=bundle.manifest.channel, path=str(stored),
                size=bundle.size, sha256=bundle.sha256, key_id=bundle.manifest.key_id,
                created_at=bundle.manifest.created_at, expires_at=bundle.manifest.expires_at,
                published_at=now))
        added: list[str] = []
        for scope in scopes:
            if scope.kind == "terminal" and conn.execute(
                    select(Terminal.id).where(Terminal.id == scope.target)).first() is None:
                raise PublishError(f"no terminal {scope.target}")
            if pin:  # a newer pin of a scope replaces the pins inside it, as it overrides them
                conn.execute(update(ReleaseScope).where(rows_within(scope))
                             .values(pinned_at=None))
            known = conn.execute(select(ReleaseScope.id).where(
                ReleaseScope.version == version, ReleaseScope.kind == scope.kind,
                ReleaseScope.target == scope.target)).first()
            if known is None:
                conn.execute(insert(ReleaseScope).values(
                    version=version, kind=scope.kind, target=scope.target, added_at=now,
                    pinned_at=now if pin else None, pin_statement=statement))
                added.append(str(scope))
            elif pin:
                conn.execute(update(ReleaseScope).where(ReleaseScope.id == known.id)
                             .values(pinned_at=now, pin_statement=statement))
        count = len(conn.execute(select(Terminal.id).where(terminals_in(scopes))).all())
    return PublishResult(version, bundle.manifest.channel, stored, new_file, tuple(added),
                         count, count if pin else 0, bundle.manifest.urgent)


def stored_bundle(engine: Engine, version: str) -> Path | None:
    """Where the county keeps the bundle of published ``version`` (None: never published)."""
    with engine.connect() as conn:
        path = conn.execute(select(Release.path).where(Release.version == version)).scalar()
    return None if path is None else Path(path)


def _effective_pins(conn: Connection) -> dict[str, tuple[str, Scope]]:
    """Active terminal id → (version, scope of the pin) for every pinned terminal.

    The latest pin covering a terminal wins, as in
    :func:`~county.releases.offers.offer_for`: rows come oldest pin first, and
    a later one replaces an earlier one of the same terminal.
    """
    rows = conn.execute(
        select(Terminal.id, ReleaseScope.version, ReleaseScope.kind, ReleaseScope.target)
        .join(ReleaseScope, covers(ReleaseScope.kind, ReleaseScope.target,
                                   terminal_id=Terminal.id, township=Terminal.township))
        .join(Release, Release.version == ReleaseScope.version)
        .where(Terminal.revoked_at.is_(None), ReleaseScope.pinned_at.is_not(None),
               Release.withdrawn_at.is_(None))
        .order_by(ReleaseScope.pinned_at, ReleaseScope.id)).all()
    return {r.id: (r.version, Scope(r.kind, r.target)) for r in rows}




_FAILED = ("refused", "reverted", "failed")


def list_releases(engine: Engine) -> list[ReleaseRow]:
    """Every release, newest version first, with its scopes, pins, and how many active
    terminals run it and failed to install it, by reason (two GROUP BY counts)."""
    active = Terminal.revoked_at.is_(None)
    with engine.connect() as conn:
        releases = conn.execute(select(Release)).all()
        scopes = conn.execute(select(ReleaseScope.version, ReleaseScope.kind,
                                     ReleaseScope.target, ReleaseScope.pinned_at)
                              .order_by(ReleaseScope.id)).all()
        pins = _effective_pins(conn)
        running = {v: n for v, n in conn.execute(
            select(Terminal.version, func.count()).where(active).group_by(Terminal.version))}
        failures = conn.execute(
            select(Terminal.update_version, Terminal.update_code, func.count())
            .where(active, Terminal.update_result.in_(_FAILED))
            .group_by(Terminal.update_version, Terminal.update_code)).all()
    failed: dict[str | None, int] = {}
    by_code: dict[str | None, dict[str, int]] = {}
    for v, code, n in sorted(failures, key=lambda f: (-int(f[2]), f[1] or "")):
        failed[v] = failed.get(v, 0) + int(n)
        by_code.setdefault(v, {})[code or "?"] = int(n)
    out = []
    for r in sorted(releases, key=lambda r: Version(r.version), reverse=True):
        mine = [s for s in scopes if s.version == r.version]
        out.append(ReleaseRow(
            r.version, r.channel, r.size, r.sha256, r.key_id, r.created_at, r.expires_at,
            r.published_at, r.withdrawn_at,
            tuple(str(Scope(s.kind, s.target)) for s in mine),
            tuple(sorted(t for t, (v, _) in pins.items() if v == r.version)), r.path,
            tuple(str(Scope(s.kind, s.target)) for s in mine if s.pinned_at is not None),
            int(running.get(r.version, 0)), failed.get(r.version, 0),
            by_code.get(r.version, {})))
    return out


@dataclass(frozen=True)
class UnpinResult:
    """What :func:`unpin` did: terminals no longer pinned, and wider pins still holding some
    terminals of the scopes (``"county → 1.3.0"``)."""

    unpinned: int
    still_pinned: tuple[str, ...]


def unpin(engine: Engine, scopes: Sequence[Scope]) -> UnpinResult:
    """Lift the pins of ``scopes`` (all when empty) and of the scopes inside them.

    A pin belongs to the scope it was published to: unpinning a township
    does not lift a county-wide pin; ``still_pinned`` names such wider pins
    that still hold terminals of ``scopes``.
    """
    chosen = list(scopes) or [Scope("county")]
    with writing(engine) as conn:
        before = _effective_pins(conn)
        conn.execute(update(ReleaseScope).where(or_(*(rows_within(s) for s in chosen)))
                     .values(pinned_at=None))
        after = _effective_pins(conn)
        inside = {row.id for row in conn.execute(select(Terminal.id)
                                                 .where(terminals_in(chosen)))}
    wider = sorted({f"{scope} → {version}" for t, (version, scope) in after.items()
                    if t in inside})
    return UnpinResult(len(set(before) - set(after)), tuple(wider))


def withdraw(engine: Engine, version: str, *, now: datetime) -> int:
    """Stop offering and serving ``version``; lift its pins. Returns how many active
    terminals were pinned to it.

    The file stays on disk (for the record). Raises :class:`PublishError`
    for an unknown or already withdrawn version.
    """
    with writing(engine) as conn:
        pinned = sum(1 for v, _ in _effective_pins(conn).values() if v == version)
        done = conn.execute(update(Release).where(Release.version == version,
                                                  Release.withdrawn_at.is_(None))
                            .values(withdrawn_at=now)).rowcount
        if done != 1:
            raise PublishError(f"no published release {version}")
        conn.execute(update(ReleaseScope).where(ReleaseScope.version == version)
                     .values(pinned_at=None))
    return pinned
