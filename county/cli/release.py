"""`county release keygen | build | pin | trust | publish | list | unpin | withdraw`.

keygen, build and pin run on the offline machine with the private key and touch
no database; the others run where the county database is. The IT-staff
guide (docs/it-staff-guide.md, "Software releases") walks through them.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from county.cli.common import (
    CliError,
    Subparsers,
    add_config_option,
    add_db_options,
    check_config,
    county_config,
    open_db,
    open_listing_db,
    print_json,
)
from county.cli.release_keys import register_rotation
from kiosk import clock
from kiosk.files import atomic_write_bytes
from kiosk.textsafe import say
from kiosk.timefmt import format_local_zoned

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from county.releases import Scope

__all__ = ["DEFAULT_RELEASES", "register", "releases_dir"]


def _now() -> datetime:
    return clock.now()


#: Where bundles are kept when nothing says otherwise and the database is not an SQLite
#: file (PostgreSQL): a fixed folder, never the working directory (which may be the
#: USB stick the bundle came on). docs/it-staff-guide.md, "Software releases".
DEFAULT_RELEASES = Path("/var/lib/village-county/releases")


def releases_dir(args: argparse.Namespace, engine: Engine) -> Path:
    """Where published bundles are kept.

    ``--releases-dir``, else ``[county] releases`` of ``--config`` (a relative
    folder is taken from the config file's folder), else
    ``$VILLAGE_COUNTY_RELEASES``, else ``releases/`` next to an SQLite
    database file, else :data:`DEFAULT_RELEASES` — never the working
    directory. Every server process must be able to read it (the database
    stores the full path).
    """
    chosen = (getattr(args, "releases_dir", None) or county_config(args).releases
              or os.environ.get("VILLAGE_COUNTY_RELEASES"))
    if chosen:
        return Path(chosen).resolve()
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).resolve().parent / "releases"
    return DEFAULT_RELEASES


def _scopes(values: list[str] | None) -> list[Scope]:
    from county.releases import parse_scope

    try:
        return [parse_scope(v) for v in values or []]
    except ValueError as exc:
        raise CliError(str(exc)) from None


# --- offline: keys and bundles --------------------------------------------------------------

def _keygen(args: argparse.Namespace) -> int:
    from sync.protocol.release import key_id, load_public_key, write_keypair

    check_config(args)
    try:
        private_path, public_path = write_keypair(args.out)
    except FileExistsError as exc:
        raise CliError(str(exc)) from None
    kid = key_id(load_public_key(public_path))
    say(f"release key {kid}: private key {private_path} (keep it offline, back it up), "
        f"public key {public_path} (give it to `county release trust`)")
    return 0


def _build(args: argparse.Namespace) -> int:
    from county.releases import bundle_file_name
    from county.releases.build import BuildError, build_release
    from sync.protocol.release import DEFAULT_CHANNEL

    check_config(args)
    out = args.out or Path(bundle_file_name(args.version))
    try:
        manifest = build_release(args.src, out, version=args.version, key_path=args.key,
                                 channel=DEFAULT_CHANNEL if args.channel is None
                                 else args.channel, expires_days=args.expires_days,
                                 now=_now(), python=args.python, find_links=args.find_links,
                                 no_build_isolation=args.no_build_isolation,
                                 urgent=args.urgent)
    except BuildError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(manifest.model_dump(mode="json"))
        return 0
    say(f"release {manifest.version} ({manifest.channel}"
        + (", URGENT: terminals install it outside their window" if manifest.urgent else "")
        + f", {len(manifest.files)} wheels, "
        f"signed by key {manifest.key_id}, expires {format_local_zoned(manifest.expires_at)}) "
        f"written to {out}")
    return 0


def _sign_pin(args: argparse.Namespace) -> int:
    from sync.protocol.release import KeyFileError, key_id, load_private_key
    from sync.protocol.release.pin import pin_file_name, sign_pin

    check_config(args)
    scopes = [str(s) for s in _scopes(args.scope)] or ["county"]
    out = args.out or Path(pin_file_name(args.version))
    now = _now()
    try:
        key = load_private_key(args.key)
        data = sign_pin(key, args.version, scopes, now=now,
                        expires_at=now + timedelta(days=args.expires_days))
        atomic_write_bytes(out, data, mode=0o644)
    except (OSError, KeyFileError, ValueError) as exc:
        raise CliError(str(exc)) from None
    say(f"pin of release {args.version} for {', '.join(scopes)} signed by key "
        f"{key_id(key.public_key())}, valid {args.expires_days} days, written to {out} "
        f"(give it to `county release publish {args.version} --pin`)")
    return 0


# --- on the county server: trust, publish, list ---------------------------------------------

def _trust(args: argparse.Namespace) -> int:
    from county.releases import trust_key
    from sync.protocol.release import KeyFileError

    try:
        text = args.public_key.read_bytes()
        kid = trust_key(open_db(args), text)
    except (OSError, KeyFileError) as exc:
        raise CliError(f"{args.public_key}: {exc}") from None
    say(f"release key {kid} trusted: bundles are checked against it, and terminals "
        "enrolled from now on receive it")
    return 0


def _find_bundle(engine: Engine, version: str, store: Path) -> Path:
    """The bundle of ``version`` when ``--bundle`` is not given: the one `county release build`
    wrote here under its default name, else the copy the county stored when it was first
    published (publishing again to widen a scope or pin)."""
    from county.releases import bundle_file_name, stored_bundle

    name = bundle_file_name(version)
    here = Path.cwd() / name
    stored = stored_bundle(engine, version) or store / name
    for candidate in (here, stored):
        if candidate.is_file():
            return candidate
    raise CliError(f"no bundle of release {version}: neither {here} nor {stored} exists "
                   "(give --bundle FILE)")


def _publish(args: argparse.Namespace) -> int:
    from county.releases import PublishError, publish
    from sync.protocol.release.pin import pin_file_name

    engine = open_db(args)
    store = releases_dir(args, engine)
    bundle = args.bundle or _find_bundle(engine, args.version, store)
    pin_file = None
    if args.pin:
        pin_path = args.pin_file or Path(pin_file_name(args.version))
        try:
            pin_file = pin_path.read_bytes()
        except OSError as exc:
            raise CliError(f"--pin needs the pin signed with the release key: {pin_path}: "
                           f"{exc.strerror} (sign one offline with `county release pin "
                           f"{args.version} --key PRIVATE.pem`)") from None
    try:
        result = publish(engine, args.version, bundle,
                         releases_dir=store, scopes=_scopes(args.scope),
                         pin=args.pin, now=_now(), pin_file=pin_file)
    except PublishError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot store the bundle in {store}: {exc.strerror or exc} (set "
                       "[county] releases = \"DIR\" in --config, or --releases-dir DIR, to a "
                       "folder this user may write and the server may read)") from None
    if args.json:
        print_json({**asdict(result), "path": str(result.path)})
        return 0
    scopes = ", ".join(result.scopes_added) or "no new scope"
    urgent = ", URGENT: installed outside the terminals' window" if result.urgent else ""
    say(f"release {result.version} ({result.channel}{urgent}) published to {scopes}; "
        f"{result.terminals_in_scope} active terminal(s) in scope"
        + (f", {result.pinned} pinned to it" if args.pin else "")
        + f"; bundle at {result.path}")
    return 0


def _signed_urgent(bundle: Path) -> bool:
    """Whether the stored bundle's manifest says ``urgent`` (False when unreadable:
    `county release list` still lists the release).

    The county verified the bundle when it was published; this only reads its first
    member, ``manifest.json`` (a plain ustar header: docs/releases.md), with the
    standard library, so a listing loads neither cryptography nor pydantic.
    """
    import json

    try:
        with bundle.open("rb") as handle:
            header = handle.read(512)
            size = int(header[124:136].split(b"\0")[0].strip() or b"0", 8)
            if header[:100].rstrip(b"\0") != b"manifest.json" or size > 1 << 20:
                return False
            return json.loads(handle.read(size)).get("urgent") is True
    except (OSError, ValueError, AttributeError):
        return False


def _reasons(by_code: dict[str, int]) -> str:
    """`` (update.no_key 2, update.unhealthy 1)``; empty for no failure."""
    return f" ({', '.join(f'{code} {n}' for code, n in by_code.items())})" if by_code else ""


def _list(args: argparse.Namespace) -> int:
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    if isinstance(db, PlainDb):
        rows = plain_lists.list_releases(db)
    else:
        from county.releases import list_releases

        rows = list_releases(db)
    rows = [replace(r, urgent=_signed_urgent(Path(r.path))) for r in rows]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        say("no releases published (county release publish V [--bundle FILE])")
        return 0
    for r in rows:
        state = "WITHDRAWN" if r.withdrawn_at else ("EXPIRED" if r.expires_at <= _now() else "")
        state = ("URGENT " if r.urgent else "") + state
        pins = (f"  pinned: {', '.join(r.pinned_scopes)} ({len(r.pinned_terminals)} "
                f"terminal(s))" if r.pinned_scopes else "")
        say(f"{r.version:12} {r.channel:8} {r.size / 2**20:8.1f} MiB  key {r.key_id}  "
            f"expires {format_local_zoned(r.expires_at)}  to {', '.join(r.scopes) or '-'}"
            f"{pins}  running {r.running}, failed {r.failed}{_reasons(r.failed_by_code)}"
            f"  {state}".rstrip())
    return 0


def _unpin(args: argparse.Namespace) -> int:
    from county.releases import unpin

    result = unpin(open_db(args), _scopes(args.scope))
    say(f"{result.unpinned} terminal(s) unpinned: they are offered the newest release of "
        "their scope again")
    if result.still_pinned:
        say(f"still pinned by a wider scope: {', '.join(result.still_pinned)} "
            "(a pin belongs to the scope it was published to: unpin that scope)")
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    from county.releases import PublishError, withdraw

    try:
        unpinned = withdraw(open_db(args), args.version, now=_now())
    except PublishError as exc:
        raise CliError(str(exc)) from None
    say(f"release {args.version} withdrawn: no longer offered or served"
        + (f"; {unpinned} terminal(s) unpinned" if unpinned else ""))
    return 0


def register(sub: Subparsers) -> None:
    """Add ``release`` and its actions to ``county``."""
    p = sub.add_parser("release", help="signed software releases for the terminals")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = actions.add_parser("keygen", help="create the release signing key (on an offline "
                                          "machine)")
    add_config_option(a)
    a.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="writes DIR/private.pem (mode 0600) and DIR/public.pem; refuses to "
                        "overwrite")
    a.set_defaults(handler=_keygen)

    a = actions.add_parser("build", help="build and sign a bundle from wheels or a checkout")
    add_config_option(a)
    a.add_argument("src", type=Path, metavar="SRC_DIR",
                   help="a folder of wheels, or a project checkout (built with pip wheel)")
    a.add_argument("--version", required=True, metavar="V",
                   help="the release version (PEP 440, e.g. 1.4.0). From a checkout the "
                        "bundle is built at V (written into a copy of pyproject.toml and "
                        "kiosk/__init__.py); from a folder of wheels the village-kiosk "
                        "wheel must have it")
    a.add_argument("--key", type=Path, required=True, metavar="PRIVATE.pem")
    a.add_argument("--out", type=Path, metavar="BUNDLE",
                   help="where to write the bundle (default: village-kiosk-V.bundle in the "
                        "current directory, where `county release publish V` looks for it)")
    # None: the handler applies DEFAULT_CHANNEL (its module loads only when a release
    # command runs, see county.cli).
    a.add_argument("--channel", default=None,
                   help="stable (default) or pilot: terminals install their channel only")
    a.add_argument("--expires-days", type=int, default=90,
                   help="days until terminals refuse the bundle (default 90)")
    a.add_argument("--python", default="cp311", help="target interpreter tag (default cp311)")
    a.add_argument("--find-links", type=Path, metavar="DIR",
                   help="build a checkout offline, with dependency wheels from DIR only")
    a.add_argument("--no-build-isolation", action="store_true",
                   help="build with the build backend installed here (offline builds)")
    a.add_argument("--urgent", action="store_true",
                   help="sign the release urgent: terminals install it as soon as nobody "
                        "is using them, outside their [update] window (a security fix)")
    a.add_argument("--json", action="store_true", help="print the manifest as JSON")
    a.set_defaults(handler=_build)

    a = actions.add_parser("pin", help="sign a pin: terminals may roll back to V (offline "
                                       "machine)")
    add_config_option(a)
    a.add_argument("version", metavar="V")
    a.add_argument("--key", type=Path, required=True, metavar="PRIVATE.pem")
    a.add_argument("--scope", action="append", metavar="SCOPE",
                   help="county (default), township:NAME or terminal:ID; repeatable: the "
                        "scopes `publish --pin` may pin with it")
    a.add_argument("--expires-days", type=int, default=30,
                   help="days the pin counts (default 30); after that terminals ignore it")
    a.add_argument("--out", type=Path, metavar="FILE",
                   help="default: village-kiosk-V.pin in the current directory, where "
                        "`county release publish V --pin` looks for it")
    a.set_defaults(handler=_sign_pin)

    a = actions.add_parser("trust", help="trust a release public key (county server)")
    add_db_options(a)
    a.add_argument("public_key", type=Path, metavar="PUBLIC.pem")
    a.set_defaults(handler=_trust)
    register_rotation(actions)

    a = actions.add_parser("publish", help="offer a verified bundle to terminals")
    add_db_options(a, json_output=True)
    a.add_argument("version", metavar="V")
    a.add_argument("--bundle", type=Path, metavar="FILE",
                   help="the bundle of V (default: village-kiosk-V.bundle in the current "
                        "directory, as `county release build` names it, else the copy "
                        "stored when V was first published)")
    a.add_argument("--scope", action="append", metavar="SCOPE",
                   help="county (default), township:NAME or terminal:ID; repeatable. "
                        "Publishing again with another scope widens the release")
    a.add_argument("--pin", action="store_true",
                   help="pin the scopes to V: their terminals, including ones enrolled "
                        "later, install it even if lower (rolling back); needs the pin "
                        "signed offline with `county release pin`")
    a.add_argument("--pin-file", type=Path, metavar="FILE",
                   help="the signed pin of V (default: village-kiosk-V.pin in the current "
                        "directory)")
    a.add_argument("--releases-dir", type=Path, metavar="DIR",
                   help="where bundles are kept (default: [county] releases, "
                        "$VILLAGE_COUNTY_RELEASES, releases/ next to an SQLite database, "
                        f"else {DEFAULT_RELEASES})")
    a.set_defaults(handler=_publish)

    a = actions.add_parser("list", help="published releases, their scopes and pins, how many "
                                        "terminals run or failed each")
    add_db_options(a, json_output=True)
    a.set_defaults(handler=_list)

    a = actions.add_parser("unpin", help="remove pins: terminals follow their scope again")
    add_db_options(a)
    a.add_argument("--scope", action="append", metavar="SCOPE",
                   help="county (default: every terminal), township:NAME or terminal:ID")
    a.set_defaults(handler=_unpin)

    a = actions.add_parser("withdraw", help="stop offering and serving a release")
    add_db_options(a)
    a.add_argument("version", metavar="V")
    a.set_defaults(handler=_withdraw)
