"""`kiosk update verify|install|status|recover|from-usb`: signed releases on the terminal.

Registered through the ``village_kiosk.kiosk_commands`` entry points. `install`
and `recover` run as root (the village-kiosk-update.path unit runs
``kiosk update install --ready`` when syncd drops a verified bundle into the
spool's ``ready/``, and the .timer every few minutes while one waits there for
the install window or for the kiosk to be idle (update.gate);
village-kiosk-recover runs ``kiosk update recover`` at boot). ``python -m
update.cli …`` is the same without loading the other command groups (fast: used
by the tests and at boot).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import clock
from kiosk.cli.common import CliError, Subparsers, add_common_options, load_cli_config, print_json
from kiosk.logfmt import log_event
from kiosk.release_dirs import ReleaseDirs
from kiosk.textsafe import say
from kiosk.timefmt import format_local_zoned
from kiosk.update_state import StateFiles
from kiosk.update_wait import clear_waiting, read_waiting, record_waiting

if TYPE_CHECKING:  # signatures (cryptography) and the installer load only when used
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from kiosk.config import Config
    from kiosk.update_window import Gate
    from update.errors import UpdateError
    from update.installer import UpdaterSettings

__all__ = ["main", "ready_pin_path", "register", "root_in_users_spool", "status_json"]

log = logging.getLogger("update.cli")


def register(sub: Subparsers) -> None:
    """Add the `update` command group."""
    p = sub.add_parser("update", help="signed software releases: verify, install, status")
    actions = p.add_subparsers(dest="update_command", metavar="ACTION", required=True)

    v = actions.add_parser("verify", help="check a bundle's signature, expiry and every hash")
    v.add_argument("bundle", type=Path, metavar="BUNDLE")
    v.add_argument("--pubkey", type=Path, metavar="FILE",
                   help="release public key (PEM); default: [update] pubkey, then the key "
                        "received at enrollment")
    add_common_options(v, db=False)
    v.set_defaults(handler=_verify)

    i = actions.add_parser("install", help="install a bundle (root): switch, restart, wait "
                                           "for health, revert if it does not come up")
    what = i.add_mutually_exclusive_group(required=True)
    what.add_argument("bundle", type=Path, metavar="BUNDLE", nargs="?")
    what.add_argument("--ready", action="store_true",
                      help="install the newest bundle syncd left in the spool's ready/")
    i.add_argument("--allow-downgrade", action="store_true",
                   help="allow a version lower than the current one (IT staff at the console)")
    add_common_options(i)
    i.set_defaults(handler=_install)

    s = actions.add_parser("status", help="installed versions, current, previous, last attempt")
    s.add_argument("--json", action="store_true", help="print JSON")
    add_common_options(s, db=False)
    s.set_defaults(handler=_status)

    r = actions.add_parser("recover", help="repair an interrupted install (run at boot)")
    add_common_options(r)
    r.set_defaults(handler=_recover)

    u = actions.add_parser("from-usb", help="verify the newest bundle on a USB stick and hand "
                                            "it to the installer (run as the kiosk user)")
    u.add_argument("path", type=Path, metavar="PATH", nargs="?",
                   help="the stick's mount point or a bundle file; default: [update] usb_dir")
    add_common_options(u, db=False)
    u.set_defaults(handler=_from_usb)


def ready_pin_path(bundle: Path) -> Path:
    """``ready/V.pin`` next to ``ready/V.tar``: the county's signed pin of V, if it pinned V."""
    return bundle.with_suffix(".pin")


def _settings(args: argparse.Namespace, config: Config) -> UpdaterSettings:
    from update.installer import UpdaterSettings

    return UpdaterSettings.from_config(config, getattr(args, "config", None))


def _verify(args: argparse.Namespace) -> int:
    from sync.protocol.release import KeyFileError, ReleaseError, load_public_key, verify_bundle
    from update.errors import UpdateError

    config = load_cli_config(args)
    try:
        key = load_public_key(args.pubkey) if args.pubkey else _release_key(config)
    except (OSError, KeyFileError) as exc:
        raise CliError(f"cannot read --pubkey {args.pubkey}: {exc}") from None
    except UpdateError as exc:
        raise CliError(_coded(exc)) from None
    try:
        bundle = verify_bundle(args.bundle, key, now=datetime.now(UTC))
    except ReleaseError as exc:
        raise CliError(f"{args.bundle}: refused: {exc.code}: "
                       f"{exc.message}") from None
    except OSError as exc:
        raise CliError(f"cannot read {args.bundle}: {exc.strerror}") from None
    m = bundle.manifest
    say(f"{args.bundle}: good: village-kiosk {m.version}, channel {m.channel}, "
        f"{len(m.files)} file(s), signed by key {m.key_id}, "
        f"expires {format_local_zoned(m.expires_at)}")
    return 0


def _coded(exc: UpdateError) -> str:
    """``code: message``, as `kiosk update` prints a refusal."""
    return f"{exc.code}: {exc.message}"


def _release_key(config: Config) -> Ed25519PublicKey:
    """The trusted release key (sync.protocol.release.trust); raises NoKeyError."""
    from sync.protocol.release.trust import ReleaseKeyError, load_release_key
    from update.errors import NoKeyError

    try:
        return load_release_key(config)
    except ReleaseKeyError as exc:
        raise NoKeyError(exc.message) from None


def _signed_pin(bundle: Path, key: Ed25519PublicKey, config: Config) -> str | None:
    """The version ``ready/V.pin`` lets this terminal roll back to, or None.

    The pin counts only if it is signed with the release key, pins V, has not
    expired and names this terminal, its township or the county
    (sync.protocol.release.pin). Anything else in ``ready/`` — such as the old
    unsigned ``{"pinned": true}`` note — allows nothing.
    """
    from kiosk.enrollment import EnrollmentError, load_enrollment
    from sync.protocol.release import ReleaseError
    from sync.protocol.release.pin import MAX_PIN_BYTES, verify_pin
    from update.errors import UpdateError
    from update.spool import open_spool_file

    version = bundle.name.removesuffix(".tar")
    try:
        handle, size = open_spool_file(bundle.parent, ready_pin_path(bundle).name,
                                       max_bytes=MAX_PIN_BYTES)
    except FileNotFoundError:
        return None
    except UpdateError as exc:
        log_event(log, logging.WARNING, "update_pin_ignored", version=version, code=exc.code,
                  error=exc.message)
        return None
    except OSError as exc:
        log_event(log, logging.WARNING, "update_pin_ignored", version=version, error=str(exc))
        return None
    with handle:
        data = handle.read(size)
    try:
        terminal_id: str | None = load_enrollment(config.enrollment.file).terminal_id
    except EnrollmentError:
        terminal_id = None
    try:
        verify_pin(data, key, version=version, now=datetime.now(UTC), terminal_id=terminal_id,
                   township=config.terminal.township or None)
    except ReleaseError as exc:
        log_event(log, logging.WARNING, "update_pin_ignored", version=version,
                  code=str(exc.code), error=exc.message)
        return None
    return version


def _deferred(root: Path, version: str, reason: str, message: str) -> int:
    """Leave the bundle in ``ready/`` for the next run; record and say why (exit 0)."""
    try:
        record_waiting(root, version=version, reason=reason, message=message,
                       now=clock.now().isoformat())
    except OSError as exc:
        log_event(log, logging.ERROR, "update_waiting_unrecorded", error=exc.strerror)
    log_event(log, logging.INFO, "update_waiting", version=version, reason=reason,
              why=message)
    say(f"{version}: not installed now: {message}; it stays in the spool and is tried again")
    return 0


def _install(args: argparse.Namespace) -> int:
    from update.errors import DeferredError, SpoolFileError, UpdateError
    from update.gate import check_gate, gate_ready
    from update.installer import install_bundle
    from update.spool import newest_ready, take_bundle

    config = load_cli_config(args)
    settings = _settings(args, config)
    handed: list[Path] = []
    taken: Path | None = None
    try:
        key = _release_key(config)
        pinned_version = None
        gate = None
        if args.ready:
            ready = config.update.spool / "ready"
            bundle = newest_ready(ready)
            if bundle is None:
                clear_waiting(settings.root)
                say(f"nothing to install in {ready}")
                return 0
            # Not now (outside the window, a villager at the screen): leave it all in ready/.
            held = gate_ready(bundle, settings, key, now=clock.now())
            if not held.go:
                return _deferred(settings.root, bundle.name.removesuffix(".tar"),
                                 held.reason, held.message)
            gate = functools.partial(_gate_now, check_gate, settings)
            handed = [p for p in ready.iterdir() if p.suffix in (".tar", ".json", ".pin")]
            pinned_version = _signed_pin(bundle, key, config)
            # The spool is the kiosk user's: work on root's own copy from here on.
            bundle = taken = take_bundle(bundle, settings.root / "incoming")
        else:
            bundle = args.bundle
        try:
            outcome = install_bundle(bundle, settings, public_key=key,
                                     pinned=bool(args.allow_downgrade),
                                     pinned_version=pinned_version, gate=gate)
        except DeferredError as exc:
            handed = []  # the spool keeps the bundle (and its pin) for the next run
            return _deferred(settings.root, exc.version, exc.reason, exc.message)
        if args.ready:
            clear_waiting(settings.root)
    except SpoolFileError as exc:
        raise CliError(f"refused [{exc.code}]: {exc.message}") from None
    except UpdateError as exc:
        if args.ready:
            clear_waiting(settings.root)
        raise CliError(_coded(exc)) from None
    except (OSError, sqlite3.Error) as exc:
        # Typically not root; or the backup could not be restored — the journal
        # stays, and `kiosk update recover` (at the latest the next boot) retries.
        raise CliError(f"install stopped: {exc} (install and recover run as root; "
                       "`kiosk update status` shows what is in flight)") from None
    finally:
        for path in [*handed, *([taken] if taken else [])]:
            # tried once; syncd fetches it again if the county still wants it
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    say(outcome.message)
    return 0


def _gate_now(check: Callable[..., Gate], settings: UpdaterSettings, urgent: bool) -> Gate:
    """The gate as the installer asks it (update.gate.check_gate at this moment)."""
    return check(settings, urgent=urgent, now=clock.now())


def status_json(settings: UpdaterSettings) -> dict[str, Any]:
    """The ``kiosk update status --json`` object."""
    dirs = ReleaseDirs(settings.root)
    state = StateFiles(settings.root)
    attempt = state.last_attempt()
    journal = state.journal()
    return {
        "root": str(settings.root),
        "installed": dirs.installed(),
        "current": dirs.current(),
        "previous": dirs.previous(),
        "last_attempt": asdict(attempt) if attempt else None,
        "in_flight": asdict(journal) if journal else None,
        "waiting": asdict(waiting) if (waiting := read_waiting(settings.root)) else None,
        "window": settings.window,
    }


def _status(args: argparse.Namespace) -> int:
    config = load_cli_config(args)
    data = status_json(_settings(args, config))
    ready = config.update.spool / "ready"
    data["ready"] = sorted(p.name for p in ready.glob("*.tar")) if ready.is_dir() else []
    if data["waiting"] and f"{data['waiting']['version']}.tar" not in data["ready"]:
        data["waiting"] = None  # gone from the spool since (syncd replaced it)
    if args.json:
        print_json(data)
        return 0
    say(f"current     {data['current'] or '- (none)'}")
    say(f"previous    {data['previous'] or '-'}")
    say(f"installed   {', '.join(data['installed']) or '-'}  (in {data['root']}/releases)")
    if data["ready"]:
        say(f"ready       {', '.join(data['ready'])}")
    attempt = data["last_attempt"]
    if attempt:
        say(f"last try    {attempt['version']} at {attempt['finished_at']}: "
            f"{attempt['result']} [{attempt['code']}] {attempt['message']}")
    if data["in_flight"]:
        say(f"in flight   {data['in_flight']['version']} (run `kiosk update recover`)")
    waiting = data["waiting"]
    if waiting:
        say(f"waiting     {waiting['version']}: {waiting['message']} (since "
            f"{waiting['since']}, checked {waiting['checked_at']})")
    say(f"window      {data['window'] or 'any time'}")
    return 0


def _recover(args: argparse.Namespace) -> int:
    from update.installer import recover

    config = load_cli_config(args)
    try:
        done = recover(_settings(args, config))
    except (OSError, sqlite3.Error) as exc:
        raise CliError(f"recovery failed: {exc}") from None
    for line in done:
        say(line)
    current = ReleaseDirs(config.update.root).current()
    say(f"current: {current or '- (no complete version installed)'}")
    return 0


def root_in_users_spool(euid: int, spool_owner: int) -> bool:
    """Whether `from-usb` runs as root on a spool another user owns (it must not)."""
    return euid == 0 and spool_owner != 0


def _from_usb(args: argparse.Namespace) -> int:
    from update.usb import check_usb

    config = load_cli_config(args)
    spool = config.update.spool
    with contextlib.suppress(FileNotFoundError):
        if root_in_users_spool(os.geteuid(), spool.stat().st_uid):
            # Files root made in the kiosk user's spool would block the next check.
            raise CliError(f"run as the owner of {spool}, e.g. "
                           "`sudo -u kiosk kiosk update from-usb`, not as root")
    stick = args.path or config.update.usb_dir
    check = check_usb(stick, config, now=datetime.now(UTC))
    what = f"{check.source}: " if check.source else ""
    if check.result == "ready":
        say(f"{what}good: village-kiosk {check.version} verified; handed to the installer "
            f"({config.update.spool / 'ready'}), installed at the next install window")
        return 0
    if check.result == "current":
        say(f"{what}village-kiosk {check.version} is installed already; nothing to do")
        return 0
    raise CliError(f"{stick}: {check.result} [{check.code}]: {check.message}")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m update.cli ACTION …`: this group alone; returns the exit code."""
    parser = argparse.ArgumentParser(prog="kiosk")
    register(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(["update", *(sys.argv[1:] if argv is None else argv)])
    try:
        code: int = args.handler(args)
        return code
    except CliError as exc:
        say(f"kiosk: error: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
