"""Published software releases: trust the signing key, publish, scope, pin, offer.

The county never signs anything: the private key stays offline with IT
staff. It only checks a bundle against the public key it was told to trust
(the key terminals also receive at enrollment), stores the file, and says
which terminals are offered it. Which version a terminal is offered (in its
heartbeat answer) is decided by :func:`offer_for`; the bundle is served by
``GET /api/v1/releases/{version}`` (county/release_download.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from packaging.version import InvalidVersion, Version
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    false,
    func,
    insert,
    or_,
    select,
    true,
    update,
)

from county.models import Terminal
from county.release_models import Release, ReleaseScope
from county.scope import TerminalScope
from county.state import get_state, set_state
from county.tx import writing
from kiosk.files import atomic_writer
from sync.protocol import API_PREFIX, ReleaseInfo
from sync.protocol.release import (
    ReleaseError,
    VerifiedBundle,
    key_id,
    public_key_b64,
    public_key_from_text,
    verify_bundle,
)
from sync.protocol.release.pin import verify_pin

__all__ = [
    "PUBLIC_KEY_STATE",
    "PublishError",
    "PublishResult",
    "ReleaseRow",
    "Scope",
    "StoredBundle",
    "UnpinResult",
    "bundle_file_name",
    "list_releases",
    "offer_for",
    "parse_scope",
    "publish",
    "release_for_download",
    "stored_bundle",
    "trust_key",
    "trusted_key",
    "unpin",
    "withdraw",
]

#: County state key of the trusted release key (base64 of the raw 32 bytes), handed out at
#: enrollment as ``release_public_key``.
PUBLIC_KEY_STATE = "release_public_key"
_COPY_CHUNK = 1 << 20


class PublishError(Exception):
    """A release that cannot be published, trusted, pinned or withdrawn (message for people)."""


@dataclass(frozen=True)
class Scope:
    """``county``, ``township:NAME`` or ``terminal:ID``."""

    kind: str
    target: str = ""

    def __str__(self) -> str:
        return self.kind if self.kind == "county" else f"{self.kind}:{self.target}"


def parse_scope(text: str) -> Scope:
    """Parse a ``--scope`` value; raises ``ValueError`` with the accepted forms."""
    kind, sep, target = text.strip().partition(":")
    if kind == "county" and not sep:
        return Scope("county")
    if kind in ("township", "terminal") and target.strip():
        return Scope(kind, target.strip())
    raise ValueError(f"bad scope {text!r}: use county, township:NAME or terminal:ID")


# --- the trusted key ------------------------------------------------------------------------

def trust_key(engine: Engine, key_text: str | bytes) -> str:
    """Trust a release public key (PEM or raw base64) from now on; returns its key id.

    New enrollments receive it. Raises
    :class:`~sync.protocol.release.KeyFileError` for a text that is not an
    Ed25519 public key.
    """
    key = public_key_from_text(key_text)
    with writing(engine) as conn:
        set_state(conn, PUBLIC_KEY_STATE, public_key_b64(key))
    return key_id(key)


def trusted_key(conn: Connection) -> Ed25519PublicKey | None:
    """The trusted release key, or None while the county has none."""
    text = get_state(conn, PUBLIC_KEY_STATE)
    return public_key_from_text(text) if text else None


# --- publishing -----------------------------------------------------------------------------

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
    bundle is copied
    into ``releases_dir`` (hashed while copied, fsynced, renamed into place)
    before the database row is written. Runs on the caller's thread; raises
    :class:`PublishError` (untrusted county, bad bundle, version mismatch,
    withdrawn version) and ``OSError``.
    """
    with engine.connect() as conn:
        key = trusted_key(conn)
        existing = conn.execute(select(Release).where(Release.version == version)).first()
    if key is None:
        raise PublishError("the county trusts no release key yet: run "
                           "`county release trust PUBLIC.pem` first")
    try:
        bundle = verify_bundle(bundle_path, key, now=now)
    except ReleaseError as exc:
        raise PublishError(f"{bundle_path}: refused ({exc.code}): {exc.message}") from None
    if bundle.version != version:
        raise PublishError(f"{bundle_path} holds release {bundle.version}, not {version}")
    scopes = list(scopes) or [Scope("county")]
    statement = _checked_pin(pin_file, key, version, scopes, now=now) if pin else None
    if existing is not None:
        if existing.withdrawn_at is not None:
            raise PublishError(f"release {version} was withdrawn; publish a new version")
        if existing.sha256 != bundle.sha256:
            raise PublishError(f"release {version} was already published with a different "
                               "bundle; give the new build a new version")
        stored, new_file = Path(existing.path), False
    else:
        stored, new_file = _store(bundle, releases_dir), True
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
                conn.execute(update(ReleaseScope).where(_rows_within(scope))
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
        count = len(conn.execute(select(Terminal.id).where(_terminals_in(scopes))).all())
    return PublishResult(version, bundle.manifest.channel, stored, new_file, tuple(added),
                         count, count if pin else 0)


def _checked_pin(pin_file: bytes | None, key: Ed25519PublicKey, version: str,
                 scopes: Sequence[Scope], *, now: datetime) -> str | None:
    """The pin file as stored, after the checks a terminal will make; raises PublishError."""
    if pin_file is None:
        return None
    try:
        statement = verify_pin(pin_file, key, version=version, now=now, any_scope=True)
    except ReleaseError as exc:
        raise PublishError(f"pin refused ({exc.code}): {exc.message}") from None
    uncovered = [str(s) for s in scopes
                 if "county" not in statement.scopes and str(s) not in statement.scopes]
    if uncovered:
        raise PublishError(f"the signed pin names {', '.join(statement.scopes)}, not "
                           f"{', '.join(uncovered)}: sign a pin for the scopes you pin")
    return pin_file.decode("ascii")


def bundle_file_name(version: str) -> str:
    """The name of release ``version``'s bundle: what `county release build` writes without
    ``--out`` and what the county stores it as (``village-kiosk-1.4.0.bundle``)."""
    return f"village-kiosk-{version}.bundle"


def stored_bundle(engine: Engine, version: str) -> Path | None:
    """Where the county keeps the bundle of published ``version`` (None: never published)."""
    with engine.connect() as conn:
        path = conn.execute(select(Release.path).where(Release.version == version)).scalar()
    return None if path is None else Path(path)


def _store(bundle: VerifiedBundle, releases_dir: Path) -> Path:
    """Copy the verified bundle into ``releases_dir`` atomically (kiosk.files.atomic_writer);
    the copy must hash the same, else nothing replaces the stored file."""
    final = (releases_dir / bundle_file_name(bundle.version)).resolve()
    digest = hashlib.sha256()
    with bundle.path.open("rb") as src, atomic_writer(final, mode=0o644) as dst:
        while chunk := src.read(_COPY_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
        if digest.hexdigest() != bundle.sha256:
            raise PublishError(f"{bundle.path} changed while it was being published")
    return final


def _terminals_in(scopes: Sequence[Scope]) -> ColumnElement[bool]:
    """Active terminals covered by any of ``scopes``."""
    clauses: list[ColumnElement[bool]] = []
    for scope in scopes:
        if scope.kind == "county":
            clauses.append(true())
        elif scope.kind == "township":
            clauses.append(Terminal.township == scope.target)
        else:
            clauses.append(Terminal.id == scope.target)
    return and_(Terminal.revoked_at.is_(None), or_(false(), *clauses))


def _covers(who: TerminalScope) -> ColumnElement[bool]:
    """Scope rows that include the terminal ``who``."""
    return or_(ReleaseScope.kind == "county",
               and_(ReleaseScope.kind == "township", ReleaseScope.target == who.township),
               and_(ReleaseScope.kind == "terminal", ReleaseScope.target == who.terminal_id))


def _rows_within(scope: Scope) -> ColumnElement[bool]:
    """Scope rows lying inside ``scope`` (the scope itself included)."""
    if scope.kind == "county":
        return true()
    if scope.kind == "terminal":
        return and_(ReleaseScope.kind == "terminal", ReleaseScope.target == scope.target)
    members = select(Terminal.id).where(Terminal.township == scope.target)
    return or_(and_(ReleaseScope.kind == "township", ReleaseScope.target == scope.target),
               and_(ReleaseScope.kind == "terminal", ReleaseScope.target.in_(members)))


_PINS = (select(ReleaseScope.version, ReleaseScope.kind, ReleaseScope.target)
         .join(Release, Release.version == ReleaseScope.version)
         .where(ReleaseScope.pinned_at.is_not(None), Release.withdrawn_at.is_(None))
         .order_by(ReleaseScope.pinned_at, ReleaseScope.id))


def _effective_pins(conn: Connection) -> dict[str, tuple[str, Scope]]:
    """Active terminal id → (version, scope of the pin) for every pinned terminal.

    The latest pin covering a terminal wins, as in :func:`offer_for`. One
    pass over terminals × pinned scopes: a county has hundreds of terminals
    and a handful of pins.
    """
    pins = conn.execute(_PINS).all()
    terminals = conn.execute(select(Terminal.id, Terminal.township)
                             .where(Terminal.revoked_at.is_(None))).all()
    out: dict[str, tuple[str, Scope]] = {}
    for t in terminals:
        for p in pins:
            if (p.kind == "county" or (p.kind == "township" and p.target == t.township)
                    or (p.kind == "terminal" and p.target == t.id)):
                out[t.id] = (p.version, Scope(p.kind, p.target))
    return out


# --- what a terminal is offered -------------------------------------------------------------

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
    offerable = [Release.withdrawn_at.is_(None), _covers(who)]
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
            ReleaseScope.version == version, _covers(who)).limit(1)).first() is None:
        return None
    return StoredBundle(version, Path(row.path), row.size, row.sha256)


# --- listing, unpinning, withdrawing ---------------------------------------------------------

@dataclass(frozen=True)
class ReleaseRow:
    """One release as `county release list` shows it."""

    version: str
    channel: str
    size: int
    sha256: str
    key_id: str
    created_at: datetime
    expires_at: datetime
    published_at: datetime
    withdrawn_at: datetime | None
    scopes: tuple[str, ...]
    pinned_terminals: tuple[str, ...]
    """Active terminals this release is the pin of (through any pinned scope)."""
    path: str
    pinned_scopes: tuple[str, ...] = ()
    running: int = 0
    """Active terminals whose last heartbeat reported this version."""
    failed: int = 0
    """Active terminals whose last install attempt was this version and did not succeed
    (refused, reverted or failed)."""


_FAILED = ("refused", "reverted", "failed")


def list_releases(engine: Engine) -> list[ReleaseRow]:
    """Every release, newest version first, with its scopes, pins, and how many active
    terminals run it and failed to install it (two GROUP BY counts)."""
    active = Terminal.revoked_at.is_(None)
    with engine.connect() as conn:
        releases = conn.execute(select(Release)).all()
        scopes = conn.execute(select(ReleaseScope.version, ReleaseScope.kind,
                                     ReleaseScope.target, ReleaseScope.pinned_at)
                              .order_by(ReleaseScope.id)).all()
        pins = _effective_pins(conn)
        running = {v: n for v, n in conn.execute(
            select(Terminal.version, func.count()).where(active).group_by(Terminal.version))}
        failed = {v: n for v, n in conn.execute(
            select(Terminal.update_version, func.count())
            .where(active, Terminal.update_result.in_(_FAILED))
            .group_by(Terminal.update_version))}
    out = []
    for r in sorted(releases, key=lambda r: Version(r.version), reverse=True):
        mine = [s for s in scopes if s.version == r.version]
        out.append(ReleaseRow(
            r.version, r.channel, r.size, r.sha256, r.key_id, r.created_at, r.expires_at,
            r.published_at, r.withdrawn_at,
            tuple(str(Scope(s.kind, s.target)) for s in mine),
            tuple(sorted(t for t, (v, _) in pins.items() if v == r.version)), r.path,
            tuple(str(Scope(s.kind, s.target)) for s in mine if s.pinned_at is not None),
            int(running.get(r.version, 0)), int(failed.get(r.version, 0))))
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
        conn.execute(update(ReleaseScope).where(or_(*(_rows_within(s) for s in chosen)))
                     .values(pinned_at=None))
        after = _effective_pins(conn)
        inside = {row.id for row in conn.execute(select(Terminal.id)
                                                 .where(_terminals_in(chosen)))}
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
